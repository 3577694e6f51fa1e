from django.urls import path, re_path

from .models import Thread
from .views import (
    bookmarks,
    feeds,
    follows,
    images,
    lists,
    mentions,
    posting,
    profiles,
    threads,
)

app_name = "discussions"
urlpatterns = [
    path("questions/", lists.question_list, name="questions"),
    path("questions/ask/", posting.ask, name="ask"),
    path("questions/needs-answer/", lists.needs_answer, name="needs_answer"),
    path(
        "questions/<int:pk>/<slug:slug>/",
        threads.thread_detail,
        {"kind": Thread.Kind.QUESTION},
        name="question",
    ),
    path("articles/", lists.article_list, name="articles"),
    path("articles/new/", posting.article_new, name="article_new"),
    path("articles/<int:pk>/edit/", posting.article_edit, name="article_edit"),
    path("articles/<int:pk>/review/", posting.article_review, name="article_review"),
    path(
        "articles/<int:pk>/<slug:slug>/",
        threads.thread_detail,
        {"kind": Thread.Kind.ARTICLE},
        name="article",
    ),
    path("conditions/", lists.condition_index, name="conditions"),
    path("conditions/<slug:slug>/", lists.condition_detail, name="condition"),
    path("conditions/<slug:slug>/feed/", feeds.ConditionFeed(), name="condition_feed"),
    path("threads/<int:pk>/feed/", feeds.ThreadRepliesFeed(), name="thread_feed"),
    path("threads/<int:pk>/members-only/", posting.members_only, name="members_only"),
    path("preview/", posting.preview, name="preview"),
    path("images/upload/", images.upload, name="image_upload"),
    re_path(r"^img/(?P<key>[0-9a-f]{32})\.(?P<ext>jpg|png|webp)$", images.serve, name="image"),
    re_path(
        r"^img/(?P<key>[0-9a-f]{32})-t\.(?P<ext>jpg|png|webp)$",
        images.serve_thumbnail,
        name="image_thumbnail",
    ),
    path("follow/", follows.toggle_follow, name="follow"),
    path("threads/<int:pk>/order/", threads.choose_order, name="reply_order"),
    path("u/<str:username>/", profiles.profile, name="profile"),
    path("r/<int:pk>/", threads.permalink, name="permalink"),
    path("r/<int:pk>/thread/", threads.subthread, name="subthread"),
    path("r/<int:pk>/reply/", posting.reply, name="reply"),
    path("r/<int:pk>/edit/", posting.edit, name="edit"),
    path("r/<int:pk>/delete/", posting.delete, name="delete"),
    path("r/<int:pk>/history/", threads.history, name="history"),
    path("r/<int:pk>/helpful/", posting.helpful, name="helpful"),
    path("r/<int:pk>/accept/", posting.accept, name="accept"),
    path("r/<int:pk>/bookmark/", bookmarks.bookmark, name="bookmark"),
    path("bookmarks/", bookmarks.bookmark_list, name="bookmarks"),
    path("mentions/", mentions.mention_suggestions, name="mentions"),
]

from django.urls import path

from . import views
from .models import Thread

app_name = "discussions"
urlpatterns = [
    path("questions/", views.question_list, name="questions"),
    path("questions/ask/", views.ask, name="ask"),
    path("questions/needs-answer/", views.needs_answer, name="needs_answer"),
    path(
        "questions/<int:pk>/<slug:slug>/",
        views.thread_detail,
        {"kind": Thread.Kind.QUESTION},
        name="question",
    ),
    path("articles/", views.article_list, name="articles"),
    path("articles/new/", views.article_new, name="article_new"),
    path("articles/<int:pk>/edit/", views.article_edit, name="article_edit"),
    path(
        "articles/<int:pk>/<slug:slug>/",
        views.thread_detail,
        {"kind": Thread.Kind.ARTICLE},
        name="article",
    ),
    path("threads/<int:pk>/feed/", views.ThreadRepliesFeed(), name="thread_feed"),
    path("preview/", views.preview, name="preview"),
    path("r/<int:pk>/", views.permalink, name="permalink"),
    path("r/<int:pk>/thread/", views.subthread, name="subthread"),
    path("r/<int:pk>/reply/", views.reply, name="reply"),
    path("r/<int:pk>/edit/", views.edit, name="edit"),
    path("r/<int:pk>/delete/", views.delete, name="delete"),
    path("r/<int:pk>/history/", views.history, name="history"),
    path("r/<int:pk>/helpful/", views.helpful, name="helpful"),
    path("r/<int:pk>/accept/", views.accept, name="accept"),
]

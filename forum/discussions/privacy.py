"""The discussions' part of a member's data export and account deletion: their posts
(with every revision), helpful marks, follows, read markers, the threads they started,
and which posts their treatment records were told on."""

from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q

from forum.accounts.models import User
from forum.conditions.models import Condition

from .models import (
    Bookmark,
    Follow,
    HelpfulMark,
    Post,
    PostRecord,
    PostRevision,
    Status,
    Thread,
    ThreadVisit,
)
from .services import delete_post

DELETED_TEXT = "[deleted]"
DELETED_HTML = "<p>[deleted]</p>"


def _url(obj: Post | Thread | Condition | User) -> str:
    return settings.SITE_URL + obj.get_absolute_url()


def export_member(member: User) -> dict[str, Any]:
    revisions = PostRevision.objects.order_by("number").select_related("editor")
    posts = (
        Post.objects.filter(author=member)
        .select_related("thread")
        .prefetch_related(Prefetch("revisions", queryset=revisions))
        .order_by("created_at", "id")
    )
    follows = (
        Follow.objects.filter(user=member)
        .select_related("thread", "condition", "member")
        .order_by("created_at", "pk")
    )
    marks = HelpfulMark.objects.filter(user=member).order_by("created_at")
    return {
        "posts": [_post(post, member) for post in posts],
        "helpful_marks_given": [
            {"post": _url(Post(pk=post_id)), "created_at": created_at}
            for post_id, created_at in marks.values_list("post_id", "created_at")
        ],
        "follows": [_follow(follow) for follow in follows],
        "threads_read": [
            {"thread": visit.thread.title, "url": _url(visit.thread), "last_read_at": visit.seen_at}
            for visit in ThreadVisit.objects.filter(user=member)
            .select_related("thread")
            .order_by("seen_at", "pk")
        ],
        "bookmarks": [
            {"post": _url(Post(pk=post_id)), "remind_on": remind_on, "created_at": created_at}
            for post_id, remind_on, created_at in Bookmark.objects.filter(user=member)
            .order_by("created_at", "pk")
            .values_list("post_id", "remind_on", "created_at")
        ],
        "treatments_told_on_posts": [
            {
                "treatment": treatment,
                "started_on": started_on,
                "post": _url(Post(pk=post_id)),
                "shown_with_the_post": shown,
            }
            for treatment, started_on, post_id, shown in PostRecord.objects.filter(
                record__member=member
            )
            .order_by("record__started_on", "pk")
            .values_list("record__treatment__name", "record__started_on", "post_id", "is_shown")
        ],
    }


def _post(post: Post, member: User) -> dict[str, Any]:
    thread = post.thread
    data: dict[str, Any] = {
        "url": _url(post),
        "thread": {"title": thread.title, "kind": thread.kind, "url": _url(thread)},
        "is_opening_post": post.is_opening,
        "status": post.status,
        "moderation_reason": post.moderation_reason,
        "created_at": post.created_at,
        "edited_at": post.edited_at,
        "body": post.body,
        "revisions": [
            {
                "number": revision.number,
                "title": revision.title,
                "body": revision.body,
                "created_at": revision.created_at,
                "edited_by_you": revision.editor_id == member.pk,
            }
            for revision in post.revisions.all()
        ],
    }
    if post.is_opening:
        data["thread"] |= {
            "published_at": thread.published_at,
            "summary": thread.summary,
            **{field: getattr(thread, field) for field in Thread.DETAIL_FIELDS},
        }
    return data


def _follow(follow: Follow) -> dict[str, Any]:
    target: dict[str, Any]
    if follow.thread is not None:
        target = {"thread": follow.thread.title, "url": _url(follow.thread)}
    elif follow.condition is not None:
        target = {"condition": follow.condition.name, "url": _url(follow.condition)}
    else:
        assert follow.member is not None
        target = {"member": follow.member.username, "url": _url(follow.member)}
    return target | {"muted": follow.muted, "created_at": follow.created_at}


def erase_member(member: User, *, keep_posts: bool) -> list[int]:
    """Detach the member from everything they wrote; returns the ids of removed posts.

    ``keep_posts``: posts stay, signed "[deleted member]". Otherwise each post's text
    (and history) becomes "[deleted]", in place, so the replies below keep their
    context. Drafts never stay. Every status change goes through the services, so the
    counters stay true. Helpful marks they gave stay (attached to the emptied account).
    """
    own_posts = Post.objects.filter(author=member)
    removing = own_posts if not keep_posts else own_posts.filter(thread__published_at__isnull=True)
    removed = list(removing.values_list("pk", flat=True))
    _remove_posts(ids=removed, actor=member)
    Post.images.through.objects.filter(post_id__in=removed).delete()
    own_posts.update(author=None)
    Thread.objects.filter(author=member).update(author=None)
    Thread.objects.filter(reviewed_by=member).update(reviewed_by=None, last_reviewed_on=None)
    PostRevision.objects.filter(editor=member).update(editor=None)
    Follow.objects.filter(Q(user=member) | Q(member=member)).delete()
    ThreadVisit.objects.filter(user=member).delete()
    Bookmark.objects.filter(user=member).delete()
    PostRecord.objects.filter(record__member=member).delete()  # the records go with treatments
    return removed


def images_in_kept_posts(member: User) -> list[int]:
    """Ids of the member's uploads that posts still show (posts kept at deletion), and
    the lead images of articles whose text stays."""
    shown = Post.images.through.objects.filter(image__uploader=member).values_list(
        "image_id", flat=True
    )
    leading = (
        Thread.objects.filter(lead_image__uploader=member)
        .exclude(opening_post__status=Status.DELETED)
        .values_list("lead_image_id", flat=True)
    )
    return sorted({*shown, *(pk for pk in leading if pk is not None)})


def _remove_posts(*, ids: list[int], actor: User) -> None:
    if not ids:
        return
    posts = Post.objects.filter(pk__in=ids)
    for post in posts.exclude(status=Status.DELETED).select_related("thread").order_by("-depth"):
        delete_post(post=post, actor=actor)
    # The words are gone, so is what they said about the member's health.
    posts.update(
        body=DELETED_TEXT, html=DELETED_HTML, red_flag="", red_flag_kind="", red_flag_pending=False
    )
    PostRevision.objects.filter(post__in=ids).delete()
    Thread.objects.filter(opening_post__in=ids).update(
        title=DELETED_TEXT,
        slug="deleted",
        summary="",
        **dict.fromkeys(Thread.DETAIL_FIELDS, ""),
    )

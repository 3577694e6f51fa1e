"""Writes with side effects on threads and posts: counters, revisions, paths.

Every change to a post goes through here, from the site and the admin alike, so
the counters and the revision history cannot be skipped.
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify

from forum.accounts.models import User
from forum.conditions.models import Condition
from forum.core.markdown import render_markdown

from .models import (
    MAX_DEPTH,
    PUBLIC_STATUSES,
    Follow,
    HelpfulMark,
    Post,
    PostRevision,
    Status,
    Thread,
    encode_path_step,
)
from .policy import screen_post
from .signals import answer_accepted, helpful_marked, post_published, post_status_changed


class ReplyTooDeep(ValueError):
    """The conversation is already nested as deep as a path can hold."""


def render_body(body: str) -> str:
    """Markdown to safe HTML, with @mentions of existing members linked to their profiles."""
    mentions = {
        user.username.lower(): user.get_absolute_url() for user in User.objects.mentioned_in(body)
    }
    return render_markdown(body, mentions=mentions)


def _slug_for(title: str) -> str:
    return slugify(title)[:160] or "thread"


def _lock_author(author):
    """Serialise one member's posts, so the throttle and duplicate checks cannot race.

    FOR NO KEY UPDATE, not FOR UPDATE: rows that merely point at the member (a
    notification being written for them meanwhile) must not wait on it, or the two
    transactions can deadlock on PostgreSQL.
    """
    get_user_model().objects.select_for_update(no_key=True).filter(pk=author.pk).first()


def _insert_post(*, thread, parent, author, body, html, created_at, screening=None) -> Post:
    post = Post.objects.create(
        thread=thread,
        parent=parent,
        author=author,
        body=body,
        html=html,
        status=screening.status if screening else Status.VISIBLE,
        moderation_reason=screening.reason if screening else "",
        red_flag=screening.red_flag if screening else "",
        depth=0 if parent is None else parent.depth + 1,
        created_at=created_at,
    )
    post.path = (parent.path if parent else "") + encode_path_step(post.pk)
    Post.objects.filter(pk=post.pk).update(path=post.path)
    transaction.on_commit(lambda: post_published.send(sender=Post, post=post), robust=True)
    return post


def _create_thread(
    *, kind, author, title, body, conditions, published_at, screen=True, **fields
) -> Thread:
    now = timezone.now()
    html = render_body(body)
    screening = None
    if screen:
        _lock_author(author)
        screening = screen_post(author=author, body=body, html=html)
    thread = Thread.objects.create(
        kind=kind,
        author=author,
        title=title,
        slug=_slug_for(title),
        created_at=now,
        published_at=published_at,
        last_activity_at=published_at or now,
        status=screening.status if screening else Status.VISIBLE,
        **fields,
    )
    thread.conditions.set(conditions)
    thread.opening_post = _insert_post(
        thread=thread,
        parent=None,
        author=author,
        body=body,
        html=html,
        created_at=published_at or now,
        screening=screening,
    )
    thread.save(update_fields=["opening_post"])
    return thread


@transaction.atomic
def ask_question(
    *,
    author,
    title: str,
    body: str,
    conditions: Iterable,
    details: dict | None = None,
    screen: bool = True,
) -> Thread:
    """Publish a question. ``details`` holds the optional structured fields.

    Raises ``policy.PostRefused`` when a posting rule says no.
    """
    extra = {k: v for k, v in (details or {}).items() if k in Thread.DETAIL_FIELDS}
    return _create_thread(
        kind=Thread.Kind.QUESTION,
        author=author,
        title=title,
        body=body,
        conditions=conditions,
        published_at=timezone.now(),
        screen=screen,
        **extra,
    )


@transaction.atomic
def write_article(
    *,
    author,
    title: str,
    summary: str,
    body: str,
    conditions: Iterable,
    publish: bool,
    reviewed_by=None,
    last_reviewed_on: date | None = None,
) -> Thread:
    return _create_thread(
        kind=Thread.Kind.ARTICLE,
        author=author,
        title=title,
        body=body,
        conditions=conditions,
        published_at=timezone.now() if publish else None,
        screen=False,
        summary=summary,
        reviewed_by=reviewed_by,
        last_reviewed_on=last_reviewed_on,
    )


@transaction.atomic
def post_reply(
    *, parent: Post, author, body: str, created_at: datetime | None = None, screen: bool = True
) -> Post:
    """Reply to a post (the opening post for a top-level reply or comment).

    Raises ``policy.PostRefused`` (or ``DuplicatePost``) when a posting rule says no;
    ``screen=False`` is for imports and demo content only.
    """
    if parent.depth >= MAX_DEPTH:
        raise ReplyTooDeep(
            "This conversation is nested as deeply as Medius allows; reply to an earlier message."
        )
    now = created_at or timezone.now()
    html = render_body(body)
    screening = None
    if screen:
        _lock_author(author)
        screening = screen_post(author=author, body=body, html=html, parent=parent)
    post = _insert_post(
        thread=parent.thread,
        parent=parent,
        author=author,
        body=body,
        html=html,
        created_at=now,
        screening=screening,
    )
    _count_transition(post, old=None, new=post.status, now=now)
    return post


def _count_transition(post: Post, *, old: str | None, new: str, now=None) -> None:
    """Keep the counters true when a reply appears, changes status or goes.

    ``reply_count`` counts visible replies; ``child_count`` counts what everyone sees
    in the tree (visible replies and "[deleted]" placeholders).
    """
    if post.is_opening:
        return
    was_counted, is_counted = old == Status.VISIBLE, new == Status.VISIBLE
    was_shown, is_shown = old in PUBLIC_STATUSES, new in PUBLIC_STATUSES
    if was_shown != is_shown:
        step = 1 if is_shown else -1
        Post.objects.filter(pk=post.parent_id).update(child_count=F("child_count") + step)
    if was_counted != is_counted:
        changes = {"reply_count": F("reply_count") + (1 if is_counted else -1)}
        if is_counted and now is not None:
            changes["last_activity_at"] = now
        Thread.objects.filter(pk=post.thread_id).update(**changes)


@transaction.atomic
def set_post_status(*, post: Post, status: str, reason: str = "") -> Post:
    """Change a post's moderation status, keeping counters and the thread in step.

    The moderation services call this and write the audit log; nothing else should
    change ``Post.status``.
    """
    old = post.status
    if old == status and post.moderation_reason == reason:
        return post
    post.status = status
    post.moderation_reason = reason
    post.save(update_fields=["status", "moderation_reason"])
    transaction.on_commit(
        lambda: post_status_changed.send(sender=Post, post=post, old=old, new=status),
        robust=True,
    )
    thread = post.thread
    if post.is_opening:
        Thread.objects.filter(pk=thread.pk).update(status=status)
        thread.status = status
    else:
        _count_transition(post, old=old, new=status)
        if status != Status.VISIBLE and thread.accepted_post_id == post.pk:
            Thread.objects.filter(pk=thread.pk).update(accepted_post=None)
            thread.accepted_post = None
    return post


@transaction.atomic
def edit_post(*, post: Post, editor, body: str, title: str | None = None) -> Post:
    """Change a post's text, keeping every earlier version in its revision history."""
    thread = post.thread
    title_changes = post.is_opening and title is not None and title != thread.title
    if body == post.body and not title_changes:
        return post
    now = timezone.now()
    last = post.revisions.order_by("-number").values_list("number", flat=True).first()
    if last is None:
        PostRevision.objects.create(
            post=post,
            number=1,
            title=thread.title if post.is_opening else "",
            body=post.body,
            editor=post.author,
            created_at=post.created_at,
        )
        last = 1
    if title_changes:
        thread.title = title
        thread.slug = _slug_for(title)
        thread.save(update_fields=["title", "slug"])
    post.body = body
    post.html = render_body(body)
    post.edited_at = now
    post.save(update_fields=["body", "html", "edited_at"])
    PostRevision.objects.create(
        post=post,
        number=last + 1,
        title=thread.title if post.is_opening else "",
        body=body,
        editor=editor,
        created_at=now,
    )
    return post


@transaction.atomic
def update_article(
    *,
    article: Thread,
    editor,
    title: str,
    summary: str,
    body: str,
    conditions: Iterable,
    publish: bool,
    reviewed_by=None,
    last_reviewed_on: date | None = None,
) -> Thread:
    edit_post(post=article.opening_post, editor=editor, body=body, title=title)
    article.refresh_from_db(fields=["title", "slug"])
    article.summary = summary
    article.reviewed_by = reviewed_by
    article.last_reviewed_on = last_reviewed_on
    if publish and article.published_at is None:
        article.published_at = article.last_activity_at = timezone.now()
        opening = article.opening_post
        transaction.on_commit(lambda: post_published.send(sender=Post, post=opening), robust=True)
    article.save(
        update_fields=[
            "summary", "reviewed_by", "last_reviewed_on", "published_at", "last_activity_at"
        ]
    )  # fmt: skip
    article.conditions.set(conditions)
    return article


@transaction.atomic
def delete_post(*, post: Post, actor) -> Post:
    """The author withdraws a post. A reply leaves "[deleted]" in place for its replies' sake."""
    if post.is_deleted:
        return post
    return set_post_status(post=post, status=Status.DELETED)


@transaction.atomic
def mark_helpful(*, post: Post, user) -> bool:
    """Record one helpful mark per member and reply. Returns False if it was already there."""
    _, created = HelpfulMark.objects.get_or_create(post=post, user=user)
    if created:
        Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") + 1)
        Thread.objects.filter(pk=post.thread_id).update(helpful_count=F("helpful_count") + 1)
        transaction.on_commit(
            lambda: helpful_marked.send(sender=Post, post=post, user=user), robust=True
        )
    return created


@transaction.atomic
def unmark_helpful(*, post: Post, user) -> bool:
    deleted, _ = HelpfulMark.objects.filter(post=post, user=user).delete()
    if deleted:
        Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") - 1)
        Thread.objects.filter(pk=post.thread_id).update(helpful_count=F("helpful_count") - 1)
    return bool(deleted)


@transaction.atomic
def accept_answer(*, thread: Thread, post: Post | None, actor) -> Thread:
    """Mark ``post`` as the accepted answer, replacing any earlier one; None clears it."""
    if post is not None and (post.thread_id != thread.pk or post.is_opening):
        raise ValueError("Only a reply in this thread can be its accepted answer.")
    previous = thread.accepted_post_id
    thread.accepted_post = post
    thread.save(update_fields=["accepted_post"])
    if post is not None and post.pk != previous:
        transaction.on_commit(
            lambda: answer_accepted.send(sender=Thread, thread=thread, post=post, actor=actor),
            robust=True,
        )
    return thread


@transaction.atomic
def recount_counters() -> dict[str, int]:
    """Recompute every denormalised counter from the rows it counts.

    Returns, per counter, how many rows were wrong (and are now fixed). The services
    keep the counters true as they go; this checks them, and mends them after a bulk
    import or a restore.
    """

    def count_of(queryset, field):
        return Coalesce(
            Subquery(
                queryset.filter(**{field: OuterRef("pk")})
                .order_by()
                .values(field)
                .annotate(n=Count("*"))
                .values("n")
            ),
            0,
        )

    def fix(model, field, expression) -> int:
        return model.objects.exclude(**{field: expression}).update(**{field: expression})

    replies = Post.objects.filter(depth__gt=0)
    return {
        "post.helpful_count": fix(Post, "helpful_count", count_of(HelpfulMark.objects, "post")),
        "post.child_count": fix(
            Post, "child_count", count_of(Post.objects.filter(status__in=PUBLIC_STATUSES), "parent")
        ),
        "thread.reply_count": fix(
            Thread, "reply_count", count_of(replies.filter(status=Status.VISIBLE), "thread")
        ),
        "thread.helpful_count": fix(
            Thread, "helpful_count", count_of(HelpfulMark.objects, "post__thread")
        ),
    }


def _follow_target(
    thread: Thread | None, condition: Condition | None, member: User | None
) -> dict[str, Thread | Condition | User]:
    target = {"thread": thread, "condition": condition, "member": member}
    named = {key: value for key, value in target.items() if value is not None}
    if len(named) != 1:
        raise ValueError("Name exactly one thing to follow: a thread, a condition or a member.")
    return named


@transaction.atomic
def follow(
    *,
    user: User,
    thread: Thread | None = None,
    condition: Condition | None = None,
    member: User | None = None,
) -> Follow:
    """Follow a thread, a condition or a member; following a muted thread again unmutes it."""
    target = _follow_target(thread, condition, member)
    existing, created = Follow.objects.get_or_create(user=user, **target)
    if not created and existing.muted:
        existing.muted = False
        existing.save(update_fields=["muted"])
    return existing


def follow_automatically(*, user: User, thread: Thread) -> Follow:
    """Follow a thread one posted in, unless one unfollowed it before (then it stays muted)."""
    existing, _ = Follow.objects.get_or_create(user=user, thread=thread)
    return existing


@transaction.atomic
def unfollow(
    *,
    user: User,
    thread: Thread | None = None,
    condition: Condition | None = None,
    member: User | None = None,
) -> None:
    """Stop following one thing. A thread is remembered as muted, so replying there again
    does not follow it anew; a condition or member follow is deleted."""
    target = _follow_target(thread, condition, member)
    if thread is not None:
        Follow.objects.update_or_create(user=user, thread=thread, defaults={"muted": True})
    else:
        Follow.objects.filter(user=user, **target).delete()

"""Writes with side effects on threads and posts: counters, revisions, paths.

Every change to a post goes through here, from the site and the admin alike, so
the counters, the revision history and the posting rules (``policy.screen_post`` and
``policy.screen_edit``) cannot be skipped. Single-line fields (titles, summaries,
question details) are cleaned here too (``forum.core.text.single_line``), whoever
calls.
"""

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify

from forum.accounts.models import TrustLevel, User
from forum.conditions.models import Condition
from forum.core import pagecache
from forum.core.markdown import render_markdown
from forum.core.text import single_line
from forum.images.models import Image
from forum.treatments.models import Treatment, TreatmentRecord
from forum.treatments.services import record_treatment

from . import images as post_images
from .images import KEEP, Keep
from .models import (
    MAX_DEPTH,
    PUBLIC_STATUSES,
    Bookmark,
    Follow,
    HelpfulMark,
    Post,
    PostRecord,
    PostRevision,
    Status,
    Thread,
    encode_path_step,
)
from .permissions import can_post_anonymously, can_review_article
from .policy import PostRefused, Screening, check_reply_target, screen_edit, screen_post
from .signals import answer_accepted, helpful_marked, post_published, post_status_changed


class ReplyTooDeep(ValueError):
    """The conversation is already nested as deep as a path can hold."""


class AnswerRefused(ValueError):
    """This post cannot be the thread's accepted answer; the message says why."""


class FollowRefused(ValueError):
    """This member may not follow one more member yet; the message says why."""


class ReviewRefused(ValueError):
    """This member cannot stamp a review on this thread; the message says why."""


ANONYMITY_REFUSED = (
    "Posting anonymously opens once you reach the basic trust level (a few approved posts "
    "and a few days here)."
)


def _check_anonymity(author: User, anonymous: bool) -> None:
    if anonymous and not can_post_anonymously(author):
        raise PostRefused(ANONYMITY_REFUSED)


def render_body(body: str, *, author: User | None = None) -> str:
    """Markdown to safe HTML, with @mentions of existing members linked to their profiles
    and the ``author``'s own uploaded images shown (any other image as its alt text)."""
    mentions = {
        user.username.lower(): user.get_absolute_url() for user in User.objects.mentioned_in(body)
    }
    return render_markdown(
        body, mentions=mentions, images=post_images.render_attributes(body, author=author)
    )


def _slug_for(title: str) -> str:
    return slugify(title)[:160] or "thread"


def _lock_author(author: User) -> None:
    """Serialise one member's posts, so the throttle and duplicate checks cannot race.

    FOR NO KEY UPDATE, not FOR UPDATE: rows that merely point at the member (a
    notification being written for them meanwhile) must not wait on it, or the two
    transactions can deadlock on PostgreSQL.
    """
    get_user_model().objects.select_for_update(no_key=True).filter(pk=author.pk).first()


def _red_flag_fields(screening: Screening | None) -> dict[str, str | bool]:
    hit = screening.red_flag if screening else None
    if hit is None:
        return {}
    return {"red_flag": hit.words[:200], "red_flag_kind": hit.kind, "red_flag_pending": True}


def _insert_post(
    *,
    thread: Thread,
    parent: Post | None,
    author: User,
    body: str,
    html: str,
    created_at: datetime,
    screening: Screening | None = None,
    anonymous: bool = False,
    content_note: str = "",
) -> Post:
    post = Post.objects.create(
        content_note=single_line(content_note)[:80],
        thread=thread,
        parent=parent,
        author=author,
        body=body,
        html=html,
        is_anonymous=anonymous,
        status=screening.status if screening else Status.VISIBLE,
        moderation_reason=screening.reason if screening else "",
        depth=0 if parent is None else parent.depth + 1,
        created_at=created_at,
        held_at=created_at if screening and screening.status == Status.HELD else None,
        **_red_flag_fields(screening),
    )
    post.path = (parent.path if parent else "") + encode_path_step(post.pk)
    Post.objects.filter(pk=post.pk).update(path=post.path)
    post_images.sync_post_images(post, new=True)
    transaction.on_commit(lambda: post_published.send(sender=Post, post=post), robust=True)
    pagecache.thread_changed(thread.pk)
    return post


def _create_thread(
    *,
    kind: str,
    author: User,
    title: str,
    body: str,
    conditions: Iterable[Condition],
    published_at: datetime | None,
    screen: bool = True,
    anonymous: bool = False,
    content_note: str = "",
    **fields: object,
) -> Thread:
    now = timezone.now()
    title = single_line(title)
    html = render_body(body, author=author)
    screening = None
    if screen:
        _check_anonymity(author, anonymous)
        _lock_author(author)
        screening = screen_post(author=author, title=title, body=body, html=html, kind=kind)
    thread = Thread.objects.create(
        kind=kind,
        author=author,
        title=title,
        slug=_slug_for(title),
        created_at=now,
        published_at=published_at,
        last_activity_at=published_at or now,
        status=screening.status if screening else Status.VISIBLE,
        is_anonymous=anonymous,
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
        anonymous=anonymous,
        content_note=content_note,
    )
    thread.save(update_fields=["opening_post"])
    return thread


@transaction.atomic
def ask_question(
    *,
    author: User,
    title: str,
    body: str,
    conditions: Iterable[Condition],
    details: dict[str, object] | None = None,
    screen: bool = True,
    anonymous: bool = False,
    members_only: bool = False,
    content_note: str = "",
) -> Thread:
    """Publish a question. ``details`` holds the optional structured fields.

    ``anonymous`` shows the asker as "Anonymous member" (basic trust level and above);
    ``members_only`` keeps the question from visitors, search engines and feeds;
    ``content_note`` folds the text under a note of its subject.
    Raises ``policy.PostRefused`` when a posting rule says no.
    """
    extra = {
        k: single_line(str(v)) for k, v in (details or {}).items() if k in Thread.DETAIL_FIELDS
    }
    return _create_thread(
        kind=Thread.Kind.QUESTION,
        author=author,
        title=title,
        body=body,
        conditions=conditions,
        published_at=timezone.now(),
        screen=screen,
        anonymous=anonymous,
        members_only=members_only,
        content_note=content_note,
        **extra,
    )


@transaction.atomic
def write_article(
    *,
    author: User,
    title: str,
    summary: str,
    body: str,
    conditions: Iterable[Condition],
    publish: bool,
    screen: bool = True,
    lead_image: Image | None = None,
    lead_image_alt: str = "",
) -> Thread:
    """Write an article, as a draft or published, with an optional lead image (one the
    author uploaded; its alt text required). A review stamp is never the author's to
    set: see ``record_review``."""
    if lead_image is not None and not single_line(lead_image_alt):
        raise PostRefused(post_images.MISSING_LEAD_ALT)
    article = _create_thread(
        kind=Thread.Kind.ARTICLE,
        author=author,
        title=title,
        body=body,
        conditions=conditions,
        published_at=timezone.now() if publish else None,
        screen=screen,
        summary=single_line(summary),
    )
    if lead_image is not None:
        post_images.set_lead_image(article, image=lead_image, alt=lead_image_alt, editor=author)
    return article


@transaction.atomic
def post_reply(
    *,
    parent: Post,
    author: User,
    body: str,
    created_at: datetime | None = None,
    screen: bool = True,
    anonymous: bool = False,
    content_note: str = "",
    red_flag_notice_first: bool = False,
) -> Post:
    """Reply to a post (the opening post for a top-level reply or comment).

    ``anonymous`` shows the reply as "Anonymous member" (basic trust level and above).
    ``red_flag_notice_first``: a text with a red flag raises ``policy.RedFlagNotice``
    and posts nothing, for a writer who has not seen the urgent-care notice yet.

    Raises ``policy.PostRefused`` (``ReplyRefused`` when the parent or its thread takes
    no replies, ``DuplicatePost``) when a posting rule says no; ``screen=False`` is for
    imports and demo content only, and skips those rules.
    """
    if screen:
        check_reply_target(parent=parent, author=author)
        _check_anonymity(author, anonymous)
    if parent.depth >= MAX_DEPTH:
        raise ReplyTooDeep(
            "This conversation is nested as deeply as Medius allows; reply to an earlier message."
        )
    now = created_at or timezone.now()
    html = render_body(body, author=author)
    screening = None
    if screen:
        _lock_author(author)
        screening = screen_post(
            author=author,
            body=body,
            html=html,
            parent=parent,
            kind=parent.thread.kind,
            notice_first=red_flag_notice_first,
        )
    post = _insert_post(
        thread=parent.thread,
        parent=parent,
        author=author,
        body=body,
        html=html,
        created_at=now,
        screening=screening,
        anonymous=anonymous,
        content_note=content_note,
    )
    _count_transition(post, old=None, new=post.status, now=now)
    return post


@transaction.atomic
def set_members_only(*, thread: Thread, members_only: bool) -> Thread:
    """Open a question to everyone or keep it for signed-in members.

    Its pages and every list change version, so no visitor is served a copy kept before.
    """
    if thread.members_only == members_only:
        return thread
    thread.members_only = members_only
    thread.save(update_fields=["members_only"])
    pagecache.thread_changed(thread.pk)
    return thread


def _count_transition(
    post: Post, *, old: str | None, new: str, now: datetime | None = None
) -> None:
    """Keep the counters true when a reply appears, changes status or goes.

    ``reply_count`` counts visible replies; ``child_count`` counts what everyone sees
    in the tree (visible replies and "[deleted]" placeholders).
    """
    if post.is_opening:
        return
    was_counted, is_counted = old == Status.VISIBLE, new == Status.VISIBLE
    was_shown, is_shown = old in PUBLIC_STATUSES, new in PUBLIC_STATUSES
    if was_shown != is_shown and post.parent_id is not None:
        step = 1 if is_shown else -1
        Post.objects.filter(pk=post.parent_id).update(child_count=F("child_count") + step)
    if was_counted != is_counted:
        changes: dict[str, object] = {"reply_count": F("reply_count") + (1 if is_counted else -1)}
        if is_counted and now is not None:
            changes["last_activity_at"] = now
        Thread.objects.filter(pk=post.thread_id).update(**changes)


@transaction.atomic
def set_post_status(*, post: Post, status: str, reason: str = "") -> Post:
    """Change a post's moderation status, keeping counters and the thread in step.

    The moderation services call this and write the audit log; nothing else should
    change ``Post.status``. It stamps ``held_at`` when a post is held and ``approved_at``
    when a held post becomes visible: how long review takes (``policy.typical_review_wait``)
    is read from those, as discussions may not read moderation's log.
    """
    old = post.status
    if old == status and post.moderation_reason == reason:
        return post
    post.status = status
    post.moderation_reason = reason
    changed = ["status", "moderation_reason"]
    if status != old and status == Status.HELD:
        post.held_at = timezone.now()
        changed.append("held_at")
    elif old == Status.HELD and status == Status.VISIBLE:
        post.approved_at = timezone.now()
        changed.append("approved_at")
    post.save(update_fields=changed)
    transaction.on_commit(
        lambda: post_status_changed.send(sender=Post, post=post, old=old, new=status),
        robust=True,
    )
    pagecache.thread_changed(post.thread_id)
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
def edit_post(
    *, post: Post, editor: User, body: str, title: str | None = None, screen: bool = True
) -> Post:
    """Change a post's text, keeping every earlier version in its revision history.

    The edit passes the same gate as a new post (``policy.screen_edit``): the newcomer
    link limit, the sandbox (a member still in it puts a visible post back to held) and
    red flags on title and body. Any change of the text clears a review stamp.
    Raises ``policy.PostRefused`` when a rule says no.
    """
    thread = post.thread
    title = single_line(title) if title is not None else None
    title_changes = post.is_opening and title is not None and title != thread.title
    if body == post.body and not title_changes:
        return post
    now = timezone.now()
    html = render_body(body, author=post.author)
    screening = None
    if screen:
        _lock_author(editor)
        screening = screen_edit(
            post=post,
            editor=editor,
            body=body,
            html=html,
            title=(title or thread.title) if post.is_opening else "",
        )
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
        assert title is not None
        thread.title = title
        thread.slug = _slug_for(title)
        thread.save(update_fields=["title", "slug"])
    if post.is_opening:
        _clear_review(thread)
    post.body = body
    post.html = html
    post.edited_at = now
    changed = ["body", "html", "edited_at"]
    if screening and screening.red_flag:
        for field, value in _red_flag_fields(screening).items():
            setattr(post, field, value)
            changed.append(field)
    post.save(update_fields=changed)
    post_images.sync_post_images(post)
    if screening and screening.status != post.status:
        set_post_status(post=post, status=screening.status, reason=screening.reason)
    pagecache.thread_changed(post.thread_id)
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
def refresh_post_html(*, post: Post) -> Post:
    """Render the post's body again, as after a moderator removed an image it shows (the
    text is the author's and stays; no revision is written)."""
    post.html = render_body(post.body, author=post.author)
    post.save(update_fields=["html"])
    post_images.sync_post_images(post)
    pagecache.thread_changed(post.thread_id)
    return post


def _clear_review(thread: Thread) -> None:
    """A review stamp vouches for the words the clinician read: new words clear it."""
    if thread.reviewed_by_id is not None or thread.last_reviewed_on is not None:
        thread.reviewed_by = None
        thread.last_reviewed_on = None
        thread.save(update_fields=["reviewed_by", "last_reviewed_on"])


@transaction.atomic
def update_article(
    *,
    article: Thread,
    editor: User,
    title: str,
    summary: str,
    body: str,
    conditions: Iterable[Condition],
    publish: bool,
    lead_image: Image | Keep | None = KEEP,
    lead_image_alt: str = "",
) -> Thread:
    """Save an article's text, summary and conditions, and publish a draft if asked.

    ``lead_image``: a new one (uploaded by the ``editor``), the present one with new alt
    text, None to take it away, or ``KEEP`` (the default) to leave it and its alt text.
    """
    opening = article.opening_post
    if opening is None:
        raise ValueError("An article always has its opening post.")
    if lead_image is not KEEP and lead_image is not None and not single_line(lead_image_alt):
        raise PostRefused(post_images.MISSING_LEAD_ALT)
    edit_post(post=opening, editor=editor, body=body, title=title)
    article.refresh_from_db(fields=["title", "slug", "reviewed_by", "last_reviewed_on"])
    summary = single_line(summary)
    if summary != article.summary:
        _clear_review(article)
    article.summary = summary
    if publish and article.published_at is None:
        article.published_at = article.last_activity_at = timezone.now()
        transaction.on_commit(lambda: post_published.send(sender=Post, post=opening), robust=True)
    article.save(update_fields=["summary", "published_at", "last_activity_at"])
    article.conditions.set(conditions)
    if lead_image is not KEEP:
        post_images.set_lead_image(article, image=lead_image, alt=lead_image_alt, editor=editor)
    pagecache.thread_changed(article.pk)
    return article


@transaction.atomic
def edit_thread(
    *,
    thread: Thread,
    editor: User,
    title: str,
    conditions: Iterable[Condition],
    summary: str | None = None,
    lead_image: Image | Keep | None = KEEP,
    lead_image_alt: str = "",
) -> Thread:
    """A thread's title, conditions and (for an article) summary and lead image, as the
    admin's change form edits them: the title through ``edit_post``, so it is screened and
    kept in the revision history like any other edit. ``lead_image`` as for
    ``update_article``."""
    opening = thread.opening_post
    if opening is None:
        raise ValueError("A thread always has its opening post.")
    if lead_image is not KEEP and not thread.is_article:
        raise ValueError("Only articles have a lead image.")
    if lead_image is not KEEP and lead_image is not None and not single_line(lead_image_alt):
        raise PostRefused(post_images.MISSING_LEAD_ALT)
    edit_post(post=opening, editor=editor, body=opening.body, title=title)
    thread.refresh_from_db(fields=["title", "slug", "reviewed_by", "last_reviewed_on"])
    if summary is not None:
        summary = single_line(summary)
        if summary != thread.summary:
            _clear_review(thread)
            thread.summary = summary
            thread.save(update_fields=["summary"])
    thread.conditions.set(conditions)
    if lead_image is not KEEP:
        post_images.set_lead_image(thread, image=lead_image, alt=lead_image_alt, editor=editor)
    pagecache.thread_changed(thread.pk)
    return thread


@transaction.atomic
def record_review(*, thread: Thread, reviewer: User, reviewed_on: date | None = None) -> Thread:
    """Stamp ``reviewer`` (a verified clinician other than the author) as having checked
    the thread's text, today unless ``reviewed_on`` says otherwise (imports, the demo).

    The clinician's own "Mark as reviewed by me" and a moderator's "mark as reviewed"
    both end here. Raises ``ReviewRefused``.
    """
    if not can_review_article(reviewer, thread):
        raise ReviewRefused("Only a verified clinician other than the author can review this.")
    thread.reviewed_by = reviewer
    thread.last_reviewed_on = reviewed_on or timezone.localdate()
    thread.save(update_fields=["reviewed_by", "last_reviewed_on"])
    pagecache.thread_changed(thread.pk)
    return thread


@transaction.atomic
def close_red_flag(*, post: Post) -> bool:
    """A moderator has acted on a flagged post: it leaves the red-flag part of the queue.

    The flag's words and kind stay on the post, for the record. Returns whether it was
    still waiting.
    """
    closed = Post.objects.filter(pk=post.pk, red_flag_pending=True).update(red_flag_pending=False)
    post.red_flag_pending = False
    return bool(closed)


@transaction.atomic
def delete_post(*, post: Post, actor: User) -> Post:
    """The author withdraws a post. A reply leaves "[deleted]" in place for its replies' sake."""
    if post.is_deleted:
        return post
    return set_post_status(post=post, status=Status.DELETED)


@transaction.atomic
def mark_helpful(*, post: Post, user: User) -> bool:
    """Record one helpful mark per member and reply. Returns False if it was already there."""
    _, created = HelpfulMark.objects.get_or_create(post=post, user=user)
    if created:
        Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") + 1)
        Thread.objects.filter(pk=post.thread_id).update(helpful_count=F("helpful_count") + 1)
        pagecache.thread_changed(post.thread_id)
        transaction.on_commit(
            lambda: helpful_marked.send(sender=Post, post=post, user=user), robust=True
        )
    return created


@transaction.atomic
def unmark_helpful(*, post: Post, user: User) -> bool:
    deleted, _ = HelpfulMark.objects.filter(post=post, user=user).delete()
    if deleted:
        Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") - 1)
        Thread.objects.filter(pk=post.thread_id).update(helpful_count=F("helpful_count") - 1)
        pagecache.thread_changed(post.thread_id)
    return bool(deleted)


@transaction.atomic
def accept_answer(*, thread: Thread, post: Post | None, actor: User | None) -> Thread:
    """Mark ``post`` as the accepted answer, replacing any earlier one; None clears it.

    Raises ``AnswerRefused`` for anything but a visible reply in this question by
    someone other than the asker.
    """
    if post is not None and post.thread_id != thread.pk:
        raise AnswerRefused("Only a reply in this thread can be its accepted answer.")
    if post is not None and not thread.accepts_as_answer(
        author_id=post.author_id, status=post.status, depth=post.depth
    ):
        if post.author_id is not None and post.author_id == thread.author_id:
            raise AnswerRefused("The asker's own reply cannot be the accepted answer.")
        raise AnswerRefused("That reply cannot be accepted.")
    previous = thread.accepted_post_id
    thread.accepted_post = post
    thread.save(update_fields=["accepted_post"])
    pagecache.thread_changed(thread.pk)
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

    def count_of(queryset: QuerySet[Any], field: str) -> Coalesce:
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

    def fix(model: type[Post] | type[Thread], field: str, expression: Coalesce) -> int:
        changed: int = model.objects.exclude(**{field: expression}).update(**{field: expression})
        return changed

    replies = Post.objects.filter(depth__gt=0)
    return {
        "post.helpful_count": fix(
            Post, "helpful_count", count_of(HelpfulMark.objects.all(), "post")
        ),
        "post.child_count": fix(
            Post, "child_count", count_of(Post.objects.filter(status__in=PUBLIC_STATUSES), "parent")
        ),
        "thread.reply_count": fix(
            Thread, "reply_count", count_of(replies.filter(status=Status.VISIBLE), "thread")
        ),
        "thread.helpful_count": fix(
            Thread, "helpful_count", count_of(HelpfulMark.objects.all(), "post__thread")
        ),
    }


def _follow_target(
    thread: Thread | None, condition: Condition | None, member: User | None
) -> dict[str, Any]:
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
    """Follow a thread, a condition or a member; following a muted thread again unmutes it.

    Members at the "new" trust level follow at most ``MEDIUS_NEW_MAX_MEMBER_FOLLOWS``
    members (``FollowRefused``): a fresh account following hundreds is how spam starts.
    """
    target = _follow_target(thread, condition, member)
    if member is not None and user.trust_level < TrustLevel.BASIC:
        followed = Follow.objects.filter(user=user, member__isnull=False).exclude(member=member)
        if followed.count() >= settings.MEDIUS_NEW_MAX_MEMBER_FOLLOWS:
            raise FollowRefused(
                f"New members can follow up to {settings.MEDIUS_NEW_MAX_MEMBER_FOLLOWS} members; "
                "this opens at the basic trust level."
            )
    existing, created = Follow.objects.get_or_create(user=user, **target)
    if not created and existing.muted:
        existing.muted = False
        existing.save(update_fields=["muted"])
    return existing


def follow_automatically(*, user: User, thread: Thread) -> None:
    """Follow a thread one posted in, unless one unfollowed it before (then it stays muted).

    One ``INSERT`` that does nothing when the member has a row for the thread already
    (followed or muted: the unique follow per member and thread), so a reply costs no
    read and no savepoint for it.
    """
    Follow.objects.bulk_create([Follow(user=user, thread=thread)], ignore_conflicts=True)


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


class BookmarkRefused(Exception):
    """A bookmark that cannot be saved as asked; the message says why, for the member."""


@transaction.atomic
def save_bookmark(*, user: User, post: Post, remind_on: date | None, today: date) -> Bookmark:
    """Save ``post`` for ``user`` (again: only the reminder changes), with an optional
    reminder date, which must not be in the past. A new date reminds anew."""
    if remind_on is not None and remind_on < today:
        raise BookmarkRefused("Choose a reminder date from today on, or leave it empty.")
    bookmark, created = Bookmark.objects.get_or_create(
        user=user, post=post, defaults={"remind_on": remind_on, "created_at": timezone.now()}
    )
    if not created and bookmark.remind_on != remind_on:
        bookmark.remind_on = remind_on
        bookmark.reminded_at = None
        bookmark.save(update_fields=["remind_on", "reminded_at"])
    return bookmark


@transaction.atomic
def remove_bookmark(*, user: User, post: Post) -> bool:
    """Forget a saved post; False if it was not saved."""
    deleted, _ = Bookmark.objects.filter(user=user, post=post).delete()
    return bool(deleted)


@transaction.atomic
def move_replies(*, source: Thread, target: Thread) -> int:
    """Move every reply of ``source`` into ``target``, keeping each branch's shape: the
    source's top-level replies become top-level replies of the target (same depth, so the
    depth limit holds), their paths re-rooted under the target's opening post. Counters of
    both threads are recounted; the source's accepted answer, now elsewhere, is cleared.
    Returns how many posts moved."""
    old_root, new_root = source.opening_post, target.opening_post
    assert old_root is not None and new_root is not None
    moving = list(Post.objects.filter(thread=source, depth__gt=0).select_for_update())
    cut = len(old_root.path)
    for post in moving:
        post.thread = target
        post.path = new_root.path + post.path[cut:]
        if post.parent_id == old_root.pk:
            post.parent = new_root
    Post.objects.bulk_update(moving, ["thread", "path", "parent"], batch_size=500)
    shown = Post.objects.filter(status__in=PUBLIC_STATUSES)
    for thread, root in ((source, old_root), (target, new_root)):
        root.child_count = shown.filter(parent=root).count()
        root.save(update_fields=["child_count"])
        replies = Post.objects.filter(thread=thread, depth__gt=0)
        thread.reply_count = replies.filter(status=Status.VISIBLE).count()
        thread.helpful_count = HelpfulMark.objects.filter(post__thread=thread).count()
        if thread.accepted_post_id and thread is source:
            thread.accepted_post = None
        thread.save(update_fields=["reply_count", "helpful_count", "accepted_post"])
        pagecache.thread_changed(thread.pk)
    return len(moving)


@transaction.atomic
def attach_record(
    *,
    post: Post,
    member: User,
    shown: bool,
    treatment: Treatment,
    condition: Condition | None,
    started_on: date,
    outcome: str,
    weeks: int | None = None,
    pain_before: int | None = None,
    pain_after: int | None = None,
    note: str = "",
) -> PostRecord:
    """Record what ``member`` tried (``treatments.services.record_treatment``: counted,
    followed up) and attach it to their own question or reply, shown beside it if
    ``shown``. Raises ValueError for someone else's post, ValidationError for a bad
    record (a start in the future)."""
    if post.author_id != member.pk:
        raise ValueError("A record goes only on its member's own post.")
    record = record_treatment(
        member=member,
        treatment=treatment,
        condition=condition,
        started_on=started_on,
        outcome=outcome,
        weeks=weeks,
        pain_before=pain_before,
        pain_after=pain_after,
        note=note,
    )
    link = PostRecord.objects.create(
        post=post, thread_id=post.thread_id, record=record, is_shown=shown
    )
    pagecache.thread_changed(post.thread_id)
    return link


@transaction.atomic
def ask_question_with_record(*, record: dict[str, Any] | None, **question: Any) -> Thread:
    """``ask_question``, and with it what the asker tried (``attach_record``'s arguments
    but the post and member), both or neither."""
    thread = ask_question(**question)
    if record is not None:
        assert thread.opening_post is not None
        attach_record(post=thread.opening_post, member=question["author"], **record)
    return thread


@transaction.atomic
def show_record(*, link: PostRecord, shown: bool) -> PostRecord:
    """Show an attached record beside its post, or stop showing it (it stays counted)."""
    PostRecord.objects.filter(pk=link.pk).update(is_shown=shown)
    link.is_shown = shown
    pagecache.thread_changed(link.thread_id)
    return link


def refresh_pages_showing_record(*, record: TreatmentRecord) -> None:
    """A record's outcome changed or the record is going: the pages of the threads it is
    attached to are made again (``treatments.signals.record_changed``), so a visitor's
    kept copy never shows a deleted record or an old outcome."""
    threads = PostRecord.objects.filter(record_id=record.pk).values_list("thread_id", flat=True)
    for thread_id in threads:
        pagecache.thread_changed(thread_id)

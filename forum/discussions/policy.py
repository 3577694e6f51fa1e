"""The one gate every member's text passes: suspension, throttle, duplicates, the newcomer
sandbox, link limits and red flags.

Every service that writes a member's text calls ``screen_post`` (asking, replying,
editing a question or a reply, writing and updating an article, the admin's change
form), so the site, the admin and any future API share one set of rules. A view may
look earlier (``red_flag_to_confirm``, for the urgent-care notice), never instead.

The thresholds are settings (``MEDIUS_*`` in forum/settings.py). Everything here reads
the database, not a cache, so the rules hold across workers and restarts; the
services call ``screen_post`` inside the posting transaction after locking the
writer's row, so two submissions at once are judged one after the other.

What applies to what:

=====================  ============  ==========  =================  ============
rule                   new question  new reply   edit               article
=====================  ============  ==========  =================  ============
suspension             yes           yes         yes                yes
duplicate              same title    same text,  no                 same title
                       and text      same parent                    and text
throttle, hourly cap   yes           yes         no (adds no post)  no
newcomer link limit    yes           yes         yes                (trusted)
sandbox (held)         yes           yes         visible -> held    (trusted)
red flags              title, body   body        title, body        no
=====================  ============  ==========  =================  ============

An edit by a member still in the sandbox puts a visible post back to held: a
moderator approved the words they saw, not the new ones. Articles are written by
editors and clinicians, who teach the red flags; their comments are screened.
"""

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from forum.accounts.models import TrustLevel, User
from forum.core.dates import clock_and_wait, rough_duration
from forum.core.markdown import find_images

from . import redflags, spam
from .models import Post, RedFlagKind, RedFlagPhrase, Status, Thread
from .permissions import is_moderator, is_trusted

SEVERITY = [RedFlagKind.CRISIS, RedFlagKind.URGENT]
SANDBOX_REASON = "A moderator checks new members' first posts before others see them."
SPAM_REASON = "Held for a moderator: it looks like spam to the filter, "
SANDBOX_EDIT_REASON = (
    "A moderator checks new members' posts, edits included, before others see them."
)


class PostRefused(Exception):
    """The post breaks a posting rule; the message says which, for the form."""


class DuplicatePost(PostRefused):
    """The author posted the same text in the same place moments ago (often a
    double-clicked submit)."""

    def __init__(self, message: str, existing: Post):
        super().__init__(message)
        self.existing = existing


class ReplyRefused(PostRefused):
    """The post replied to, or its thread, takes no replies (hidden, held, deleted,
    locked, a draft)."""


class RedFlagNotice(Exception):
    """The text carries a red flag its writer has not yet seen the urgent-care notice for
    (``screen_post(notice_first=True)``); nothing is posted."""

    def __init__(self, hit: redflags.Hit):
        super().__init__(hit.words)
        self.hit = hit


@dataclass
class Screening:
    """What the gate decided for a text it let through."""

    status: str
    reason: str = ""
    red_flag: redflags.Hit | None = None


def find_red_flag(text: str) -> redflags.Hit | None:
    """The most severe red flag in ``text`` (crisis before urgent), or None."""
    rows = tuple(
        RedFlagPhrase.objects.filter(is_active=True)
        .order_by("pk")
        .values_list("pk", "phrase", "kind", "ignore_negated")
    )
    return redflags.first_hit(redflags.compile_patterns(rows), text, order=SEVERITY)


def red_flag_text(*, title: str = "", body: str) -> str:
    """Title and body as one text for the patterns; a title ends a sentence."""
    return f"{title}.\n{body}" if title else body


def red_flag_to_confirm(
    *, title: str = "", body: str, post: Post | None = None, kind: str = Thread.Kind.QUESTION
) -> redflags.Hit | None:
    """The red flag a new text (or an edit of ``post``) would carry, for the notice.

    None for articles, and for an edit whose flag the post carries already.
    """
    if kind == Thread.Kind.ARTICLE:
        return None
    hit = find_red_flag(red_flag_text(title=title, body=body))
    if hit and post is not None and _already_flagged(post, hit):
        return None
    return hit


def _already_flagged(post: Post, hit: redflags.Hit) -> bool:
    return post.red_flag_kind == hit.kind and post.red_flag.casefold() == hit.words.casefold()


def count_links(html: str) -> int:
    return html.count("<a ")


def is_established(user: User, *, now: datetime | None = None, approved: int | None = None) -> bool:
    """Members who have been here a few days with some approved posts; trusted roles always.

    A trust level a moderator locked decides instead: locked at "new", the member keeps
    the newcomer limits; locked higher, they are lifted. ``approved``: the member's
    ``approved_posts``, if the caller counted them already.
    """
    if is_trusted(user):
        return True
    if user.trust_level_locked:
        return user.trust_level >= TrustLevel.BASIC
    now = now or timezone.now()
    if user.date_joined > now - timedelta(days=settings.MEDIUS_NEWCOMER_DAYS):
        return False
    if approved is None:
        approved = approved_posts(user)
    return approved >= settings.MEDIUS_NEWCOMER_APPROVED_POSTS


def approved_posts(user: User) -> int:
    """Posts of ``user`` that everyone can see: approved by a moderator, or visible from
    the start. Held, hidden and deleted ones never count."""
    return Post.objects.filter(author=user, status=Status.VISIBLE).count()


def in_sandbox(user: User, *, approved: int | None = None) -> bool:
    """A member whose posts wait for a moderator: until moderators have approved
    ``MEDIUS_NEWCOMER_HELD_POSTS`` of them, or while a moderator keeps them locked at the
    "new" trust level. Trusted roles never."""
    if is_trusted(user):
        return False
    if user.trust_level_locked:
        return user.trust_level == TrustLevel.NEW
    if settings.MEDIUS_NEWCOMER_HELD_POSTS <= 0:
        return False
    if approved is None:
        approved = approved_posts(user)
    return approved < settings.MEDIUS_NEWCOMER_HELD_POSTS


def check_can_post(author: User) -> None:
    if author.is_suspended:
        raise PostRefused(
            f"Your account cannot post until {author.suspended_until:%-d %B %Y}"
            + (f": {author.suspension_reason}" if author.suspension_reason else ".")
        )


MISSING_ALT_TEXT = (
    "Every image needs a short description for people who cannot see it: write it "
    "between the square brackets, as in ![A massage ball against the outer hip](…). "
    "Your text is kept below."
)


def check_alt_text(body: str) -> None:
    """An image written as ``![](…)`` (no alt text) is refused, whoever wrote it."""
    if any(not alt.strip() for _, alt in find_images(body)):
        raise PostRefused(MISSING_ALT_TEXT)


def check_reply_target(*, parent: Post, author: User) -> None:
    """Replies go under a visible post of a published thread, and a locked thread takes
    them from moderators only. Raises ``ReplyRefused`` with the sentence for the page."""
    thread = parent.thread
    if parent.status != Status.VISIBLE or thread.status != Status.VISIBLE:
        raise ReplyRefused("You cannot reply to a deleted or hidden post.")
    if thread.is_draft:
        raise ReplyRefused("A draft takes no replies until it is published.")
    if thread.is_locked and not is_moderator(author):
        raise ReplyRefused("This thread is locked: it takes no new replies.")


def screen_post(
    *,
    author: User,
    body: str,
    html: str,
    title: str = "",
    parent: Post | None = None,
    kind: str = Thread.Kind.QUESTION,
    notice_first: bool = False,
) -> Screening:
    """Judge a new post: refuse it (``PostRefused``) or say which status it starts in,
    and which red flag it carries.

    ``parent`` is the post replied to (None for a new thread of ``kind``). With
    ``notice_first``, a red flag raises ``RedFlagNotice`` before any other rule is
    weighed, as the view's ``red_flag_to_confirm`` would: the writer sees the urgent-care
    notice even when a rule then refuses the post.
    """
    now = timezone.now()
    red_flag = None
    if kind != Thread.Kind.ARTICLE or parent is not None:
        red_flag = find_red_flag(red_flag_text(title=title, body=body))
        if red_flag is not None and notice_first:
            raise RedFlagNotice(red_flag)
    check_can_post(author)
    check_alt_text(body)
    _check_duplicates_and_throttle(
        author=author, title=title, body=body, parent=parent, kind=kind, now=now
    )
    if kind == Thread.Kind.ARTICLE and parent is None:
        return Screening(status=Status.VISIBLE)
    screening = Screening(status=Status.VISIBLE)
    # Counted once for the sandbox, the spam screening and the newcomer limits.
    approved = None if is_trusted(author) or author.trust_level_locked else approved_posts(author)
    if in_sandbox(author, approved=approved):
        screening = Screening(status=Status.HELD, reason=SANDBOX_REASON)
    elif why := _likely_spam(author=author, body=body, html=html, parent=parent, approved=approved):
        screening = Screening(status=Status.HELD, reason=SPAM_REASON + why + ".")
    if not is_established(author, now=now, approved=approved):
        _check_link_limit(html)
        _check_hourly_limit(author, now)
    screening.red_flag = red_flag
    return screening


def _likely_spam(
    *, author: User, body: str, html: str, parent: Post | None, approved: int | None
) -> str | None:
    """Spam screening applies to low-trust accounts: not yet established (the newcomer
    thresholds, or a level locked at "new"), below the "member" level, not a trusted role."""
    if not settings.MEDIUS_SPAM_SCREENING or author.trust_level >= TrustLevel.MEMBER:
        return None
    if is_established(author, approved=approved):
        return None
    thread_id = parent.thread_id if parent else None
    return spam.likely_spam(author=author, body=body, html=html, thread_id=thread_id)


def screen_edit(*, post: Post, editor: User, body: str, html: str, title: str = "") -> Screening:
    """Judge an edit of ``post`` by ``editor`` (its author or a moderator).

    The status is the one the post should have after the edit: held if the editor is
    still in the sandbox and the post was visible, otherwise unchanged. The red flag is
    set only when the edit brings one the post does not carry already.
    """
    check_can_post(editor)
    check_alt_text(body)
    status, reason = post.status, post.moderation_reason
    if post.thread.is_article and post.is_opening:
        return Screening(status=status, reason=reason)
    if not is_established(editor):
        _check_link_limit(html)
    if post.status == Status.VISIBLE and in_sandbox(editor):
        status, reason = Status.HELD, SANDBOX_EDIT_REASON
    hit = find_red_flag(red_flag_text(title=title, body=body))
    if hit and _already_flagged(post, hit):
        hit = None
    return Screening(status=status, reason=reason, red_flag=hit)


def _check_duplicates_and_throttle(
    *, author: User, title: str, body: str, parent: Post | None, kind: str, now: datetime
) -> None:
    """A duplicate is the same text in the same place: a reply with the same body under
    the same parent, or a thread of the same kind with the same title and body, by the
    same author within the window. It leads to the post that exists. Anything else is a
    new post, subject to the minimum interval between two posts."""
    window = timedelta(minutes=settings.MEDIUS_DUPLICATE_WINDOW_MINUTES)
    min_interval = timedelta(seconds=settings.MEDIUS_POST_MIN_INTERVAL_SECONDS)
    recent = list(
        Post.objects.filter(author=author, created_at__gte=now - max(window, min_interval))
        .exclude(status=Status.DELETED)
        .order_by("-created_at")
        .values("id", "body", "parent_id", "depth", "created_at", "thread__title", "thread__kind")
    )
    text = body.strip()
    for row in recent:
        if row["created_at"] < now - window or row["body"].strip() != text:
            continue
        same_place = (
            row["parent_id"] == parent.pk
            if parent is not None
            else row["depth"] == 0 and row["thread__kind"] == kind and row["thread__title"] == title
        )
        if same_place:
            raise DuplicatePost(
                "You posted exactly this a moment ago.",
                existing=Post.objects.select_related("thread").get(pk=row["id"]),
            )
    if kind == Thread.Kind.ARTICLE and parent is None:
        return
    if recent and recent[0]["created_at"] > now - min_interval:
        wait = int((recent[0]["created_at"] + min_interval - now).total_seconds()) + 1
        raise PostRefused(f"Please wait {wait} seconds before posting again.")


def _check_link_limit(html: str) -> None:
    if count_links(html) > settings.MEDIUS_NEWCOMER_MAX_LINKS:
        raise PostRefused(
            f"New members can include at most {settings.MEDIUS_NEWCOMER_MAX_LINKS} links in a "
            "post. Remove some links, or describe where to find the page."
        )


def _check_hourly_limit(author: User, now: datetime) -> None:
    """At most MEDIUS_NEWCOMER_POSTS_PER_HOUR posts in any hour. The refusal says when the
    next one is allowed: when enough of the hour's posts have left the window that one
    more fits, which for a member exactly at the limit is an hour after the oldest."""
    limit = settings.MEDIUS_NEWCOMER_POSTS_PER_HOUR
    window = timedelta(hours=1)
    times = list(
        Post.objects.filter(author=author, created_at__gte=now - window)
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
    if len(times) >= limit:
        again = times[len(times) - limit] + window
        raise PostRefused(
            f"New members can post {limit} times an hour. You can post again "
            f"{clock_and_wait(again, now)}. Your text is kept below."
        )


REVIEW_WINDOW = timedelta(days=30)
REVIEW_CACHE_KEY = "medius:typical-review-wait"
REVIEW_CACHE_SECONDS = 600


def typical_review_wait(*, now: datetime | None = None) -> timedelta | None:
    """How long review usually takes: the median time from a post being held to its
    approval, over the approvals of the last 30 days (None when there were none).

    Read from the posts' own ``held_at`` and ``approved_at`` (``set_post_status`` stamps
    them) and kept in the cache for ten minutes, so a page that shows it costs one cache
    read. A post hidden instead of approved is not counted: its author is told why.
    """
    cached = cache.get(REVIEW_CACHE_KEY)
    if isinstance(cached, int | float):
        return timedelta(seconds=cached) if cached >= 0 else None
    now = now or timezone.now()
    waits = [
        (approved - held).total_seconds()
        for held, approved in Post.objects.approved_since(now - REVIEW_WINDOW).values_list(
            "held_at", "approved_at"
        )
        if held is not None and approved is not None and approved >= held
    ]
    seconds = statistics.median(waits) if waits else -1
    cache.set(REVIEW_CACHE_KEY, seconds, REVIEW_CACHE_SECONDS)
    return timedelta(seconds=seconds) if seconds >= 0 else None


def review_wait_text() -> str:
    """What a member whose post is held reads: how long review usually takes, and what
    happens next."""
    wait = typical_review_wait()
    if wait is None:
        timing = "Moderators check held posts as soon as they can."
    else:
        timing = (
            f"Review usually takes {rough_duration(wait)} (the middle figure of the last 30 days)."
        )
    return f"{timing} You can still edit it, and you will get a notification when it is approved."

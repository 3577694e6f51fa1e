"""What happens when a member posts: suspension, throttle, duplicates, the newcomer sandbox
and red-flag phrases.

The thresholds are settings (``MEDIUS_*`` in forum/settings.py). Everything here reads
the database, not a cache, so the rules hold across workers and restarts; the
services call ``screen_post`` inside the posting transaction after locking the
author's row, so two submissions at once are judged one after the other.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import Post, RedFlagPhrase, Status
from .permissions import is_trusted


class PostRefused(Exception):
    """The post breaks a posting rule; the message says which, for the form."""


class DuplicatePost(PostRefused):
    """The author posted the same text moments ago (often a double-clicked submit)."""

    def __init__(self, message, existing: Post):
        super().__init__(message)
        self.existing = existing


@dataclass
class Screening:
    status: str
    reason: str = ""
    red_flag: str = ""


def find_red_flag(text: str) -> RedFlagPhrase | None:
    lowered = text.lower()
    for phrase in RedFlagPhrase.objects.filter(is_active=True):
        if phrase.phrase.lower() in lowered:
            return phrase
    return None


def count_links(html: str) -> int:
    return html.count("<a ")


def is_established(user, *, now=None) -> bool:
    """Members who have been here a few days with some approved posts; trusted roles always."""
    if is_trusted(user):
        return True
    now = now or timezone.now()
    if user.date_joined > now - timedelta(days=settings.MEDIUS_NEWCOMER_DAYS):
        return False
    approved = Post.objects.filter(author=user, status=Status.VISIBLE).count()
    return approved >= settings.MEDIUS_NEWCOMER_APPROVED_POSTS


def screen_post(*, author, body: str, html: str, parent: Post | None = None) -> Screening:
    """Refuse the post (PostRefused) or say which status it starts in and why."""
    now = timezone.now()
    if author.is_suspended:
        raise PostRefused(
            f"Your account cannot post until {author.suspended_until:%-d %B %Y}"
            + (f": {author.suspension_reason}" if author.suspension_reason else ".")
        )
    recent = list(
        Post.objects.filter(
            author=author,
            created_at__gte=now - timedelta(minutes=settings.MEDIUS_DUPLICATE_WINDOW_MINUTES),
        )
        .exclude(status=Status.DELETED)
        .order_by("-created_at")
        .only("id", "body", "parent_id", "created_at", "thread_id")
    )
    for post in recent:
        if post.body.strip() == body.strip():
            raise DuplicatePost("You posted exactly this a moment ago.", existing=post)
    min_interval = timedelta(seconds=settings.MEDIUS_POST_MIN_INTERVAL_SECONDS)
    if recent and recent[0].created_at > now - min_interval:
        wait = int((recent[0].created_at + min_interval - now).total_seconds()) + 1
        raise PostRefused(f"Please wait {wait} seconds before posting again.")

    screening = Screening(status=Status.VISIBLE)
    if not is_trusted(author):
        earlier = Post.objects.filter(author=author).exclude(status=Status.DELETED).count()
        if earlier < settings.MEDIUS_NEWCOMER_HELD_POSTS:
            screening = Screening(
                status=Status.HELD,
                reason="A moderator checks new members' first posts before others see them.",
            )
        if not is_established(author, now=now):
            _check_newcomer_limits(author, html, now)
    if flag := find_red_flag(body):
        screening.red_flag = flag.phrase
    return screening


def _check_newcomer_limits(author, html, now):
    if count_links(html) > settings.MEDIUS_NEWCOMER_MAX_LINKS:
        raise PostRefused(
            f"New members can include at most {settings.MEDIUS_NEWCOMER_MAX_LINKS} links in a "
            "post. Remove some links, or describe where to find the page."
        )
    last_hour = Post.objects.filter(author=author, created_at__gte=now - timedelta(hours=1))
    if last_hour.count() >= settings.MEDIUS_NEWCOMER_POSTS_PER_HOUR:
        raise PostRefused(
            f"New members can post {settings.MEDIUS_NEWCOMER_POSTS_PER_HOUR} times an hour. "
            "Your text is kept below: please try again a little later."
        )

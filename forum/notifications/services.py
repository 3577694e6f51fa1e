"""Who hears about what. Receivers in receivers.py call these after posting commits.

Each member gets at most one notification per event (a direct reply beats a mention,
which beats a followed thread), never for their own actions, and never for posts
others cannot see. Email goes out after commit through the task framework.
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from forum.accounts.models import User
from forum.discussions.models import Bookmark, Post, Status, Thread
from forum.discussions.services import follow_automatically
from forum.treatments.models import FollowUp

from .models import (
    DEFAULT_FREQUENCY,
    GROUPED_KINDS,
    EmailPreference,
    Frequency,
    Kind,
    ModerationEvent,
    Notification,
)


def frequency_for(user: User, kind: str) -> str:
    pref = EmailPreference.objects.filter(user=user, kind=kind).values_list("frequency", flat=True)
    return pref.first() or DEFAULT_FREQUENCY[kind]


def frequencies_for(user_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """Every kind's email frequency for each of these members, in one query."""
    chosen: dict[int, dict[str, str]] = {pk: dict(DEFAULT_FREQUENCY) for pk in user_ids}
    for user_id, kind, frequency in EmailPreference.objects.filter(user__in=chosen).values_list(
        "user_id", "kind", "frequency"
    ):
        chosen[user_id][kind] = frequency
    return chosen


def _email_after_commit(notifications: Iterable[Notification]) -> None:
    """Queue one task for the notifications to email now (after the transaction commits).

    One task, however many: the worker (``TASKS_BACKEND=database``) claims and sends them
    together, outside the request; the immediate backend sends them as soon as the
    transaction commits. Never inside it: a mail server must not hold the write lock.
    """
    ids = [n.pk for n in notifications]
    if ids:
        from .tasks import send_notification_emails

        transaction.on_commit(lambda: send_notification_emails.enqueue(ids), robust=True)


def _unsaved(
    *,
    recipient_id: int,
    kind: str,
    frequency: str,
    actor: User | None = None,
    post: Post | None = None,
    thread: Thread | None = None,
    event: str = "",
    follow_up: FollowUp | None = None,
    now: datetime | None = None,
) -> Notification:
    return Notification(
        recipient_id=recipient_id,
        kind=kind,
        actor=actor,
        post=post,
        thread=thread or (post.thread if post else None),
        event=event,
        follow_up=follow_up,
        created_at=now or timezone.now(),
        email_abandoned=frequency == Frequency.OFF,
    )


@transaction.atomic
def notify(
    *,
    recipient: User,
    kind: str,
    actor: User | None = None,
    post: Post | None = None,
    thread: Thread | None = None,
    event: str = "",
    follow_up: FollowUp | None = None,
) -> Notification | None:
    """Create one in-site notification (and queue its email). Nothing for oneself.

    Only facts are stored (kind, actor, post, thread, event); the sentence is written
    when it is shown (``Notification.text``).
    """
    if actor is not None and recipient.pk == actor.pk:
        return None
    frequency = frequency_for(recipient, kind)
    notification = _unsaved(
        recipient_id=recipient.pk,
        kind=kind,
        frequency=frequency,
        actor=actor,
        post=post,
        thread=thread,
        event=event,
        follow_up=follow_up,
    )
    notification.recipient = recipient
    notification.save()
    if frequency == Frequency.IMMEDIATELY:
        _email_after_commit([notification])
    return notification


def notify_many(
    recipients: Mapping[int, str], *, actor: User | None, post: Post
) -> list[Notification]:
    """One notification per recipient (member id -> kind) about ``post``, in a
    fixed number of queries however many: their email preferences in one read, the rows
    in one ``INSERT``, one task for the emails due now. The actor is never notified."""
    recipients = {pk: r for pk, r in recipients.items() if actor is None or pk != actor.pk}
    frequencies = frequencies_for(recipients)
    now = timezone.now()
    notifications = [
        _unsaved(
            recipient_id=pk,
            kind=kind,
            frequency=frequencies[pk][kind],
            actor=actor,
            post=post,
            thread=post.thread,
            now=now,
        )
        # In id order, so two fan-outs touching the same members' rows cannot deadlock.
        for pk, kind in sorted(recipients.items())
    ]
    created = Notification.objects.bulk_create(notifications)
    _email_after_commit(
        n for n in created if frequencies[n.recipient_id][n.kind] == Frequency.IMMEDIATELY
    )
    return created


def _followers(**target: object) -> "QuerySet[User, int]":
    """The ids of active members following ``target`` (a muted thread is not followed)."""
    return (
        User.objects.filter(
            follows__muted=False,
            is_active=True,
            **{f"follows__{key}": value for key, value in target.items()},
        )
        .distinct()
        .values_list("pk", flat=True)
    )


def _mentioned(post: Post) -> "QuerySet[User, int]":
    limit = post.author.mention_limit if post.author else None
    return User.objects.mentioned_in(post.body, limit=limit).values_list("pk", flat=True)


@transaction.atomic
def fan_out_post(*, post: Post) -> int:
    """Notify everyone a newly visible post concerns. Returns the number of notifications.

    The number of queries does not grow with the number of recipients: the post (with
    whether it was announced before), the mentions, the followers, the author's follow,
    the preferences and one insert (``notify_many``).
    """
    announced = Notification.objects.filter(post=OuterRef("pk")).exclude(kind=Kind.MODERATION)
    post = (
        Post.objects.select_related("thread", "author", "parent")
        .annotate(announced=Exists(announced))
        .get(pk=post.pk)
    )
    thread, author = post.thread, post.author
    if post.status != Status.VISIBLE or thread.status != Status.VISIBLE or thread.is_draft:
        return 0
    if post.announced:  # type: ignore[attr-defined]
        return 0  # announced before it was held after reports
    recipients: dict[int, str] = {}  # member id -> kind, first claim wins

    def claim(user_id: int | None, kind: str) -> None:
        if user_id is not None and user_id not in recipients and user_id != post.author_id:
            recipients[user_id] = kind

    if post.is_opening:
        for user_id in _mentioned(post):
            claim(user_id, Kind.MENTION)
        if thread.is_article and author:
            for user_id in _followers(member=author):
                claim(user_id, Kind.FOLLOWED_MEMBER)
        for user_id in _followers(condition__in=list(thread.conditions.all())):
            claim(user_id, Kind.FOLLOWED_CONDITION)
    else:
        parent = post.parent
        assert parent is not None
        if parent.is_opening:
            claim(
                parent.author_id,
                Kind.REPLY_TO_ARTICLE if thread.is_article else Kind.REPLY_TO_QUESTION,
            )
        else:
            claim(parent.author_id, Kind.REPLY_TO_POST)
        if thread.is_article and thread.author_id != parent.author_id:
            claim(thread.author_id, Kind.REPLY_TO_ARTICLE)
        for user_id in _mentioned(post):
            claim(user_id, Kind.MENTION)
        for user_id in _followers(thread=thread):
            claim(user_id, Kind.FOLLOWED_THREAD)
    if author:
        follow_automatically(user=author, thread=thread)
    notify_many(recipients, actor=None if post.is_anonymous else author, post=post)
    return len(recipients)


@transaction.atomic
def notify_helpful(*, post: Post, marker: User) -> Notification | None:
    """Batch helpful marks: one unread notification per reply that counts them up."""
    if post.author is None or post.author_id == marker.pk:
        return None
    existing = (
        Notification.objects.select_for_update()
        .filter(recipient=post.author, kind=Kind.HELPFUL, post=post, read_at__isnull=True)
        .first()
    )
    if existing:
        existing.count += 1
        existing.save(update_fields=["count"])
        return existing
    return notify(recipient=post.author, kind=Kind.HELPFUL, actor=marker, post=post)


def notify_accepted(*, thread: Thread, post: Post, actor: User | None) -> Notification | None:
    if post.author is None:  # a deleted member's reply
        return None
    return notify(recipient=post.author, kind=Kind.ACCEPTED, actor=actor, post=post)


def notify_moderation(*, post: Post, old: str, new: str) -> Notification | None:
    """Tell authors when moderators hide or approve their post, with the reason."""
    if post.author is None:
        return None
    if new == Status.HIDDEN:
        event = ModerationEvent.HIDDEN
    elif new == Status.VISIBLE and old == Status.HELD:
        event = ModerationEvent.APPROVED
    elif new == Status.HELD:
        event = ModerationEvent.HELD
    else:
        return None
    return notify(recipient=post.author, kind=Kind.MODERATION, post=post, event=event)


def notify_status_change(*, post: Post, old: str, new: str) -> None:
    """A post's moderation status changed: its author hears why (``notify_moderation``),
    and a held post that moderators approved reaches everyone it concerns, as a post
    published at once would have (``fan_out_post``)."""
    notify_moderation(post=post, old=old, new=new)
    if old == Status.HELD and new == Status.VISIBLE:
        fan_out_post(post=post)


@transaction.atomic
def mark_read(*, user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark some (or all) of a member's notifications read."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def open_notification(*, user: User, notification: Notification) -> Notification:
    """Mark what the member opened as read; returns the notification to go to.

    An unread notification of a grouped kind opens its whole group (every unread one of
    that kind about that thread, read at one moment so the group stays one item) and
    leads to the group's first: the oldest unread reply. Anything else is marked alone.
    """
    if notification.read_at is not None:
        return notification
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification.kind in GROUPED_KINDS:
        unread = unread.filter(kind=notification.kind, thread=notification.thread)
        first = Notification.objects.inbox(user).filter(pk__in=unread.values("pk")).order_by("pk")
        notification = first.first() or notification
    else:
        unread = unread.filter(pk=notification.pk)
    unread.update(read_at=timezone.now())
    return notification


def set_email_preference(*, user: User, kind: str, frequency: str) -> EmailPreference:
    pref, _ = EmailPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"frequency": frequency}
    )
    return pref


def send_bookmark_reminders(*, today: date) -> int:
    """Notify each member whose bookmark's reminder date has come, once per bookmark.

    Each bookmark is claimed by a conditional UPDATE of ``reminded_at`` in its own short
    transaction, so a second (or concurrent) run cannot remind twice. A bookmark of a post
    the member can no longer see is claimed without a notification.
    """
    sent = 0
    due = Bookmark.objects.due(today).select_related("user", "post__thread")
    for bookmark in due:
        with transaction.atomic():
            claimed = Bookmark.objects.filter(pk=bookmark.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            user, post = bookmark.user, bookmark.post
            if not claimed or not user.is_active:
                continue
            if not Post.objects.visible_to(user).filter(pk=post.pk).exists():
                continue
            if not Thread.objects.visible_to(user).filter(pk=post.thread_id).exists():
                continue
            notify(recipient=user, kind=Kind.BOOKMARK_REMINDER, post=post, thread=post.thread)
            sent += 1
    return sent

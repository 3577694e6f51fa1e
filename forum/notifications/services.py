"""Who hears about what. Receivers in receivers.py call these after posting commits.

Each member gets at most one notification per event (a direct reply beats a mention,
which beats a followed thread), never for their own actions, and never for posts
others cannot see. Email goes out after commit through the task framework.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import Truncator

from forum.core.markdown import find_mentions
from forum.discussions.models import Post, Status, Thread

from .models import DEFAULT_FREQUENCY, EmailPreference, Follow, Frequency, Kind, Notification

User = get_user_model()


def frequency_for(user, kind) -> str:
    pref = EmailPreference.objects.filter(user=user, kind=kind).values_list("frequency", flat=True)
    return pref.first() or DEFAULT_FREQUENCY[kind]


def _display(user) -> str:
    return user.public_name if user else "Someone"


@transaction.atomic
def notify(*, recipient, kind, text, actor=None, post=None, thread=None) -> Notification | None:
    """Create one in-site notification (and queue its email). Nothing for oneself."""
    if actor is not None and recipient.pk == actor.pk:
        return None
    frequency = frequency_for(recipient, kind)
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        actor=actor,
        post=post,
        thread=thread or (post.thread if post else None),
        text=Truncator(text).chars(300),
        created_at=timezone.now(),
        email_abandoned=frequency == Frequency.OFF,
    )
    User.objects.filter(pk=recipient.pk).update(unread_notifications=F("unread_notifications") + 1)
    if frequency == Frequency.IMMEDIATELY:
        from .tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk), robust=True)
    return notification


def _follow(user, *, thread=None, condition=None, member=None, automatic=False) -> Follow:
    target = {"thread": thread, "condition": condition, "member": member}
    target = {k: v for k, v in target.items() if v is not None}
    follow, created = Follow.objects.get_or_create(user=user, **target)
    if not created and follow.muted and not automatic:
        follow.muted = False
        follow.save(update_fields=["muted"])
    return follow


def follow(*, user, thread=None, condition=None, member=None) -> Follow:
    return _follow(user, thread=thread, condition=condition, member=member)


def unfollow(*, user, thread=None, condition=None, member=None) -> None:
    """Stop following; for a thread, remember it so replying again does not re-follow."""
    if thread is not None:
        Follow.objects.update_or_create(user=user, thread=thread, defaults={"muted": True})
    else:
        target = {"condition": condition} if condition is not None else {"member": member}
        Follow.objects.filter(user=user, **target).delete()


def _followers(**target):
    return User.objects.filter(
        follows__muted=False,
        is_active=True,
        **{f"follows__{key}": value for key, value in target.items()},
    ).distinct()


def _mentioned(post: Post) -> list:
    names = find_mentions(post.body)[: settings.MEDIUS_MAX_MENTIONS]
    if not names:
        return []
    query = Q()
    for name in names:
        query |= Q(username__iexact=name)
    return list(User.objects.filter(query, is_active=True))


@transaction.atomic
def fan_out_post(*, post: Post) -> int:
    """Notify everyone a newly visible post concerns. Returns the number of notifications."""
    post = Post.objects.select_related("thread", "author", "parent__author").get(pk=post.pk)
    thread, author = post.thread, post.author
    if post.status != Status.VISIBLE or thread.status != Status.VISIBLE or thread.is_draft:
        return 0
    if Notification.objects.filter(post=post).exclude(kind=Kind.MODERATION).exists():
        return 0  # announced before it was held after reports
    recipients = {}  # user id -> (user, kind, text), first claim wins
    who = _display(author)

    def claim(user, kind, text):
        if user is not None and user.pk not in recipients and user.pk != post.author_id:
            recipients[user.pk] = (user, kind, text)

    if post.is_opening:
        if author:
            _follow(author, thread=thread, automatic=True)
        for user in _mentioned(post):
            claim(user, Kind.MENTION, f"{who} mentioned you in “{thread.title}”")
        if thread.is_article and author:
            for user in _followers(member=author):
                claim(user, Kind.FOLLOWED_MEMBER, f"{who} published “{thread.title}”")
        for user in _followers(condition__in=list(thread.conditions.all())):
            kind_label = "article" if thread.is_article else "question"
            claim(user, Kind.FOLLOWED_CONDITION, f"New {kind_label}: “{thread.title}”")
    else:
        parent = post.parent
        if parent.is_opening:
            kind = Kind.REPLY_TO_ARTICLE if thread.is_article else Kind.REPLY_TO_QUESTION
            what = "commented on your article" if thread.is_article else "replied to your question"
            claim(parent.author, kind, f"{who} {what} “{thread.title}”")
        else:
            claim(parent.author, Kind.REPLY_TO_POST, f"{who} replied to you in “{thread.title}”")
        if thread.is_article and thread.author_id != parent.author_id:
            claim(thread.author, Kind.REPLY_TO_ARTICLE, f"{who} commented on “{thread.title}”")
        for user in _mentioned(post):
            claim(user, Kind.MENTION, f"{who} mentioned you in “{thread.title}”")
        for user in _followers(thread=thread):
            claim(user, Kind.FOLLOWED_THREAD, f"{who} replied in “{thread.title}”")
        if author:
            _follow(author, thread=thread, automatic=True)
    # In id order, so two fan-outs updating the same members' counters cannot deadlock.
    for user_id in sorted(recipients):
        user, kind, text = recipients[user_id]
        notify(recipient=user, kind=kind, text=text, actor=author, post=post)
    return len(recipients)


@transaction.atomic
def notify_helpful(*, post: Post, marker) -> Notification | None:
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
        existing.text = (
            f"{existing.count} members found your reply helpful in “{post.thread.title}”"
        )
        existing.save(update_fields=["count", "text"])
        return existing
    return notify(
        recipient=post.author,
        kind=Kind.HELPFUL,
        text=f"{_display(marker)} found your reply helpful in “{post.thread.title}”",
        actor=marker,
        post=post,
    )


def notify_accepted(*, thread: Thread, post: Post, actor) -> Notification | None:
    return notify(
        recipient=post.author,
        kind=Kind.ACCEPTED,
        text=f"Your reply was accepted as the answer to “{thread.title}”",
        actor=actor,
        post=post,
    )


def notify_moderation(*, post: Post, old: str, new: str) -> Notification | None:
    """Tell authors when moderators hide or approve their post, with the reason."""
    if post.author is None:
        return None
    if new == Status.HIDDEN:
        reason = f": {post.moderation_reason}" if post.moderation_reason else "."
        text = f"A moderator hid your post in “{post.thread.title}”{reason}"
    elif new == Status.VISIBLE and old == Status.HELD:
        text = f"Your post in “{post.thread.title}” was approved and is now visible."
    elif new == Status.HELD:
        text = f"Your post in “{post.thread.title}” is held for review: {post.moderation_reason}"
    else:
        return None
    return notify(recipient=post.author, kind=Kind.MODERATION, text=text, post=post)


@transaction.atomic
def mark_read(*, user, notification_ids=None) -> int:
    """Mark some (or all) of a member's notifications read and keep the header count true."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    count = unread.update(read_at=timezone.now())
    remaining = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    User.objects.filter(pk=user.pk).update(unread_notifications=remaining)
    return count


def set_email_preference(*, user, kind, frequency) -> EmailPreference:
    pref, _ = EmailPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"frequency": frequency}
    )
    return pref

"""Notification email: one at a time or as a daily digest, each with a one-click unsubscribe.

Nothing is sent to unverified addresses, inactive or suspended members, or about a
post that is no longer visible. A failing mail server is logged; the notification
stays due and ``send_digests`` tries it again, up to MEDIUS_EMAIL_MAX_ATTEMPTS.

No transaction is open while a mail server answers: on SQLite a write transaction
holds the database's only write lock (``BEGIN IMMEDIATE``), so every other writer
would wait on SMTP. Each email is *claimed* in a short transaction (``emailed_at``
set, so no other worker or cron run takes it), sent outside it, and on failure given
back in another short transaction with one more attempt counted. A process killed
between the claim and the send loses that email rather than sending it twice.
"""

import html
import logging
import re
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from forum.accounts.models import User
from forum.discussions.models import Status, Thread
from forum.treatments.links import answer_url

from .models import Digest, Kind, Notification

logger = logging.getLogger(__name__)
EXCERPT_WORDS = 80
# Kinds whose email quotes the post they are about: someone wrote something to read.
QUOTED_KINDS = frozenset(
    {
        Kind.REPLY_TO_QUESTION,
        Kind.REPLY_TO_ARTICLE,
        Kind.REPLY_TO_POST,
        Kind.MENTION,
        Kind.FOLLOWED_THREAD,
    }
)
UNSUBSCRIBE_SALT = "medius.unsubscribe"
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 90


def unsubscribe_url(user: User, kind: str) -> str:
    token = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).sign_object({"u": user.pk, "k": kind})
    return settings.SITE_URL + reverse("notifications:unsubscribe", args=[token])


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(user id, kind) from a token; raises signing.BadSignature (or SignatureExpired)."""
    data = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).unsign_object(
        token, max_age=UNSUBSCRIBE_MAX_AGE
    )
    if data.get("k") not in {*Kind.values, "all"}:
        raise signing.BadSignature("unknown kind")
    return int(data["u"]), data["k"]


def can_email(user: User) -> bool:
    if not user.is_active or user.is_suspended:
        return False
    verified = EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True)
    return bool(verified.exists())


def _emailable(users: Sequence[User]) -> list[User]:
    """``can_email`` for many members in one query."""
    candidates = [u for u in users if u.is_active and not u.is_suspended]
    verified = {
        (user_id, email.lower())
        for user_id, email in EmailAddress.objects.filter(
            user__in=candidates, verified=True
        ).values_list("user_id", "email")
    }
    return [u for u in candidates if (u.pk, u.email.lower()) in verified]


def is_still_relevant(notification: Notification) -> bool:
    post = notification.post
    if post is None:
        return True
    return post.status == Status.VISIBLE and post.thread.status == Status.VISIBLE


def _message(
    user: User, *, subject: str, template: str, context: dict[str, object], kind: str
) -> EmailMultiAlternatives:
    unsubscribe = unsubscribe_url(user, kind)
    context = context | {
        "user": user,
        "unsubscribe_url": unsubscribe,
        "site_url": settings.SITE_URL,
    }
    message = EmailMultiAlternatives(
        subject=f"[Medius] {subject}",
        body=render_to_string(f"notifications/email/{template}.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return message


@transaction.atomic
def _give_back(notification_ids: Collection[int], exc: Exception) -> None:
    """Return claimed notifications after a failed send, one attempt more; abandon at the limit."""
    logger.warning("Sending notification email failed: %s", exc, exc_info=exc)
    claimed = Notification.objects.filter(pk__in=notification_ids)
    claimed.update(emailed_at=None, email_attempts=F("email_attempts") + 1)
    claimed.filter(email_attempts__gte=settings.MEDIUS_EMAIL_MAX_ATTEMPTS).update(
        email_abandoned=True
    )


@transaction.atomic
def _claim(notification_ids: Collection[int]) -> list[Notification]:
    """Take the notifications still due for email, in one short transaction and a fixed
    number of queries: the rows (locked, with what the email shows), the recipients'
    verified addresses, and an UPDATE each for the taken and the abandoned ones.

    One that can no longer be emailed (an unverified address, a suspended or inactive
    member, a post no longer visible) is abandoned rather than taken.
    """
    due = list(
        Notification.objects.select_for_update(of=("self",))
        .select_related(
            "recipient", "actor", "post__thread", "thread", "follow_up__record__treatment"
        )
        .filter(pk__in=notification_ids, emailed_at__isnull=True, email_abandoned=False)
        .order_by("pk")
    )
    emailable = {user.pk for user in _emailable([n.recipient for n in due])}
    claimed = [n for n in due if n.recipient_id in emailable and is_still_relevant(n)]
    abandoned = [n.pk for n in due if n not in claimed]
    if abandoned:
        Notification.objects.filter(pk__in=abandoned).update(email_abandoned=True)
    now = timezone.now()
    Notification.objects.filter(pk__in=[n.pk for n in claimed]).update(emailed_at=now)
    for notification in claimed:
        notification.emailed_at = now
    return claimed


def send_many(notification_ids: Collection[int]) -> int:
    """Email these notifications now, each to its recipient. Returns how many were sent.

    Claimed together (``_claim``), sent one by one outside any transaction over one
    connection to the mail server; one that fails is given back alone.
    """
    claimed = _claim(notification_ids) if notification_ids else []
    if not claimed:
        return 0
    sent = 0
    with get_connection() as connection:
        for notification in claimed:
            message = _message(
                notification.recipient,
                subject=notification.text,
                template="notification",
                context={
                    "notification": notification,
                    "link": _link(notification),
                    "excerpt": excerpt(notification),
                },
                kind=notification.kind,
            )
            message.connection = connection
            try:
                message.send()
            except Exception as exc:  # any transport error: log, count, retry later
                _give_back([notification.pk], exc)
            else:
                sent += 1
    return sent


def send_one(notification_id: int) -> bool:
    """Email one notification now. True if it was sent."""
    return send_many([notification_id]) == 1


def excerpt(notification: Notification, *, words: int = EXCERPT_WORDS) -> str:
    """The post's text for the email, as plain text: from its stored, sanitised HTML with
    the tags taken out and entities decoded (the email is text/plain, so nothing in it is
    markup), blank runs squeezed, cut to ``words`` words. Empty for other kinds."""
    post = notification.post
    if notification.kind not in QUOTED_KINDS or post is None:
        return ""
    text = html.unescape(strip_tags(post.html))
    text = re.sub(r"\n\s*\n\s*", "\n\n", text).strip()
    return Truncator(text).words(words, truncate=" …")


def _link(notification: Notification) -> str:
    if notification.post_id:
        assert notification.post is not None
        return f"{settings.SITE_URL}{notification.post.get_absolute_url()}"
    if notification.thread_id:
        assert notification.thread is not None
        return f"{settings.SITE_URL}{notification.thread.get_absolute_url()}"
    if notification.follow_up_id:
        assert notification.follow_up is not None
        return answer_url(notification.follow_up)  # signed: answers without logging in
    return settings.SITE_URL + reverse("notifications:list")


@dataclass(frozen=True)
class DigestClaim:
    """A member's digest for one day, taken: its Digest row exists, its notifications are
    marked as emailed. ``send_digest`` sends it or gives it back."""

    user: User
    sent_on: date
    notifications: list[Notification]
    needing_answer: list[Thread]


@transaction.atomic
def claim_digests(
    *,
    users: Sequence[User],
    daily_kinds: Mapping[int, Collection[str]],
    needing_answer: Mapping[int, list[Thread]],
    today: date,
) -> list[DigestClaim]:
    """Take today's digest for each of ``users`` who has something to read and can get email.

    One short transaction and a fixed number of queries, however many members:
    ``daily_kinds`` (member id -> the kinds they want daily) and ``needing_answer``
    (clinician id -> waiting questions) are worked out beforehand. A member who already
    has today's Digest row is skipped; a concurrent run taking the same rows first makes
    this one fail with IntegrityError (the unique Digest per member and day), sending nothing.
    """
    users = _emailable(users)
    done = set(
        Digest.objects.filter(user__in=users, sent_on=today).values_list("user_id", flat=True)
    )
    users = [u for u in users if u.pk not in done]
    due: defaultdict[int, list[Notification]] = defaultdict(list)
    for notification in (
        Notification.objects.awaiting_email()
        .select_for_update(of=("self",))
        .select_related("actor", "post__thread", "thread", "follow_up__record__treatment")
        .filter(recipient__in=users)
        .order_by("recipient_id", "-created_at", "-id")
    ):
        if notification.kind in daily_kinds.get(notification.recipient_id, ()):
            due[notification.recipient_id].append(notification)
    claims = [
        DigestClaim(
            user=user,
            sent_on=today,
            notifications=due[user.pk],
            needing_answer=needing_answer.get(user.pk, []),
        )
        for user in users
        if any(is_still_relevant(n) for n in due[user.pk]) or needing_answer.get(user.pk)
    ]
    Digest.objects.bulk_create([Digest(user=claim.user, sent_on=today) for claim in claims])
    Notification.objects.filter(
        pk__in=[n.pk for claim in claims for n in claim.notifications]
    ).update(emailed_at=timezone.now())
    return claims


def send_digest(claim: DigestClaim) -> bool:
    """One email with the day's notifications and, for clinicians, questions waiting.

    On failure the claim is given back: no Digest row for the day, so the next run sends it.
    """
    user = claim.user
    relevant = [n for n in claim.notifications if is_still_relevant(n)]
    try:
        _message(
            user,
            subject="Your daily digest",
            template="digest",
            context={
                "items": [(n, _link(n), excerpt(n, words=30)) for n in relevant],
                "needing_answer": [
                    (q, settings.SITE_URL + q.get_absolute_url()) for q in claim.needing_answer
                ],
            },
            kind="all",
        ).send()
    except Exception as exc:  # any transport error: log, count, retry on the next run
        with transaction.atomic():
            Digest.objects.filter(user=user, sent_on=claim.sent_on).delete()
            _give_back([n.pk for n in claim.notifications], exc)
        return False
    return True

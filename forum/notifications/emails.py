"""Notification email: one at a time or as a daily digest, each with a one-click unsubscribe.

Nothing is sent to unverified addresses, inactive or suspended members, or about a
post that is no longer visible. A failing mail server is logged; the notification
stays due and ``send_digests`` tries it again, up to MEDIUS_EMAIL_MAX_ATTEMPTS.
"""

import logging

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from forum.discussions.models import Status

from .models import Kind, Notification

logger = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "medius.unsubscribe"
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 90


def unsubscribe_url(user, kind) -> str:
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


def can_email(user) -> bool:
    if not user.is_active or user.is_suspended:
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def is_still_relevant(notification) -> bool:
    post = notification.post
    if post is None:
        return True
    return post.status == Status.VISIBLE and post.thread.status == Status.VISIBLE


def _message(user, *, subject, template, context, kind) -> EmailMultiAlternatives:
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


def _failed(notifications, exc) -> None:
    logger.warning("Sending notification email failed: %s", exc, exc_info=True)
    for notification in notifications:
        notification.email_attempts += 1
        notification.email_abandoned = notification.email_attempts >= (
            settings.MEDIUS_EMAIL_MAX_ATTEMPTS
        )
        notification.save(update_fields=["email_attempts", "email_abandoned"])


def send_one(notification_id: int) -> bool:
    """Email one notification now. True if it was sent."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient", "post__thread", "thread")
            .filter(pk=notification_id, emailed_at__isnull=True, email_abandoned=False)
            .first()
        )
        if notification is None:
            return False
        user = notification.recipient
        if not can_email(user) or not is_still_relevant(notification):
            notification.email_abandoned = True
            notification.save(update_fields=["email_abandoned"])
            return False
        message = _message(
            user,
            subject=notification.text,
            template="notification",
            context={"notification": notification, "link": _link(notification)},
            kind=notification.kind,
        )
        try:
            message.send()
        except Exception as exc:  # any transport error: log, count, retry later
            _failed([notification], exc)
            return False
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
        return True


def _link(notification) -> str:
    if notification.post_id:
        return settings.SITE_URL + notification.post.get_absolute_url()
    if notification.thread_id:
        return settings.SITE_URL + notification.thread.get_absolute_url()
    return settings.SITE_URL + reverse("notifications:list")


def send_digest(user, notifications, needing_answer) -> bool:
    """One email with the day's notifications and, for clinicians, questions waiting."""
    relevant = [n for n in notifications if is_still_relevant(n)]
    if not relevant and not needing_answer:
        return False
    message = _message(
        user,
        subject="Your daily digest",
        template="digest",
        context={
            "items": [(n, _link(n)) for n in relevant],
            "needing_answer": [
                (q, settings.SITE_URL + q.get_absolute_url()) for q in needing_answer
            ],
        },
        kind="all",
    )
    try:
        message.send()
    except Exception as exc:  # any transport error: log, count, retry on the next run
        _failed(notifications, exc)
        return False
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
        emailed_at=timezone.now()
    )
    return True

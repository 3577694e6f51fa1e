"""Helpers shared by the notification tests."""

from django.core import mail
from django.db import connection

from forum.notifications.models import Notification


def mails_to(user) -> list:
    return [m for m in mail.outbox if m.to == [user.email]]


def inbox(user) -> list[Notification]:
    """The member's notifications, newest first, as the notifications page lists them."""
    return list(Notification.objects.filter(recipient=user))


def kinds(user) -> list[str]:
    return [n.kind for n in inbox(user)]


def unread_count(user) -> int:
    """The number the header shows, counted by its context processor."""
    from django.test import RequestFactory

    from forum.notifications.context_processors import unread_notifications

    request = RequestFactory().get("/")
    request.user = user
    return int(unread_notifications(request)["unread_notifications"])


ON_POSTGRESQL = connection.vendor == "postgresql"

# Remove once the email code locks only the notification rows (select_for_update(of=("self",))).

"""The notifications app's part of a member's data export and account deletion."""

from typing import Any

from forum.accounts.models import User

from .models import Digest, EmailPreference, Notification


def export_member(member: User) -> dict[str, Any]:
    notifications = (
        Notification.objects.filter(recipient=member)
        .select_related("actor", "thread", "post")
        .order_by("created_at", "pk")
    )
    return {
        "notifications": [
            {
                "kind": n.kind,
                "text": n.text,
                "created_at": n.created_at,
                "read_at": n.read_at,
                "emailed_at": n.emailed_at,
            }
            for n in notifications
        ],
        "email_preferences": dict(
            EmailPreference.objects.filter(user=member)
            .order_by("kind")
            .values_list("kind", "frequency")
        ),
    }


def erase_member(member: User) -> None:
    """Their notifications, settings and digests go; others' notifications about what
    they did stay, with no actor (they then read "[deleted member] replied…")."""
    Notification.objects.filter(recipient=member).delete()
    Notification.objects.filter(actor=member).update(actor=None)
    EmailPreference.objects.filter(user=member).delete()
    Digest.objects.filter(user=member).delete()

"""The accounts app's part of a member's data export and account deletion.

``forum.privacy`` asks every app in turn; this one runs last when erasing, because the
emptied user row is what the other apps' kept rows (reports, helpful marks) point to.
"""

import secrets
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType

from .models import ClinicianApplication, User


def export_member(member: User) -> dict[str, Any]:
    return {
        "profile": {
            "username": member.username,
            "email": member.email,
            "display_name": member.display_name,
            "bio": member.bio,
            "date_joined": member.date_joined,
            "last_login": member.last_login,
            "clinician_profession": member.clinician_profession,
            "clinician_verified_at": member.clinician_verified_at,
            "suspended_until": member.suspended_until,
            "suspension_reason": member.suspension_reason,
            "reply_order": member.reply_order,
        },
        "email_addresses": list(
            EmailAddress.objects.filter(user=member)
            .order_by("pk")
            .values("email", "verified", "primary")
        ),
        # The kinds and dates only: the secrets themselves stay with us.
        "two_factor_authenticators": list(
            Authenticator.objects.filter(user=member)
            .order_by("pk")
            .values("type", "created_at", "last_used_at")
        ),
        "clinician_applications": list(
            ClinicianApplication.objects.filter(user=member)
            .order_by("created_at")
            .values(
                "profession",
                "registration_body",
                "registration_number",
                "country",
                "verification_url",
                "status",
                "created_at",
                "decided_at",
                "decision_note",
            )
        ),
    }


def erase_member(member: User) -> None:
    """Empty the account: a random ``deleted-…`` username, no email, password or profile.

    The row stays, so what other apps keep (reports, helpful marks, the moderation log)
    still points somewhere without naming anyone. Every session the member had ends.
    """
    ClinicianApplication.objects.filter(user=member).delete()
    EmailAddress.objects.filter(user=member).delete()
    Authenticator.objects.filter(user=member).delete()
    for session in UserSession.objects.filter(user=member):
        session.end()

    member.username = f"deleted-{secrets.token_hex(8)}"  # "-" is refused at sign-up
    AdminLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(member.pk)
    ).update(object_repr=member.username)
    member.email = member.display_name = member.bio = ""
    member.clinician_profession = member.suspension_reason = member.reply_order = ""
    member.clinician_verified_at = member.last_login = None
    member.is_active = member.is_staff = member.is_superuser = False
    member.set_unusable_password()
    member.save()
    member.groups.clear()
    member.user_permissions.clear()

"""Whom a moderator may act on. The services check; the admin's actions skip and say so."""

from typing import Any

from django.core.exceptions import PermissionDenied

from forum.discussions.permissions import is_moderator

PROTECTED_MEMBER = (
    "Only a superuser can suspend, ban or remove a moderator, another member of staff "
    "or a superuser."
)
OWN_APPLICATION = "Another moderator must decide on your own clinician application."


def can_act_on_member(moderator: Any, member: Any) -> bool:
    """Suspending, banning, lifting either, removing as a spammer.

    Staff and superusers answer to a superuser only (read from the accounts themselves,
    not from anyone's session), and nobody acts on their own account.
    """
    if member.pk == moderator.pk:
        return False
    if member.is_superuser or member.is_staff:
        return bool(moderator.is_superuser)
    return True


def check_can_act_on_member(moderator: Any, member: Any) -> None:
    if not can_act_on_member(moderator, member):
        if member.pk == moderator.pk:
            raise PermissionDenied("You cannot act on your own account.")
        raise PermissionDenied(PROTECTED_MEMBER)


def can_decide_application(moderator: Any, application: Any) -> bool:
    """Approving or rejecting a clinician application: never one's own."""
    return bool(application.user_id != moderator.pk)


def check_can_decide_application(moderator: Any, application: Any) -> None:
    if not can_decide_application(moderator, application):
        raise PermissionDenied(OWN_APPLICATION)


def can_close_threads(user: Any) -> bool:
    """Closing a question as a duplicate, merging threads: moderators only."""
    return bool(user.is_authenticated and is_moderator(user))


def check_can_close_threads(user: Any) -> None:
    if not can_close_threads(user):
        raise PermissionDenied("Only moderators can close or merge threads.")

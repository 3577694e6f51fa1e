"""Who may change what on their own account. ``can_*`` for templates, ``check_can_*`` raise."""

from typing import Any

from django.core.exceptions import PermissionDenied


def suspension_refusal(user: Any, action: str) -> str:
    """The sentence a suspended member reads when refused: until when, and why."""
    until = f"{user.suspended_until:%-d %B %Y}"
    reason = f" Reason: {user.suspension_reason}" if user.suspension_reason else ""
    return f"Your account is suspended until {until}, so you cannot {action}.{reason}"


def can_change_profile(user: Any) -> bool:
    """A suspended member keeps their account but cannot change what others read about them."""
    return user.is_authenticated and user.is_active and not user.is_suspended


def can_apply_as_clinician(user: Any) -> bool:
    return user.is_authenticated and user.is_active and not user.is_suspended


def check_can_change_profile(user: Any) -> None:
    if not can_change_profile(user):
        if user.is_authenticated and user.is_suspended:
            raise PermissionDenied(suspension_refusal(user, "change your public profile"))
        raise PermissionDenied("Log in to change your profile.")


def check_can_apply_as_clinician(user: Any) -> None:
    if not can_apply_as_clinician(user):
        if user.is_authenticated and user.is_suspended:
            raise PermissionDenied(suspension_refusal(user, "apply as a clinician"))
        raise PermissionDenied("Log in to apply as a clinician.")

"""Who may record treatments and answer follow-ups. ``can_*`` for templates,
``check_can_*`` raise PermissionDenied for views."""

from typing import Any

from django.core.exceptions import PermissionDenied

from forum.accounts.permissions import suspension_refusal

from .models import FollowUp, TreatmentRecord


def can_record_treatment(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and not user.is_suspended)


def check_can_record_treatment(user: Any) -> None:
    if not can_record_treatment(user):
        if user.is_authenticated and user.is_suspended:
            raise PermissionDenied(suspension_refusal(user, "record what you tried"))
        raise PermissionDenied("Log in to record what you tried.")


def can_see_record(user: Any, record: TreatmentRecord) -> bool:
    """A record is its member's alone; moderators see none (the admin shows them only to
    superusers), everyone else sees it counted in the aggregates."""
    return bool(user.is_authenticated and record.member_id == user.pk)


def check_can_answer_follow_up(user: Any, follow_up: FollowUp) -> None:
    if not can_see_record(user, follow_up.record):
        raise PermissionDenied("This follow-up belongs to another member.")

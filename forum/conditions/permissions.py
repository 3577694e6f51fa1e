"""Who may review a condition guide. ``can_*`` for templates, ``check_can_*`` raise."""

from typing import Any

from django.core.exceptions import PermissionDenied

from .models import Guide


def can_review_guide(user: Any, guide: Guide) -> bool:
    """A verified clinician, active and not suspended, who did not write the current text."""
    return (
        user.is_authenticated
        and user.is_active
        and user.is_verified_clinician
        and not user.is_suspended
        and guide.author_id != user.pk
    )


def check_can_review_guide(user: Any, guide: Guide) -> None:
    if can_review_guide(user, guide):
        return
    if user.is_authenticated and guide.author_id == user.pk:
        raise PermissionDenied("A guide is reviewed by a clinician other than its author.")
    raise PermissionDenied("Only verified clinicians review condition guides.")

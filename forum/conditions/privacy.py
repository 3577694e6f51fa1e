"""The conditions app's part of a member's data export and account deletion."""

from typing import Any

from forum.accounts.models import User

from .models import Guide


def export_member(member: User) -> dict[str, Any]:
    return {
        "conditions_you_answer": list(member.answers_for.values_list("name", flat=True)),
        "condition_guides_you_last_edited": list(
            Guide.objects.filter(author=member).values_list("condition__name", flat=True)
        ),
        "condition_guides_you_reviewed": list(
            Guide.objects.filter(reviewed_by=member).values_list("condition__name", flat=True)
        ),
    }


def erase_member(member: User) -> None:
    """A deleted clinician's review no longer vouches for a guide: the stamp goes with them."""
    member.answers_for.clear()
    Guide.objects.filter(author=member).update(author=None)
    Guide.objects.filter(reviewed_by=member).update(reviewed_by=None, reviewed_at=None)

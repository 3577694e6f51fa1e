"""The conditions app's part of a member's data export and account deletion."""

from typing import Any

from forum.accounts.models import User


def export_member(member: User) -> dict[str, Any]:
    return {"conditions_you_answer": list(member.answers_for.values_list("name", flat=True))}


def erase_member(member: User) -> None:
    member.answers_for.clear()

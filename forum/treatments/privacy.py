"""The treatments app's part of a member's data export and account deletion."""

from typing import Any

from django.db.models import Prefetch

from forum.accounts.models import User
from forum.core import pagecache

from .models import FollowUp, TreatmentRecord
from .services import refresh_tally


def export_member(member: User) -> dict[str, Any]:
    records = (
        TreatmentRecord.objects.filter(member=member)
        .select_related("treatment", "condition")
        .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.order_by("weeks")))
        .order_by("started_on", "pk")
    )
    return {
        "treatments_tried": [
            {
                "treatment": record.treatment.name,
                "condition": record.condition.name if record.condition else None,
                "started_on": record.started_on,
                "weeks": record.weeks,
                "outcome": record.outcome,
                "pain_before": record.pain_before,
                "pain_after": record.pain_after,
                "note": record.note,
                "created_at": record.created_at,
                "follow_ups": [
                    {
                        "weeks": f.weeks,
                        "due_at": f.due_at,
                        "asked_at": f.asked_at,
                        "answered_at": f.answered_at,
                        "outcome": f.outcome,
                        "pain_now": f.pain_now,
                        "note": f.note,
                    }
                    for f in record.follow_ups.all()
                ],
            }
            for record in records
        ]
    }


def erase_member(member: User) -> None:
    """Their records and follow-ups go entirely; the counts are redone without them."""
    records = TreatmentRecord.objects.filter(member=member)
    pairs = set(records.values_list("condition_id", "treatment_id"))
    records.delete()
    for condition_id, treatment_id in sorted(pairs, key=str):
        refresh_tally(condition_id=condition_id, treatment_id=treatment_id)
    if pairs:
        pagecache.bump(pagecache.LISTS)

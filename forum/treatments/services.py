"""Writing treatment records and follow-up answers. Views and the admin both call these."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from forum.accounts.models import User
from forum.conditions.models import Condition
from forum.core import pagecache

from .models import FOLLOW_UP_WEEKS, FollowUp, Outcome, Treatment, TreatmentRecord, TreatmentTally
from .signals import record_changed


@transaction.atomic
def record_treatment(
    *,
    member: User,
    treatment: Treatment,
    condition: Condition | None,
    started_on: date,
    outcome: str,
    weeks: int | None = None,
    pain_before: int | None = None,
    pain_after: int | None = None,
    note: str = "",
    now: datetime | None = None,
) -> TreatmentRecord:
    """Save what a member tried and schedule the follow-ups still ahead of it.

    A follow-up is asked about two and eight weeks after the start; one whose time has
    already passed when the record is made is not asked (the member just told us).
    Raises ValidationError for a start in the future or a pain score off the scale.
    """
    now = now or timezone.now()
    if started_on > timezone.localdate(now):
        raise ValidationError({"started_on": "The start date cannot be in the future."})
    record = TreatmentRecord(
        member=member,
        treatment=treatment,
        condition=condition,
        started_on=started_on,
        weeks=weeks,
        outcome=outcome,
        pain_before=pain_before,
        pain_after=pain_after,
        note=note.strip(),
        created_at=now,
        current_outcome=outcome,
        outcome_at=now,
    )
    record.full_clean()
    record.save()
    refresh_latest(record=record)
    refresh_tally(condition_id=record.condition_id, treatment_id=record.treatment_id)
    FollowUp.objects.bulk_create(
        [
            FollowUp(record=record, weeks=weeks_after, due_at=due_at)
            for weeks_after in FOLLOW_UP_WEEKS
            if (due_at := record.follow_up_due_at(weeks_after)) > now
        ]
    )
    pagecache.bump(pagecache.LISTS)  # the condition pages' counts
    return record


@transaction.atomic
def answer_follow_up(
    *,
    follow_up: FollowUp,
    outcome: str,
    pain_now: int | None = None,
    note: str = "",
    now: datetime | None = None,
) -> FollowUp:
    """Keep a follow-up answer and make it the record's latest word.

    A follow-up is answered once: a second answer (the emailed link clicked again, two
    tabs) raises ValidationError rather than quietly rewriting the history.
    """
    now = now or timezone.now()
    locked = FollowUp.objects.select_for_update().select_related("record").get(pk=follow_up.pk)
    if locked.answered_at is not None:
        raise ValidationError("You have already answered this follow-up. Thank you!")
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": "Choose how it is going."})
    locked.outcome = outcome
    locked.pain_now = pain_now
    locked.note = note.strip()
    locked.answered_at = now
    locked.asked_at = locked.asked_at or now
    locked.full_clean()
    locked.save()
    TreatmentRecord.objects.filter(pk=locked.record_id).update(
        current_outcome=outcome, outcome_at=now
    )
    refresh_latest(record=locked.record)
    refresh_tally(condition_id=locked.record.condition_id, treatment_id=locked.record.treatment_id)
    pagecache.bump(pagecache.LISTS)
    record_changed.send(sender=TreatmentRecord, record=locked.record)
    return locked


def claim_follow_up(*, follow_up: FollowUp, now: datetime | None = None) -> bool:
    """Mark a due follow-up as asked; True only for the one caller that did it, so two
    runs of ``send_follow_ups`` never ask twice."""
    claimed = FollowUp.objects.filter(pk=follow_up.pk, asked_at__isnull=True).update(
        asked_at=now or timezone.now()
    )
    return claimed == 1


@transaction.atomic
def delete_record(*, record: TreatmentRecord) -> None:
    """A member takes a record back: it and its follow-ups go, and the counts with them."""
    record_changed.send(sender=TreatmentRecord, record=record)
    record.delete()
    refresh_latest(record=record)
    refresh_tally(condition_id=record.condition_id, treatment_id=record.treatment_id)
    pagecache.bump(pagecache.LISTS)


def refresh_latest(*, record: TreatmentRecord) -> None:
    """Mark which of the member's records for this treatment and condition counts: the one
    whose outcome came last (then the newest). Called by every write above, inside its
    transaction; the aggregates read only marked records (``one_per_member``)."""
    group = TreatmentRecord.objects.filter(
        member_id=record.member_id, treatment_id=record.treatment_id
    )
    if record.condition_id is None:  # the "not sure yet" records form a group too
        group = group.filter(condition__isnull=True)
    else:
        group = group.filter(condition_id=record.condition_id)
    latest = group.order_by("-outcome_at", "-pk").values_list("pk", flat=True).first()
    if latest is None:
        return
    group.filter(is_latest=True).exclude(pk=latest).update(is_latest=False)
    group.filter(pk=latest, is_latest=False).update(is_latest=True)


@transaction.atomic
def refresh_tally(*, condition_id: int | None, treatment_id: int) -> None:
    """Recount one treatment for one condition into its ``TreatmentTally`` row.

    The row is locked before counting, so of two members recording at once the second
    counts after the first commits and neither is lost. "Not sure yet" records have no
    condition, and so no tally.
    """
    if condition_id is None:
        return
    TreatmentTally.objects.get_or_create(condition_id=condition_id, treatment_id=treatment_id)
    tally = TreatmentTally.objects.select_for_update().get(
        condition_id=condition_id, treatment_id=treatment_id
    )
    counts = (
        TreatmentRecord.objects.filter(condition_id=condition_id, treatment_id=treatment_id)
        .one_per_member()
        .counts()
    )
    if counts["reported"] == 0:
        tally.delete()
        return
    for field, value in counts.items():
        setattr(tally, field, value)
    tally.save(update_fields=list(counts))

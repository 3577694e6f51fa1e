"""Records and follow-ups: what is scheduled, what an answer changes, what is refused."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from forum.treatments import services
from forum.treatments.models import FollowUp, Outcome, TreatmentRecord

from .conftest import days_ago

pytestmark = pytest.mark.django_db


def test_a_new_record_schedules_follow_ups_at_two_and_eight_weeks(record):
    follow_ups = list(record.follow_ups.order_by("weeks"))
    assert [f.weeks for f in follow_ups] == [2, 8]
    assert timezone.localtime(follow_ups[0].due_at).date() == record.started_on + timedelta(weeks=2)
    assert timezone.localtime(follow_ups[1].due_at).date() == record.started_on + timedelta(weeks=8)
    assert all(f.asked_at is None and f.answered_at is None for f in follow_ups)
    assert record.current_outcome == record.outcome == Outcome.TOO_EARLY


def test_a_follow_up_whose_time_has_passed_is_not_asked(member, condition, yoga):
    late = services.record_treatment(member=member, treatment=yoga, condition=condition,
                                     started_on=days_ago(30), outcome=Outcome.BETTER)  # fmt: skip
    assert list(late.follow_ups.values_list("weeks", flat=True)) == [8]
    old = services.record_treatment(member=member, treatment=yoga, condition=None,
                                    started_on=days_ago(400), outcome=Outcome.SAME)  # fmt: skip
    assert not old.follow_ups.exists()


def test_a_start_in_the_future_is_refused(member, condition, yoga):
    with pytest.raises(ValidationError, match="future"):
        services.record_treatment(member=member, treatment=yoga, condition=condition,
                                  started_on=days_ago(-1), outcome=Outcome.BETTER)  # fmt: skip
    assert not TreatmentRecord.objects.exists()


def test_a_pain_score_off_the_scale_is_refused(member, condition, yoga):
    with pytest.raises(ValidationError, match="pain_after"):
        services.record_treatment(member=member, treatment=yoga, condition=condition,
                                  started_on=days_ago(3), outcome=Outcome.BETTER,
                                  pain_before=7, pain_after=11)  # fmt: skip


def test_an_answer_adds_to_the_history_and_becomes_the_latest_word(record):
    two_weeks = record.follow_ups.get(weeks=2)
    services.answer_follow_up(follow_up=two_weeks, outcome=Outcome.BETTER, pain_now=3,
                              note="Less sore on stairs.")  # fmt: skip
    record.refresh_from_db()
    two_weeks.refresh_from_db()
    assert record.outcome == Outcome.TOO_EARLY, "the first report stays as it was"
    assert record.current_outcome == Outcome.BETTER
    assert (two_weeks.outcome, two_weeks.pain_now, two_weeks.note) == (
        Outcome.BETTER, 3, "Less sore on stairs."
    )  # fmt: skip
    assert two_weeks.answered_at is not None


def test_a_follow_up_is_answered_once(record):
    two_weeks = record.follow_ups.get(weeks=2)
    services.answer_follow_up(follow_up=two_weeks, outcome=Outcome.BETTER)
    with pytest.raises(ValidationError, match="already answered"):
        services.answer_follow_up(follow_up=two_weeks, outcome=Outcome.WORSE)
    record.refresh_from_db()
    assert record.current_outcome == Outcome.BETTER


def test_claiming_a_follow_up_succeeds_once(record):
    two_weeks = record.follow_ups.get(weeks=2)
    assert services.claim_follow_up(follow_up=two_weeks) is True
    assert services.claim_follow_up(follow_up=two_weeks) is False


def test_due_follow_ups_are_those_whose_time_came_and_not_asked_yet(record):
    now = timezone.now()
    assert not FollowUp.objects.due(now).exists()
    later = now + timedelta(weeks=3)
    assert list(FollowUp.objects.due(later).values_list("weeks", flat=True)) == [2]
    services.claim_follow_up(follow_up=record.follow_ups.get(weeks=2))
    assert not FollowUp.objects.due(later).exists()


def test_deleting_a_record_takes_its_follow_ups(record):
    services.delete_record(record=record)
    assert not FollowUp.objects.exists()

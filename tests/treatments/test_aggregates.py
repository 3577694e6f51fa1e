"""What members tried, added up: distinct members, latest word wins, a share only with
enough answers, and the Wilson interval checked against published values."""

import pytest

from forum.treatments import aggregates, services
from forum.treatments.aggregates import wilson_interval
from forum.treatments.models import Outcome, TreatmentRecord
from tests.factories import UserFactory

from .conftest import days_ago

pytestmark = pytest.mark.django_db


def report(member, treatment, condition, outcome, *, started=200):
    return services.record_treatment(member=member, treatment=treatment, condition=condition,
                                     started_on=days_ago(started), outcome=outcome)  # fmt: skip


def members(n: int):
    return [UserFactory() for _ in range(n)]


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    [
        # Newcombe (1998), Statistics in Medicine 17:857, table I, method 3 (Wilson):
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
        # and the symmetric case every textbook gives
        (5, 10, 0.2366, 0.7634),
    ],
)
def test_the_wilson_interval_matches_published_values(successes, n, low, high):
    computed = wilson_interval(successes, n)
    assert computed == pytest.approx((low, high), abs=0.00015)


def test_an_interval_needs_at_least_one_report():
    with pytest.raises(ValueError, match="at least one"):
        wilson_interval(0, 0)


def test_a_member_weighs_once_per_treatment_and_their_latest_word_counts(member, condition, yoga):
    report(member, yoga, condition, Outcome.WORSE, started=300)
    report(member, yoga, condition, Outcome.MUCH_BETTER, started=100)
    [tally] = aggregates.for_condition(condition)
    assert (tally.name, tally.reported, tally.with_outcome, tally.better) == ("Yoga", 1, 1, 1)


def test_the_latest_follow_up_wins_over_the_first_report(member, condition, yoga):
    record = report(member, yoga, condition, Outcome.TOO_EARLY, started=3)
    [tally] = aggregates.for_condition(condition)
    assert (tally.reported, tally.with_outcome, tally.better, tally.still_to_hear) == (1, 0, 0, 1)
    services.answer_follow_up(follow_up=record.follow_ups.get(weeks=2), outcome=Outcome.BETTER)
    [tally] = aggregates.for_condition(condition)
    assert (tally.with_outcome, tally.better) == (1, 1)
    services.answer_follow_up(follow_up=record.follow_ups.get(weeks=8), outcome=Outcome.SAME)
    [tally] = aggregates.for_condition(condition)
    assert (tally.with_outcome, tally.better) == (1, 0)


def test_a_share_is_shown_only_from_the_minimum_number_of_answers(condition, yoga, settings):
    settings.MEDIUS_TREATMENT_MIN_REPORTS = 10
    people = members(10)
    for person in people[:9]:
        report(person, yoga, condition, Outcome.BETTER)
    report(people[9], yoga, condition, Outcome.TOO_EARLY)
    [tally] = aggregates.for_condition(condition)
    assert (tally.reported, tally.with_outcome) == (10, 9)
    assert not tally.enough, "ten reported, but only nine said how it went"
    report(UserFactory(), yoga, condition, Outcome.WORSE)
    [tally] = aggregates.for_condition(condition)
    assert tally.enough
    assert (tally.better, tally.with_outcome, tally.percent_better) == (9, 10, 90)
    assert tally.interval == (60, 98)  # Wilson, 9 of 10: 0.5958 to 0.9821


def test_rows_are_alphabetical_never_ranked(member, other_member, condition, yoga, ball):
    report(member, yoga, condition, Outcome.MUCH_BETTER)
    report(other_member, ball, condition, Outcome.WORSE)
    assert [t.name for t in aggregates.for_condition(condition)] == [ball.name, yoga.name]


def test_other_conditions_and_undiagnosed_records_stay_out_of_a_condition(
    member, condition, other_condition, yoga
):
    report(member, yoga, other_condition, Outcome.BETTER)
    report(member, yoga, None, Outcome.BETTER)
    assert aggregates.for_condition(condition) == []
    [tally] = aggregates.for_treatment(yoga)
    assert (tally.name, tally.reported) == (other_condition.name, 1)


def test_the_treatment_page_counts_per_condition(member, other_member, condition,
                                                 other_condition, yoga):  # fmt: skip
    report(member, yoga, condition, Outcome.BETTER)
    report(other_member, yoga, condition, Outcome.WORSE)
    report(member, yoga, other_condition, Outcome.SAME)
    tallies = {t.slug: (t.reported, t.better) for t in aggregates.for_treatment(yoga)}
    assert tallies == {condition.slug: (2, 1), other_condition.slug: (1, 0)}


def test_deleting_the_latest_record_lets_the_one_before_count_again(member, condition, yoga):
    older = report(member, yoga, condition, Outcome.WORSE, started=300)
    newer = report(member, yoga, condition, Outcome.BETTER, started=100)
    services.delete_record(record=newer)
    older.refresh_from_db()
    assert older.is_latest
    [tally] = aggregates.for_condition(condition)
    assert (tally.reported, tally.better) == (1, 0)


def test_undiagnosed_records_of_one_member_also_weigh_once(member, yoga):
    report(member, yoga, None, Outcome.WORSE, started=300)
    latest = report(member, yoga, None, Outcome.BETTER, started=100)
    counted = TreatmentRecord.objects.filter(member=member).one_per_member()
    assert list(counted) == [latest]


def test_the_kept_tallies_match_a_recount_after_every_kind_of_write(
    member, other_member, condition, yoga, ball
):
    from forum.treatments.models import TreatmentTally
    from forum.treatments.privacy import erase_member

    def recount():
        return {
            (t.treatment_id): (t.reported, t.with_outcome, t.better)
            for t in TreatmentTally.objects.filter(condition=condition)
        }, {
            treatment.pk: tuple(
                TreatmentRecord.objects.filter(condition=condition, treatment=treatment)
                .one_per_member()
                .counts()
                .values()
            )
            for treatment in (yoga, ball)
            if TreatmentRecord.objects.filter(condition=condition, treatment=treatment).exists()
        }

    first = report(member, yoga, condition, Outcome.TOO_EARLY, started=3)
    report(member, yoga, condition, Outcome.WORSE, started=300)
    report(other_member, yoga, condition, Outcome.BETTER)
    report(other_member, ball, condition, Outcome.SAME)
    kept, counted = recount()
    # alice told of the old, worse episode last: that is her latest word for now
    assert kept == counted == {yoga.pk: (2, 2, 1), ball.pk: (1, 1, 0)}
    services.answer_follow_up(follow_up=first.follow_ups.get(weeks=2), outcome=Outcome.BETTER)
    kept, counted = recount()
    assert kept == counted and kept[yoga.pk] == (2, 2, 2)
    erase_member(other_member)
    kept, counted = recount()
    assert kept == counted == {yoga.pk: (1, 1, 1)}
    services.delete_record(record=first)
    kept, counted = recount()
    assert kept == counted == {yoga.pk: (1, 1, 0)}, "the older record counts again"


def test_refresh_treatment_tallies_rebuilds_lost_counts(member, condition, yoga):
    from io import StringIO

    from django.core.management import call_command

    from forum.treatments.models import TreatmentTally

    report(member, yoga, condition, Outcome.BETTER)
    TreatmentTally.objects.all().delete()
    call_command("refresh_treatment_tallies", stdout=StringIO())
    [tally] = aggregates.for_condition(condition)
    assert (tally.reported, tally.better) == (1, 1)

"""The treatment pages, the member's own record pages, and "What members tried" on the
condition page: who may do what, bad input kept, and pinned query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.moderation import services as moderation
from forum.treatments import services
from forum.treatments.models import Outcome, TreatmentRecord
from tests.factories import UserFactory

from .conftest import days_ago

pytestmark = pytest.mark.django_db
RECORD = reverse("treatments:record")
MINE = reverse("treatments:mine")
SECRET_NOTE = "Only my physio knows about the plum-coloured bruise."


def many_reports(n: int, *, treatment, condition, outcome=Outcome.BETTER) -> None:
    for _ in range(n):
        services.record_treatment(member=UserFactory(), treatment=treatment, condition=condition,
                                  started_on=days_ago(100), outcome=outcome,
                                  note=SECRET_NOTE)  # fmt: skip


def form_data(tried, where, **changes):
    return {
        "treatment": tried.pk,
        "condition": where.pk if where else "",
        "started_on": days_ago(4).isoformat(),
        "weeks": "",
        "outcome": Outcome.TOO_EARLY,
        "pain_before": "6",
        "pain_after": "",
        "note": "Evenings, five minutes each side.",
    } | changes


# The condition page and the treatment pages


@pytest.mark.parametrize("n", [1, 25])
def test_condition_page_query_count_does_not_grow_with_records(
    n, client, condition, yoga, ball, django_assert_num_queries
):
    many_reports(n, treatment=yoga, condition=condition)
    many_reports(n, treatment=ball, condition=condition, outcome=Outcome.WORSE)
    # condition with its guide and how many threads carry it (none, so no thread list is
    # queried), synonyms, children, and one for every treatment (with threads:
    # tests/discussions/test_query_counts.py)
    with django_assert_num_queries(4):
        response = client.get(condition.get_absolute_url())
    assert response.status_code == 200
    assert response.context["what_members_tried"][1].reported == n


def test_condition_page_shows_counts_with_n_and_a_share_only_from_the_minimum(
    client, condition, yoga, ball, settings
):
    settings.MEDIUS_TREATMENT_MIN_REPORTS = 10
    many_reports(9, treatment=yoga, condition=condition)
    many_reports(10, treatment=ball, condition=condition)
    page = client.get(condition.get_absolute_url()).content.decode()
    assert "What members tried" in page
    assert "Not enough reports yet" in page  # yoga, 9 answers
    assert "10 of 10 (100%; 95% interval 72 to 100%)" in page  # ball release
    assert "not a trial" in page
    assert SECRET_NOTE not in page, "no member's own words appear in an aggregate"


def test_condition_page_without_records_invites_the_first(client, condition):
    page = client.get(condition.get_absolute_url()).content.decode()
    assert "No member has recorded a treatment for this condition yet." in page
    assert f"{RECORD}?condition={condition.slug}" in page


def test_treatment_page_shows_the_evidence_and_counts_per_condition(
    client, condition, yoga, django_assert_num_queries
):
    many_reports(3, treatment=yoga, condition=condition)
    with django_assert_num_queries(4):  # the treatment, its synonyms, the counts, the questions
        response = client.get(yoga.get_absolute_url())
    page = response.content.decode()
    assert yoga.evidence_note in page
    assert condition.name in page and "Not enough reports yet" in page
    assert SECRET_NOTE not in page


def test_treatment_list_is_one_query_grouped_by_kind(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("treatments:list"))
    assert b"Needling or acupuncture" in response.content
    assert b"Dry needling" in response.content


def test_an_unknown_treatment_is_not_found(client):
    assert client.get("/treatments/no-such-thing/").status_code == 404


# Recording


@pytest.mark.parametrize("url", [RECORD, MINE])
def test_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_member_records_a_treatment_and_sees_it_on_their_own_page(
    member_client, member, condition, ball
):
    response = member_client.post(RECORD, form_data(ball, condition))
    assert response.status_code == 302 and response["Location"] == MINE
    record = TreatmentRecord.objects.get(member=member)
    assert (record.treatment, record.condition, record.pain_before) == (ball, condition, 6)
    page = member_client.get(MINE)
    assert "no-store" in page["Cache-Control"]
    assert b"Evenings, five minutes each side." in page.content
    assert b"we will ask around" in page.content


def test_not_sure_yet_is_a_choice(member_client, member, ball):
    member_client.post(RECORD, form_data(ball, None))
    assert TreatmentRecord.objects.get(member=member).condition is None


def test_the_record_form_is_prefilled_from_the_condition_page(member_client, condition):
    response = member_client.get(f"{RECORD}?condition={condition.slug}&treatment=yoga")
    assert response.context["form"].initial["condition"] == condition
    assert response.context["form"].initial["treatment"].slug == "yoga"


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"started_on": (timezone.localdate() + timedelta(days=2)).isoformat()}, "future"),
        ({"started_on": "last spring"}, "Enter a date"),
        ({"pain_after": "12"}, "less than or equal to 10"),
        ({"treatment": "99999"}, "Choose a treatment from the list"),
        ({"outcome": "cured"}, "Select a valid choice"),
    ],
)
def test_bad_input_gives_a_clear_error_and_keeps_what_was_typed(
    member_client, condition, ball, changes, error
):
    response = member_client.post(RECORD, form_data(ball, condition, **changes))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert b"Evenings, five minutes each side." in response.content
    assert not TreatmentRecord.objects.exists()


def test_a_suspended_member_cannot_record(member_client, member, moderator, condition, ball):
    moderation.suspend_member(member=member, moderator=moderator,
                              until=timezone.now() + timedelta(days=2), reason="Spam")  # fmt: skip
    response = member_client.post(RECORD, form_data(ball, condition))
    assert response.status_code == 403
    assert b"suspended" in response.content
    assert not TreatmentRecord.objects.exists()


def test_my_page_query_count_does_not_grow_with_records(
    member_client, member, condition, yoga, ball, django_assert_num_queries
):
    for treatment in (yoga, ball, yoga):
        services.record_treatment(member=member, treatment=treatment, condition=condition,
                                  started_on=days_ago(20), outcome=Outcome.BETTER)  # fmt: skip
    # session, user, unread notifications, waiting follow-ups, records, their follow-ups
    with django_assert_num_queries(6):
        assert member_client.get(MINE).status_code == 200


def test_only_the_member_sees_and_deletes_their_record(login_as, record):
    url = reverse("treatments:delete", args=[record.pk])
    assert login_as("other_member").post(url).status_code == 404
    assert login_as("moderator").post(url).status_code == 404
    assert login_as("anonymous").post(url).status_code == 302
    assert TreatmentRecord.objects.filter(pk=record.pk).exists()
    assert login_as("member").post(url).status_code == 302
    assert not TreatmentRecord.objects.filter(pk=record.pk).exists()


# Answering a follow-up while logged in


def test_the_member_answers_a_follow_up_from_their_page(member_client, record):
    follow_up = record.follow_ups.get(weeks=2)
    url = follow_up.get_absolute_url()
    response = member_client.post(url, {"outcome": Outcome.MUCH_BETTER, "pain_now": "2"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.current_outcome == Outcome.MUCH_BETTER
    again = member_client.get(url)
    assert b"You answered this follow-up" in again.content


def test_a_follow_up_without_a_choice_keeps_the_note(member_client, record):
    url = record.follow_ups.get(weeks=2).get_absolute_url()
    response = member_client.post(url, {"outcome": "", "note": "Hard to tell."})
    assert response.status_code == 200
    assert b"Choose how it is going." in response.content
    assert b"Hard to tell." in response.content


@pytest.mark.parametrize(("role", "status"), [("other_member", 403), ("moderator", 403),
                                              ("anonymous", 302)])  # fmt: skip
def test_nobody_else_answers_a_members_follow_up(login_as, record, role, status):
    url = record.follow_ups.get(weeks=2).get_absolute_url()
    response = login_as(role).post(url, {"outcome": Outcome.WORSE})
    assert response.status_code == status
    record.refresh_from_db()
    assert record.current_outcome == Outcome.TOO_EARLY

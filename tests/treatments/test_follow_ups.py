"""Asking about a treatment at 2 and 8 weeks: ``send_follow_ups`` asks each follow-up once,
in the site always and by email only when the member asked for it; the emailed link
answers without logging in, is signed, and expires."""

import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forum.notifications import services as notifications
from forum.notifications.models import Frequency, Kind, Notification
from forum.treatments import aggregates
from forum.treatments.links import answer_url
from forum.treatments.models import Outcome

pytestmark = pytest.mark.django_db


def send_follow_ups(django_capture_on_commit_callbacks) -> str:
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # the email follows the commit
        call_command("send_follow_ups", stdout=out)
    return out.getvalue()


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    return lambda: send_follow_ups(django_capture_on_commit_callbacks)


@pytest.fixture
def two_weeks_on(record):
    """The clock at the 2-week follow-up's time (and one hour past it)."""
    moment = record.follow_ups.get(weeks=2).due_at + timedelta(hours=1)
    with time_machine.travel(moment, tick=False):
        yield moment


@pytest.fixture
def opted_in(member):
    notifications.set_email_preference(user=member, kind=Kind.FOLLOW_UP,
                                       frequency=Frequency.IMMEDIATELY)  # fmt: skip


def answer_link(message) -> str:
    [link] = re.findall(r"http\S+/treatments/answer/\S+/", message.body)
    return link


def test_nothing_is_asked_before_its_time(record, run):
    assert "Follow-ups asked: 0." in run()
    assert not Notification.objects.exists()


def test_a_due_follow_up_is_asked_once_in_the_site(record, member, two_weeks_on, run):
    assert "Follow-ups asked: 1." in run()
    assert "Follow-ups asked: 0." in run()
    [notification] = Notification.objects.filter(recipient=member)
    assert notification.kind == Kind.FOLLOW_UP
    assert notification.text == "How is Ball release of the gluteus medius going now, 2 weeks on?"
    assert record.follow_ups.get(weeks=2).asked_at is not None
    assert record.follow_ups.get(weeks=8).asked_at is None


def test_no_email_unless_the_member_asked_for_follow_ups_by_email(record, two_weeks_on, run):
    run()
    assert mail.outbox == []
    assert Notification.objects.get().email_abandoned is True


def test_an_opted_in_member_gets_one_email_with_the_answer_link(
    record, member, opted_in, two_weeks_on, run
):
    run()
    run()
    [message] = mail.outbox
    assert message.to == [member.email]
    assert "How is Ball release of the gluteus medius going now" in message.subject
    assert "/treatments/answer/" in answer_link(message)


def test_a_deactivated_member_is_not_asked(record, member, two_weeks_on, run):
    member.is_active = False
    member.save(update_fields=["is_active"])
    assert "Follow-ups asked: 0." in run()


def test_the_in_site_notification_opens_the_follow_up(record, member, two_weeks_on, run):
    run()
    client = Client()
    client.force_login(member)
    notification = Notification.objects.get()
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == record.follow_ups.get(weeks=2).get_absolute_url()
    listing = client.get(reverse("notifications:list")).content.decode()
    assert "How is Ball release of the gluteus medius going now, 2 weeks on?" in listing


def test_the_emailed_link_answers_without_logging_in_and_the_counts_follow(
    record, condition, opted_in, two_weeks_on, run
):
    run()
    link = answer_link(mail.outbox[0])
    visitor = Client()
    form = visitor.get(link)
    assert form.status_code == 200 and b"How is it going now?" in form.content
    assert "no-store" in form["Cache-Control"]
    [before] = aggregates.for_condition(condition)
    assert (before.with_outcome, before.better) == (0, 0)

    done = visitor.post(link, {"outcome": Outcome.BETTER, "pain_now": "4"})

    assert done.status_code == 200 and b"Thank you" in done.content
    [after] = aggregates.for_condition(condition)
    assert (after.with_outcome, after.better) == (1, 1)
    follow_up = record.follow_ups.get(weeks=2)
    assert (follow_up.outcome, follow_up.pain_now) == (Outcome.BETTER, 4)
    again = visitor.post(link, {"outcome": Outcome.WORSE})
    assert b"You answered this follow-up" in again.content
    follow_up.refresh_from_db()
    assert follow_up.outcome == Outcome.BETTER


def test_the_link_still_works_on_day_29(record, settings):
    settings.MEDIUS_FOLLOW_UP_LINK_DAYS = 30
    link = answer_url(record.follow_ups.get(weeks=2))
    with time_machine.travel(timezone.now() + timedelta(days=29)):
        assert Client().get(link).status_code == 200


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_expired_link_says_so_and_changes_nothing(record, settings, method):
    settings.MEDIUS_FOLLOW_UP_LINK_DAYS = 30
    link = answer_url(record.follow_ups.get(weeks=2))
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        response = getattr(Client(), method)(link, {"outcome": Outcome.BETTER})
    assert response.status_code == 400
    assert b"expired" in response.content
    assert record.follow_ups.get(weeks=2).answered_at is None


def test_a_changed_link_is_refused(record):
    link = answer_url(record.follow_ups.get(weeks=2))
    other = answer_url(record.follow_ups.get(weeks=8))
    token, forged = link.rstrip("/").rsplit("/", 1)[1], other.rstrip("/").rsplit("/", 1)[1]
    spliced = token.split(":")[0] + ":" + ":".join(forged.split(":")[1:])
    response = Client().post(link.replace(token, spliced), {"outcome": Outcome.BETTER})
    assert response.status_code == 400
    assert b"incomplete or was changed" in response.content
    assert not record.follow_ups.filter(answered_at__isnull=False).exists()


def test_a_link_to_a_deleted_record_says_it_is_gone(record):
    link = answer_url(record.follow_ups.get(weeks=2))
    record.delete()
    response = Client().get(link)
    assert response.status_code == 404
    assert b"no longer exists" in response.content

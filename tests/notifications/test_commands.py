"""The cron commands: ``send_digests`` (daily digests, clinicians' waiting questions, retries)
and ``send_reminders`` (remind askers once to accept an answer)."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from forum.discussions import services as discussions
from forum.moderation import services as moderation
from forum.notifications import services
from forum.notifications.models import AcceptReminder, Digest, Frequency, Kind, Notification
from tests.factories import make_question
from tests.notifications.helpers import inbox, kinds, mails_to, unread_count

pytestmark = pytest.mark.django_db


def run(command: str) -> str:
    out = StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


def digests_to(user) -> list:
    return [m for m in mails_to(user) if m.subject == "[Medius] Your daily digest"]


@pytest.fixture
def followed_reply(question, reply, third_member, committed):
    """carol's reply in alice's question, which bob follows since he replied there."""
    post = committed(
        discussions.post_reply, parent=question.opening_post, author=third_member, body="Ice?"
    )
    assert Kind.FOLLOWED_THREAD in kinds(reply.author)
    mail.outbox.clear()
    return post


def asked_hours_ago(hours, committed, title="Outer hip pain when lying on my side", **kwargs):
    with time_machine.travel(timezone.now() - timedelta(hours=hours)):
        body = f"{title}: it aches at night. What helped you?"
        return committed(make_question, title=title, body=body, **kwargs)


# Digests


def test_send_digests_twice_sends_one_digest(followed_reply, other_member, question):
    assert "Digests sent: 1" in run("send_digests")
    assert "Digests sent: 0" in run("send_digests")

    [digest] = mails_to(other_member)
    assert digest.subject == "[Medius] Your daily digest"
    assert "carol replied in" in digest.body
    assert f"/r/{followed_reply.pk}/" in digest.body
    assert Digest.objects.filter(user=other_member).count() == 1
    [notification] = Notification.objects.filter(kind=Kind.FOLLOWED_THREAD)
    assert notification.emailed_at is not None


def test_digest_holds_only_the_daily_kinds(followed_reply, member, other_member):
    run("send_digests")

    assert digests_to(member) == []  # alice's reply notifications went out at once
    assert len(digests_to(other_member)) == 1


def test_next_days_digest_holds_only_what_is_new(
    followed_reply, question, other_member, fourth_member, committed
):
    run("send_digests")
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        committed(
            discussions.post_reply, parent=question.opening_post, author=fourth_member, body="+1"
        )
        run("send_digests")
        run("send_digests")

    first, second = digests_to(other_member)
    assert "carol replied in" in first.body
    assert "dave replied in" in second.body
    assert "carol replied in" not in second.body


def test_nothing_due_sends_no_digest(question, reply):
    mail.outbox.clear()

    assert "Digests sent: 0" in run("send_digests")

    assert mail.outbox == []
    assert not Digest.objects.exists()


def test_no_digest_for_kinds_turned_off(followed_reply, other_member):
    services.set_email_preference(
        user=other_member, kind=Kind.FOLLOWED_THREAD, frequency=Frequency.OFF
    )

    run("send_digests")

    assert mails_to(other_member) == []


def test_no_digest_to_a_suspended_member(followed_reply, other_member):
    other_member.suspended_until = timezone.now() + timedelta(days=3)
    other_member.save(update_fields=["suspended_until"])

    run("send_digests")

    assert mails_to(other_member) == []
    assert not Digest.objects.filter(user=other_member).exists()


def test_helpful_batch_goes_in_the_digest(reply, member, third_member, other_member, committed):
    for marker in (member, third_member):
        committed(discussions.mark_helpful, post=reply, user=marker)

    run("send_digests")

    [digest] = mails_to(other_member)
    assert "2 members found your reply helpful" in digest.body


# Clinicians: questions waiting in their conditions


@pytest.fixture
def answering_clinician(clinician, condition):
    clinician.answers_for.set([condition])
    return clinician


def test_clinician_digest_lists_questions_waiting_over_the_threshold(
    answering_clinician, condition, other_condition, member, other_member, committed
):
    # Asked oldest first: the posting throttle sees posts "from the future" otherwise.
    answered = asked_hours_ago(
        31, committed, author=member, conditions=[condition], title="Already has a reply"
    )
    asked_hours_ago(
        30, committed, author=member, conditions=[other_condition], title="In another condition"
    )
    waiting = asked_hours_ago(
        25, committed, author=member, conditions=[condition], title="Waiting over a day"
    )
    asked_hours_ago(
        23, committed, author=member, conditions=[condition], title="Asked this morning"
    )
    committed(discussions.post_reply, parent=answered.opening_post, author=other_member, body="1")

    run("send_digests")
    run("send_digests")

    [digest] = mails_to(answering_clinician)
    assert "Questions in your conditions still waiting for a first reply" in digest.body
    assert "Waiting over a day" in digest.body
    assert waiting.get_absolute_url() in digest.body
    for title in ["Asked this morning", "Already has a reply", "In another condition"]:
        assert title not in digest.body


def test_waiting_threshold_is_a_setting(
    answering_clinician, condition, member, committed, settings
):
    settings.MEDIUS_NEEDS_ANSWER_HOURS = 2
    asked_hours_ago(3, committed, author=member, conditions=[condition], title="Three hours")

    run("send_digests")

    [digest] = mails_to(answering_clinician)
    assert "Three hours" in digest.body


def test_clinician_without_conditions_gets_no_waiting_questions(
    clinician, condition, member, committed
):
    asked_hours_ago(25, committed, author=member, conditions=[condition])

    run("send_digests")

    assert mails_to(clinician) == []


def test_clinician_who_turned_needs_answer_off_gets_no_digest(
    answering_clinician, condition, member, committed
):
    services.set_email_preference(
        user=answering_clinician, kind=Kind.NEEDS_ANSWER, frequency=Frequency.OFF
    )
    asked_hours_ago(25, committed, author=member, conditions=[condition])

    run("send_digests")

    assert mails_to(answering_clinician) == []


def test_no_waiting_questions_no_clinician_digest(answering_clinician):
    run("send_digests")

    assert mails_to(answering_clinician) == []
    assert not Digest.objects.exists()


# Reminders to accept an answer


@pytest.fixture
def old_question(member, condition, other_member, committed):
    """alice's question from four days ago, with bob's reply."""
    thread = asked_hours_ago(24 * 4, committed, author=member, conditions=[condition])
    committed(discussions.post_reply, parent=thread.opening_post, author=other_member, body="Ice")
    Notification.objects.all().delete()
    mail.outbox.clear()
    return thread


def test_asker_is_reminded_once_to_accept_an_answer(
    old_question, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert "Reminders sent: 1" in run("send_reminders")
        assert "Reminders sent: 0" in run("send_reminders")

    [notification] = inbox(member)
    assert notification.kind == Kind.ACCEPT_REMINDER
    assert notification.thread == old_question
    assert old_question.title in notification.text
    assert unread_count(member) == 1
    assert AcceptReminder.objects.filter(thread=old_question).exists()


def test_reminder_is_emailed_at_once(old_question, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run("send_reminders")

    [message] = mails_to(member)
    assert "Accepting it helps others" in message.subject
    assert old_question.get_absolute_url() in message.body


def test_no_reminder_before_the_reminder_delay(member, condition, other_member, committed):
    thread = asked_hours_ago(24 * 2, committed, author=member, conditions=[condition])
    committed(discussions.post_reply, parent=thread.opening_post, author=other_member, body="Ice")

    run("send_reminders")

    assert Kind.ACCEPT_REMINDER not in kinds(member)


def test_no_reminder_without_replies(member, condition, committed):
    asked_hours_ago(24 * 4, committed, author=member, conditions=[condition])

    run("send_reminders")

    assert inbox(member) == []


def test_no_reminder_once_an_answer_is_accepted(old_question, member, committed):
    reply = old_question.posts.get(depth=1)
    committed(discussions.accept_answer, thread=old_question, post=reply, actor=member)

    run("send_reminders")

    assert Kind.ACCEPT_REMINDER not in kinds(member)


def test_no_reminder_for_a_hidden_question(old_question, member, moderator, committed):
    committed(
        moderation.hide_post, post=old_question.opening_post, moderator=moderator, reason="Spam"
    )

    run("send_reminders")

    assert Kind.ACCEPT_REMINDER not in kinds(member)


def test_reminder_opens_the_question(old_question, member, login_as):
    run("send_reminders")
    [notification] = inbox(member)

    response = login_as("member").get(f"/notifications/{notification.pk}/")

    assert response.status_code == 302
    assert response.url == old_question.get_absolute_url()
    assert AcceptReminder.objects.filter(thread=old_question).exists()


def test_turning_a_kind_back_on_does_not_email_what_happened_while_it_was_off(
    question, reply, other_member, third_member, committed
):
    services.set_email_preference(
        user=other_member, kind=Kind.FOLLOWED_THREAD, frequency=Frequency.OFF
    )
    committed(discussions.post_reply, parent=question.opening_post, author=third_member, body="?")
    run("send_digests")
    assert mails_to(other_member) == []

    with time_machine.travel(timezone.now() + timedelta(days=30)):
        services.set_email_preference(
            user=other_member, kind=Kind.FOLLOWED_THREAD, frequency=Frequency.DAILY
        )
        run("send_digests")

    assert mails_to(other_member) == []

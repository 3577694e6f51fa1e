"""Notification email: preferences, the one-click unsubscribe link, who never gets email,
and a mail server that fails."""

import base64
import json
import smtplib
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forum.discussions import services as discussions
from forum.discussions.models import Post
from forum.moderation import services as moderation
from forum.notifications import emails, services
from forum.notifications.models import (
    DEFAULT_FREQUENCY,
    EmailPreference,
    Frequency,
    Kind,
    Notification,
)
from forum.notifications.tasks import send_notification_email
from tests.factories import UserFactory, make_question
from tests.notifications.helpers import inbox, kinds, mails_to

pytestmark = pytest.mark.django_db

FAILING_BACKEND = "tests.notifications.test_email.FailingBackend"
WATCHING_BACKEND = "tests.notifications.test_email.TransactionWatchingBackend"
LOCMEM_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SETTINGS_URL = reverse("notifications:settings")


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("421 Service not available (test)")


class TransactionWatchingBackend(BaseEmailBackend):
    """Delivers to ``mail.outbox`` and notes, per message, whether the code that sent it
    had a transaction open (the test's own wrapping transaction does not count)."""

    in_transaction: list[bool] = []

    def send_messages(self, email_messages):
        opened_by_code = [b for b in connection.atomic_blocks if not b._from_testcase]
        for message in email_messages:
            self.in_transaction.append(bool(opened_by_code))
            mail.outbox.append(message)
        return len(email_messages)


def reply_to_question(committed, question, author, body="A pillow between the knees helped."):
    return committed(discussions.post_reply, parent=question.opening_post, author=author, body=body)


def send_digests():
    call_command("send_digests", stdout=StringIO())


def unsubscribe_path(message) -> str:
    """The path of the List-Unsubscribe URL, for the test client."""
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert url.startswith(django_settings.SITE_URL + "/notifications/unsubscribe/")
    return url.removeprefix(django_settings.SITE_URL)


def all_kinds(**changes) -> dict:
    """The settings form's data: every kind at its default, with ``changes``."""
    return {kind.value: DEFAULT_FREQUENCY[kind].value for kind in Kind} | changes


# Defaults and preferences


def test_reply_to_my_question_is_emailed_at_once_by_default(
    question, member, other_member, committed
):
    post = reply_to_question(committed, question, other_member)

    [message] = mails_to(member)
    assert message.subject == f"[Medius] bob replied to your question “{question.title}”"
    assert f"{django_settings.SITE_URL}/r/{post.pk}/" in message.body
    [notification] = inbox(member)
    assert notification.emailed_at is not None


def test_every_email_carries_one_click_unsubscribe_headers(
    question, member, other_member, committed
):
    reply_to_question(committed, question, other_member)

    [message] = mails_to(member)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = unsubscribe_path(message)
    assert django_settings.SITE_URL + path in message.body
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert emails.read_unsubscribe_token(token) == (member.pk, Kind.REPLY_TO_QUESTION)
    serialized = message.message()
    assert serialized["List-Unsubscribe"] == f"<{django_settings.SITE_URL}{path}>"
    assert serialized["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_helpful_marks_are_not_emailed_at_once_by_default(reply, member, other_member, committed):
    committed(discussions.mark_helpful, post=reply, user=member)

    assert kinds(other_member) == [Kind.HELPFUL]
    assert mails_to(other_member) == []


def test_turning_a_kind_off_stops_its_email_but_keeps_the_notification(
    question, member, other_member, login_as, committed
):
    response = login_as("member").post(
        SETTINGS_URL, all_kinds(**{Kind.REPLY_TO_QUESTION: Frequency.OFF})
    )
    assert response.status_code == 302

    reply_to_question(committed, question, other_member)

    assert kinds(member) == [Kind.REPLY_TO_QUESTION]
    assert mails_to(member) == []


def test_settings_page_shows_the_defaults(login_as):
    response = login_as("member").get(SETTINGS_URL)

    assert response.status_code == 200
    form = response.context["form"]
    assert form[Kind.REPLY_TO_QUESTION].value() == Frequency.IMMEDIATELY
    assert form[Kind.HELPFUL].value() == Frequency.DAILY


def test_settings_page_saves_the_choices(member, login_as):
    client = login_as("member")
    data = all_kinds(
        **{Kind.HELPFUL: Frequency.IMMEDIATELY, Kind.MENTION: Frequency.DAILY,
           Kind.FOLLOWED_THREAD: Frequency.OFF}
    )  # fmt: skip

    response = client.post(SETTINGS_URL, data, follow=True)

    assert response.redirect_chain == [(SETTINGS_URL, 302)]
    assert b"Your notification settings are saved." in response.content
    saved = dict(EmailPreference.objects.filter(user=member).values_list("kind", "frequency"))
    assert saved == {
        Kind.HELPFUL: Frequency.IMMEDIATELY,
        Kind.MENTION: Frequency.DAILY,
        Kind.FOLLOWED_THREAD: Frequency.OFF,
    }
    form = client.get(SETTINGS_URL).context["form"]
    assert form[Kind.FOLLOWED_THREAD].value() == Frequency.OFF


def test_settings_page_refuses_an_unknown_frequency(member, login_as):
    response = login_as("member").post(SETTINGS_URL, all_kinds(**{Kind.HELPFUL: "hourly"}))

    assert response.status_code == 200
    assert response.context["form"].errors[Kind.HELPFUL]
    assert not EmailPreference.objects.filter(user=member).exists()


def test_settings_page_needs_a_login(client):
    response = client.get(SETTINGS_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


# The unsubscribe link


@pytest.fixture
def link(member) -> str:
    """The path of the unsubscribe link in alice's emails about replies to her questions."""
    url = emails.unsubscribe_url(member, Kind.REPLY_TO_QUESTION)
    return url.removeprefix(django_settings.SITE_URL)


def test_unsubscribe_link_shows_a_confirmation_page_logged_out(link, member):
    response = Client().get(link)

    assert response.status_code == 200
    assert b"Stop emails about" in response.content
    assert b"replies to my questions" in response.content
    assert services.frequency_for(member, Kind.REPLY_TO_QUESTION) == Frequency.IMMEDIATELY


def test_unsubscribe_post_without_csrf_token_turns_that_kind_off(
    link, question, member, third_member, committed
):
    client = Client(enforce_csrf_checks=True)

    response = client.post(link)

    assert response.status_code == 200
    assert b"Done: you will no longer receive these emails" in response.content
    assert services.frequency_for(member, Kind.REPLY_TO_QUESTION) == Frequency.OFF
    assert services.frequency_for(member, Kind.MENTION) == Frequency.IMMEDIATELY
    reply_to_question(committed, question, third_member, body="Ice helped me.")
    assert kinds(member) == [Kind.REPLY_TO_QUESTION]
    assert mails_to(member) == []


def test_unsubscribe_works_while_logged_in_as_someone_else(link, member, login_as):
    client = login_as("other_member")
    client.handler.enforce_csrf_checks = True

    assert client.post(link).status_code == 200

    assert services.frequency_for(member, Kind.REPLY_TO_QUESTION) == Frequency.OFF


@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_unsubscribe_link_is_refused_and_changes_nothing(link, member, method):
    token = link.rstrip("/").rsplit("/", 1)[1]
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")

    response = getattr(Client(enforce_csrf_checks=True), method)(link.replace(token, tampered))

    assert response.status_code == 400
    assert b"not valid" in response.content
    assert not EmailPreference.objects.filter(user=member).exists()


def test_unsubscribe_link_for_another_member_cannot_be_forged(link, member, other_member):
    token = link.rstrip("/").rsplit("/", 1)[1]
    payload, rest = token.split(":", 1)
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    forged_payload = base64.urlsafe_b64encode(
        json.dumps(data | {"u": other_member.pk}, separators=(",", ":")).encode()
    ).rstrip(b"=")

    response = Client().post(link.replace(token, f"{forged_payload.decode()}:{rest}"))

    assert response.status_code == 400
    assert not EmailPreference.objects.exists()


def test_unsubscribe_link_still_works_after_89_days(link, member):
    with time_machine.travel(timezone.now() + timedelta(days=89)):
        response = Client().post(link)

    assert response.status_code == 200
    assert services.frequency_for(member, Kind.REPLY_TO_QUESTION) == Frequency.OFF


@pytest.mark.parametrize("method", ["get", "post"])
def test_expired_unsubscribe_link_says_so_and_changes_nothing(link, member, method):
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        response = getattr(Client(), method)(link)

    assert response.status_code == 400
    assert b"expired" in response.content
    assert not EmailPreference.objects.filter(user=member).exists()


def test_digest_unsubscribe_link_turns_every_kind_off(
    question, reply, member, third_member, committed
):
    committed(discussions.post_reply, parent=question.opening_post, author=third_member, body="?")
    send_digests()
    [digest] = mails_to(reply.author)
    assert digest.subject == "[Medius] Your daily digest"
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    response = Client(enforce_csrf_checks=True).post(unsubscribe_path(digest))

    assert response.status_code == 200
    offs = EmailPreference.objects.filter(user=reply.author, frequency=Frequency.OFF)
    assert offs.count() == len(Kind)


# Who never gets email


def test_no_email_to_an_unverified_address(condition, other_member, committed):
    unverified = UserFactory(username="zoe", verified=False)
    assert not EmailAddress.objects.get(user=unverified).verified
    question = committed(make_question, author=unverified, conditions=[condition])

    reply_to_question(committed, question, other_member)

    [notification] = inbox(unverified)
    assert notification.emailed_at is None
    assert notification.email_abandoned
    assert mails_to(unverified) == []


def test_no_email_to_a_suspended_member(question, member, other_member, committed):
    member.suspended_until = timezone.now() + timedelta(days=7)
    member.save(update_fields=["suspended_until"])

    reply_to_question(committed, question, other_member)

    assert kinds(member) == [Kind.REPLY_TO_QUESTION]
    assert mails_to(member) == []


def test_email_resumes_once_a_suspension_has_ended(question, member, other_member, committed):
    member.suspended_until = timezone.now() - timedelta(minutes=1)
    member.save(update_fields=["suspended_until"])

    reply_to_question(committed, question, other_member)

    assert len(mails_to(member)) == 1


def test_no_email_about_a_post_hidden_before_the_worker_sends_it(
    question, member, other_member, moderator, committed, settings
):
    """With a task queue (TASKS_BACKEND=database) the email goes out later, from a worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    post = reply_to_question(committed, question, other_member)
    [notification] = inbox(member)
    committed(moderation.hide_post, post=post, moderator=moderator, reason="Spam")

    assert send_notification_email.call(notification.pk) is False

    assert mails_to(member) == []
    notification.refresh_from_db()
    assert notification.email_abandoned


def test_no_digest_about_a_post_hidden_before_the_digest_is_sent(
    question, reply, member, other_member, third_member, moderator, committed
):
    late = committed(
        discussions.post_reply, parent=question.opening_post, author=third_member, body="Ice."
    )
    assert Kind.FOLLOWED_THREAD in kinds(other_member)  # bob follows the thread he replied in
    committed(moderation.hide_post, post=late, moderator=moderator, reason="Spam")
    mail.outbox.clear()

    send_digests()

    assert mails_to(other_member) == []


# A failing mail server


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_failing_mail_server_does_not_break_posting_and_the_email_is_retried(
    question, member, other_member, settings, caplog
):
    """Transactional, so the email is attempted inside the request, as in production."""
    settings.EMAIL_BACKEND = FAILING_BACKEND
    client = Client()
    client.force_login(other_member)

    response = client.post(
        reverse("discussions:reply", args=[question.opening_post_id]),
        {"body": "Side-lying with a pillow between the knees helped me."},
    )

    assert response.status_code == 302
    post = Post.objects.get(author=other_member)
    assert response.url == post.get_absolute_url()
    assert "Sending notification email failed" in caplog.text
    assert "421 Service not available" in caplog.text
    notification = Notification.objects.get(recipient=member)
    assert (notification.email_attempts, notification.emailed_at) == (1, None)
    assert not notification.email_abandoned

    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    send_digests()

    [message] = mails_to(member)
    assert "replied to your question" in message.subject
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    send_digests()
    assert len(mails_to(member)) == 1


def test_email_is_abandoned_after_the_maximum_attempts(
    question, member, other_member, committed, settings, caplog
):
    settings.MEDIUS_EMAIL_MAX_ATTEMPTS = 3
    settings.EMAIL_BACKEND = FAILING_BACKEND
    reply_to_question(committed, question, other_member)
    [notification] = inbox(member)
    assert notification.email_attempts == 1

    for expected_attempts in (2, 3, 3):
        send_digests()
        notification.refresh_from_db()
        assert notification.email_attempts == expected_attempts
    assert notification.email_abandoned

    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    send_digests()
    assert mails_to(member) == []
    assert caplog.text.count("Sending notification email failed") == 3


def test_failed_digest_is_sent_on_the_next_run(
    question, reply, other_member, third_member, committed, settings
):
    committed(discussions.post_reply, parent=question.opening_post, author=third_member, body="?")
    settings.EMAIL_BACKEND = FAILING_BACKEND

    send_digests()

    [followed] = Notification.objects.filter(recipient=other_member, kind=Kind.FOLLOWED_THREAD)
    assert (followed.email_attempts, followed.emailed_at) == (1, None)
    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    send_digests()
    [digest] = mails_to(other_member)
    assert "carol replied in" in digest.body


# No transaction open while the mail server answers (on SQLite it would hold the write lock)


def test_no_transaction_is_open_while_an_email_or_a_digest_is_sent(
    question, reply, member, other_member, third_member, committed, settings
):
    settings.EMAIL_BACKEND = WATCHING_BACKEND
    TransactionWatchingBackend.in_transaction.clear()

    reply_to_question(committed, question, third_member, body="Ice helped me.")
    send_digests()

    assert len(mails_to(member)) == 1  # carol's reply, at once
    assert len(mails_to(other_member)) == 1  # the digest: carol replied in a thread bob follows
    assert TransactionWatchingBackend.in_transaction == [False, False]


def test_a_claimed_email_is_not_taken_again(question, member, other_member, committed, settings):
    """The claim (``emailed_at`` set before sending) is what keeps a worker and a
    ``send_digests`` retry from both sending one notification."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    reply_to_question(committed, question, other_member)
    [notification] = inbox(member)
    [claimed] = emails._claim([notification.pk])
    assert claimed == notification

    assert emails.send_one(notification.pk) is False
    assert mails_to(member) == []


def daily_notifications_for(count: int, post: Post) -> list:
    """``count`` members with a helpful mark each (a daily kind) and a stored preference."""
    members = UserFactory.create_batch(count)
    for recipient in members:
        services.set_email_preference(user=recipient, kind=Kind.MENTION, frequency=Frequency.OFF)
        Notification.objects.create(
            recipient=recipient,
            kind=Kind.HELPFUL,
            post=post,
            thread=post.thread,
            actor=post.author,
            created_at=timezone.now(),
        )
    return members


@pytest.mark.parametrize("recipients", [1, 6])
def test_digest_queries_do_not_grow_with_the_number_of_recipients(
    reply, recipients, django_assert_num_queries
):
    """Preferences, addresses, Digest rows and notifications are read and written for
    every member of a batch at once: 11 queries for 1 digest or for 6."""
    members = daily_notifications_for(recipients, reply)
    mail.outbox.clear()

    with django_assert_num_queries(11):
        send_digests()

    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in members)


# What the email says


def test_reply_email_quotes_the_reply_as_plain_text_with_a_link(
    question, member, other_member, committed
):
    body = "**Ice** for 10 minutes, then <script>alert(1)</script> & see www.nhs.uk.\n\nThen rest."
    post = reply_to_question(committed, question, other_member, body=body)

    [message] = mails_to(member)
    assert "Ice for 10 minutes, then <script>alert(1)</script> & see www.nhs.uk." in message.body
    assert "**" not in message.body and "<strong>" not in message.body
    assert "Then rest." in message.body
    assert f"Read it and reply: {django_settings.SITE_URL}/r/{post.pk}/" in message.body


def test_a_long_reply_is_trimmed_in_the_email(question, member, other_member, committed):
    body = " ".join(f"word{i}" for i in range(500))
    reply_to_question(committed, question, other_member, body=body)

    [message] = mails_to(member)
    assert f"word{emails.EXCERPT_WORDS - 1} …" in message.body
    assert f"word{emails.EXCERPT_WORDS}" not in message.body


def test_moderation_email_quotes_nothing(question, member, moderator, committed):
    committed(moderation.hide_post, post=question.opening_post, moderator=moderator, reason="Spam.")

    [notification] = inbox(member)
    assert notification.kind == Kind.MODERATION and notification.post is not None
    assert emails.excerpt(notification) == ""

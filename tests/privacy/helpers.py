"""A member with some of everything, and the words only they wrote, to look for afterwards."""

from datetime import timedelta
from types import SimpleNamespace

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import CHANGE
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forum.accounts.models import ClinicianApplication
from forum.discussions import services as discussions
from forum.moderation import services as moderation
from forum.moderation.models import Report
from forum.notifications import services as notifications
from forum.notifications.models import Frequency, Kind
from forum.treatments import services as treatments
from forum.treatments.models import Outcome, Treatment
from tests.factories import PASSWORD, UserFactory

USERNAME = "zanzibar_quill"
EMAIL = "quill.private@example.org"
SECOND_EMAIL = "quill.spare@example.org"
DISPLAY_NAME = "Quillon Zanzibar"
BIO = "Fell runner from the Cairngorms, left hip since 2019"
REGISTRATION_NUMBER = "PH-774411"
TOTP_SECRET = "JBSWY3DPEHPK3PXPQUILL"

QUESTION_TITLE = "Marmalade ache behind the trochanter"
QUESTION_BODY = "A persimmon bruise feeling after hill repeats, worse at dawn."
FIRST_REPLY_VERSION = "Tamarind stretches eased it within a fortnight."
REPLY_BODY = "Tamarind stretches eased it within ten days, honestly."
ANSWER_BODY = "Clamshells with a quokka band helped me most."
HIDDEN_BODY = "Try my zircon balm, two jars for the price of one."
DRAFT_BODY = "A draft about gluteal vermilion tendons."

TREATMENT_NOTE = "Rolled on a quince-sized ball each evening after work."
FOLLOW_UP_NOTE = "Better on the stairs, still sore after the ferry."

PERSONAL = [
    *(USERNAME, EMAIL, SECOND_EMAIL, DISPLAY_NAME, BIO, REGISTRATION_NUMBER, TOTP_SECRET),
    *(TREATMENT_NOTE, FOLLOW_UP_NOTE),
]
POST_TEXT = [
    QUESTION_TITLE,
    QUESTION_BODY,
    FIRST_REPLY_VERSION,
    REPLY_BODY,
    ANSWER_BODY,
    HIDDEN_BODY,
]


def seed(*, moderator, condition) -> SimpleNamespace:
    """Run inside ``django_capture_on_commit_callbacks(execute=True)`` (or autocommit),
    so the notifications that posting announces after commit are made."""
    alice = UserFactory(username=USERNAME, email=EMAIL, display_name=DISPLAY_NAME, bio=BIO)
    bob = UserFactory(username="bob_runner")
    carol = UserFactory(username="carol_dancer")
    discussions.follow(user=carol, condition=condition)

    question = discussions.ask_question(
        author=alice, title=QUESTION_TITLE, body=QUESTION_BODY, conditions=[condition]
    )
    bob_reply = discussions.post_reply(
        parent=question.opening_post, author=bob, body="A pillow between the knees at night."
    )
    alice_reply = discussions.post_reply(parent=bob_reply, author=alice, body=FIRST_REPLY_VERSION)
    discussions.edit_post(post=alice_reply, editor=alice, body=REPLY_BODY)
    carol_reply = discussions.post_reply(
        parent=alice_reply, author=carol, body="Which stretches exactly, and how often?"
    )
    hidden = discussions.post_reply(parent=question.opening_post, author=alice, body=HIDDEN_BODY)
    moderation.hide_post(post=hidden, moderator=moderator, reason="Advertising")

    bob_question = discussions.ask_question(
        author=bob,
        title="Piriformis or hamstring?",
        body="Deep buttock pain when I sit in the car.",
        conditions=[condition],
    )
    answer = discussions.post_reply(
        parent=bob_question.opening_post, author=alice, body=ANSWER_BODY
    )
    discussions.accept_answer(thread=bob_question, post=answer, actor=bob)
    discussions.mark_helpful(post=bob_reply, user=alice)
    discussions.mark_helpful(post=answer, user=carol)
    moderation.report_post(
        post=bob_reply, reporter=alice, reason=Report.Reason.OTHER, details="Reads like an advert."
    )
    moderation.report_post(post=answer, reporter=carol, reason=Report.Reason.MISINFORMATION)
    draft = discussions.write_article(
        author=alice,
        title="Vermilion draft",
        summary="Unfinished.",
        body=DRAFT_BODY,
        conditions=[condition],
        publish=False,
    )

    discussions.follow(user=alice, condition=condition)
    discussions.follow(user=alice, member=bob)
    discussions.follow(user=carol, member=alice)
    notifications.set_email_preference(user=alice, kind=Kind.HELPFUL, frequency=Frequency.OFF)
    condition.answered_by.add(alice)
    tried = treatments.record_treatment(
        member=alice,
        treatment=Treatment.objects.get(slug="ball-release-gluteus-medius"),
        condition=condition,
        started_on=timezone.localdate() - timedelta(days=3),
        outcome=Outcome.TOO_EARLY,
        note=TREATMENT_NOTE,
    )
    treatments.answer_follow_up(
        follow_up=tried.follow_ups.get(weeks=2), outcome=Outcome.BETTER, note=FOLLOW_UP_NOTE
    )
    ClinicianApplication.objects.create(
        user=alice,
        profession="Physiotherapist",
        registration_body="HCPC",
        registration_number=REGISTRATION_NUMBER,
        country="United Kingdom",
        verification_url=f"https://register.example.org/{REGISTRATION_NUMBER}",
    )
    # Signed in through allauth's login, which records each session (allauth.usersessions),
    # before the second factor exists that a real sign-in would then ask for.
    for member in (alice, alice, bob):
        response = Client().post(
            reverse("account_login"), {"login": member.email, "password": PASSWORD}
        )
        assert response.status_code == 302, response.content
    EmailAddress.objects.create(user=alice, email=SECOND_EMAIL, verified=False)
    Authenticator.objects.create(
        user=alice, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET}
    )

    moderation.suspend_member(
        member=alice,
        moderator=moderator,
        until=timezone.now() + timedelta(days=1),
        reason="Cooling off after an argument",
    )
    moderation.lift_suspension(member=alice, moderator=moderator)
    AdminLogEntry.objects.create(
        user=moderator,
        content_type=ContentType.objects.get_for_model(alice),
        object_id=str(alice.pk),
        object_repr=str(alice),
        action_flag=CHANGE,
        change_message="[]",
    )

    alice.refresh_from_db()
    return SimpleNamespace(
        alice=alice,
        bob=bob,
        carol=carol,
        question=question,
        bob_reply=bob_reply,
        alice_reply=alice_reply,
        carol_reply=carol_reply,
        hidden=hidden,
        bob_question=bob_question,
        answer=answer,
        draft=draft,
    )

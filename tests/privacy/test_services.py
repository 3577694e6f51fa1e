import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Q

from forum.accounts.models import ClinicianApplication, ReplyOrder
from forum.discussions import services as discussions
from forum.discussions.models import (
    PUBLIC_STATUSES,
    Follow,
    Post,
    PostRevision,
    Status,
    Thread,
    ThreadVisit,
)
from forum.moderation.models import LogEntry, Report
from forum.notifications.models import EmailPreference, Notification
from forum.privacy.services import DELETED_MEMBER, DELETED_TEXT, delete_member, export_member_data
from forum.treatments.models import FollowUp, TreatmentRecord
from tests.privacy import helpers as h

pytestmark = pytest.mark.django_db


def assert_counters_true():
    """Every stored counter equals a count of the rows it summarises."""
    for post in Post.objects.annotate(
        shown=Count("children", filter=Q(children__status__in=PUBLIC_STATUSES), distinct=True),
        marks=Count("helpful_marks", distinct=True),
    ):
        assert (post.child_count, post.helpful_count) == (post.shown, post.marks), post
    for thread in Thread.objects.annotate(
        visible=Count("posts", filter=Q(posts__depth__gt=0, posts__status=Status.VISIBLE))
    ):
        assert thread.reply_count == thread.visible, thread


def user_sessions(user) -> list:
    return [s for s in Session.objects.all() if s.get_decoded().get(SESSION_KEY) == str(user.pk)]


# Export


def test_export_holds_every_kind_of_the_members_data(world):
    data = export_member_data(member=world.alice)

    assert (
        data["profile"].items()
        >= {
            "username": h.USERNAME,
            "email": h.EMAIL,
            "display_name": h.DISPLAY_NAME,
            "bio": h.BIO,
        }.items()
    )
    assert {e["email"] for e in data["email_addresses"]} == {h.EMAIL, h.SECOND_EMAIL}
    bodies = {p["body"] for p in data["posts"]}
    assert {h.QUESTION_BODY, h.REPLY_BODY, h.ANSWER_BODY, h.HIDDEN_BODY, h.DRAFT_BODY} == bodies
    (reply,) = [p for p in data["posts"] if p["body"] == h.REPLY_BODY]
    assert [r["body"] for r in reply["revisions"]] == [h.FIRST_REPLY_VERSION, h.REPLY_BODY]
    (question,) = [
        p for p in data["posts"] if p["is_opening_post"] and p["body"] == h.QUESTION_BODY
    ]
    assert question["thread"]["title"] == h.QUESTION_TITLE
    assert [m["post"] for m in data["helpful_marks_given"]] == [
        settings.SITE_URL + world.bob_reply.get_absolute_url()
    ]
    assert [r["details"] for r in data["reports_made"]] == ["Reads like an advert."]
    assert {f.get("condition") or f.get("member") for f in data["follows"]} >= {"bob_runner"}
    assert len(data["follows"]) >= 3  # a condition, bob, and threads followed by replying
    assert data["notifications"] and all(n["text"] for n in data["notifications"])
    assert data["email_preferences"] == {"helpful": "off"}
    (application,) = data["clinician_applications"]
    assert application["registration_number"] == h.REGISTRATION_NUMBER
    assert data["two_factor_authenticators"][0]["type"] == "totp"
    (tried,) = data["treatments_tried"]
    assert (tried["treatment"], tried["note"]) == ("Ball release of the gluteus medius",
                                                   h.TREATMENT_NOTE)  # fmt: skip
    assert [(f["weeks"], f["outcome"], f["note"]) for f in tried["follow_ups"]] == [
        (2, "better", h.FOLLOW_UP_NOTE), (8, "", "")
    ]  # fmt: skip


def test_export_is_json_and_names_no_secret_and_no_other_members_email(world):
    text = json.dumps(export_member_data(member=world.alice), cls=DjangoJSONEncoder)

    assert h.TOTP_SECRET not in text
    assert world.alice.password not in text
    for other in (world.bob, world.carol):
        assert other.email not in text


# Deleting


def test_deleting_removes_the_members_personal_data_and_every_way_in(world):
    bob_sessions = user_sessions(world.bob)
    before_log = list(LogEntry.objects.values_list("pk", "target_repr"))

    member = delete_member(member=world.alice, keep_posts=True)

    member.refresh_from_db()
    assert member.username.startswith("deleted-") and len(member.username) == 24
    assert (member.email, member.display_name, member.bio) == ("", "", "")
    assert not member.is_active and not member.has_usable_password()
    assert not member.groups.exists() and not member.answers_for.exists()
    assert not EmailAddress.objects.filter(user=member).exists()
    assert not EmailAddress.objects.filter(email__in=[h.EMAIL, h.SECOND_EMAIL]).exists()
    assert not Authenticator.objects.filter(user=member).exists()
    assert user_sessions(member) == []
    assert user_sessions(world.bob) == bob_sessions  # others stay signed in
    assert not Notification.objects.filter(recipient=member).exists()
    assert not Follow.objects.filter(Q(user=member) | Q(member=member)).exists()
    assert not EmailPreference.objects.filter(user=member).exists()
    assert not ClinicianApplication.objects.filter(user=member).exists()
    assert not TreatmentRecord.objects.filter(member=member).exists()
    assert not FollowUp.objects.exists()
    assert AdminLogEntry.objects.get(object_id=str(member.pk)).object_repr == member.username
    # The moderation log is append-only: untouched, and it never held the email.
    assert list(LogEntry.objects.values_list("pk", "target_repr")) == before_log
    assert not LogEntry.objects.filter(
        Q(target_repr__icontains=h.EMAIL) | Q(reason__icontains=h.EMAIL)
    ).exists()
    assert h.EMAIL not in str(list(LogEntry.objects.values_list("before", "after")))


def test_deleted_members_cannot_sign_in(world, client):
    delete_member(member=world.alice, keep_posts=True)

    assert not client.login(username=h.USERNAME, password="correct horse battery staple")
    response = client.post(
        "/account/login/", {"login": h.EMAIL, "password": "correct horse battery staple"}
    )
    assert response.status_code == 200  # the form again, with an error
    assert SESSION_KEY not in client.session


def test_keeping_posts_leaves_the_text_signed_deleted_member(world):
    counters = dict(Post.objects.values_list("pk", "helpful_count"))

    delete_member(member=world.alice, keep_posts=True)

    reply = Post.objects.get(pk=world.alice_reply.pk)
    assert (reply.author, reply.body, reply.status) == (None, h.REPLY_BODY, Status.VISIBLE)
    assert reply.revisions.count() == 2
    assert Thread.objects.get(pk=world.question.pk).author is None
    assert Post.objects.get(pk=world.hidden.pk).status == Status.HIDDEN
    assert not Post.objects.filter(author__isnull=False, author=world.alice.pk).exists()
    assert Thread.objects.get(pk=world.bob_question.pk).accepted_post_id == world.answer.pk
    # Drafts never stay: nobody could ever publish them.
    draft_post = Post.objects.get(pk=world.draft.opening_post_id)
    assert (draft_post.body, draft_post.status) == (DELETED_TEXT, Status.DELETED)
    assert dict(Post.objects.values_list("pk", "helpful_count")) == counters
    assert_counters_true()


def test_removing_posts_replaces_their_text_and_keeps_the_reply_tree(world):
    delete_member(member=world.alice, keep_posts=False)

    for post in (world.question.opening_post, world.alice_reply, world.hidden, world.answer):
        post.refresh_from_db()
        assert (post.body, post.status, post.author) == (DELETED_TEXT, Status.DELETED, None)
    assert not PostRevision.objects.filter(post=world.alice_reply).exists()
    carol_reply = Post.objects.get(pk=world.carol_reply.pk)
    assert (carol_reply.parent_id, carol_reply.status) == (world.alice_reply.pk, Status.VISIBLE)
    question = Thread.objects.get(pk=world.question.pk)
    assert (question.title, question.status) == (DELETED_TEXT, Status.DELETED)
    assert Thread.objects.get(pk=world.bob_question.pk).accepted_post is None
    assert set(Report.objects.filter(post=world.answer).values_list("snapshot", flat=True)) == {
        DELETED_TEXT
    }
    assert_counters_true()


def test_removing_posts_removes_their_red_flags_too(world):
    crisis = discussions.post_reply(
        parent=world.question.opening_post,
        author=world.alice,
        body="Some days I want to end my life.",
        screen=False,
    )
    Post.objects.filter(pk=crisis.pk).update(
        red_flag="end my life", red_flag_kind="crisis", red_flag_pending=True
    )

    delete_member(member=world.alice, keep_posts=False)

    crisis.refresh_from_db()
    assert (crisis.red_flag, crisis.red_flag_kind, crisis.red_flag_pending) == ("", "", False)


def test_other_members_notifications_no_longer_name_the_member(world):
    by_alice = Notification.objects.filter(actor=world.alice).exclude(recipient=world.alice)
    named = {n.pk for n in by_alice if n.text.startswith(h.DISPLAY_NAME)}
    assert len(named) >= 3  # bob hears of her reply, her answer and her helpful mark

    delete_member(member=world.alice, keep_posts=False)

    assert not Notification.objects.filter(actor=world.alice).exists()
    for notification in Notification.objects.all():
        assert h.DISPLAY_NAME not in notification.text
        assert h.QUESTION_TITLE not in notification.text  # her removed question's title
        if notification.pk in named:
            assert notification.text.startswith(DELETED_MEMBER)


def test_read_markers_and_reply_order_are_exported_and_erased(world):
    thread = world.bob_reply.thread
    ThreadVisit.objects.record(user=world.alice, thread=thread)
    world.alice.reply_order = ReplyOrder.NEWEST
    world.alice.save()

    data = export_member_data(member=world.alice)
    assert [visit["thread"] for visit in data["threads_read"]] == [thread.title]
    assert data["profile"]["reply_order"] == "newest"

    member = delete_member(member=world.alice, keep_posts=True)
    member.refresh_from_db()
    assert not ThreadVisit.objects.filter(user=member).exists()
    assert member.reply_order == ""

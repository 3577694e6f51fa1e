"""Red flags in the moderators' queue: selected from the post itself, most severe first.

A red flag is written on the post in the posting transaction (``Post.red_flag_pending``)
and the review queue selects such posts itself, so no after-commit hook can lose one
(issue 12). Crisis leads, then urgent care, then held and reported posts, whatever
their age.
"""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from forum.discussions import services as discussions
from forum.discussions.models import Post, Status
from forum.discussions.signals import post_published
from forum.moderation import services
from forum.moderation.models import LogEntry, Report
from tests.moderation.helpers import QUEUE_URL, make_member, run_action

pytestmark = pytest.mark.django_db

URGENT_BODY = "Since yesterday I have Saddle Numbness as well as the buttock pain."
CRISIS_BODY = "Honestly I\u2019ve been thinking about ending it all."


def queue(client):
    response = client.get(QUEUE_URL)
    assert response.status_code == 200
    return response, list(response.context["cl"].result_list)


@pytest.mark.parametrize("kind", ["question", "reply"])
def test_red_flagged_post_is_queued_without_any_after_commit_hook(
    kind, question, other_member, login_as, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        if kind == "question":
            post = discussions.ask_question(
                author=other_member,
                title="New numbness with my buttock pain",
                body=URGENT_BODY,
                conditions=question.conditions.all(),
            ).opening_post
        else:
            post = discussions.post_reply(
                parent=question.opening_post, author=other_member, body=URGENT_BODY
            )
    assert callbacks  # the announcements wait for the commit; the flag does not

    post.refresh_from_db()
    assert (post.red_flag, post.red_flag_kind, post.red_flag_pending) == (
        "Saddle Numbness",
        "urgent",
        True,
    )
    assert post.status == Status.VISIBLE
    assert not Report.objects.exists()  # no system report: the queue reads the post
    response, rows = queue(login_as("moderator"))
    queued = {p.pk: p for p in rows}
    assert post.pk in queued
    assert queued[post.pk].severity == 1
    page = response.content.decode()
    assert "Urgent care" in page
    assert "Urgent medical care: matched “Saddle Numbness”" in page


def test_a_failing_receiver_cannot_lose_a_red_flag(
    question, other_member, login_as, django_capture_on_commit_callbacks
):
    def broken(sender, post, **kwargs):
        raise RuntimeError("the mail server is down")

    post_published.connect(broken, dispatch_uid="test-broken-receiver")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            post = discussions.post_reply(
                parent=question.opening_post, author=other_member, body=CRISIS_BODY
            )
    finally:
        post_published.disconnect(dispatch_uid="test-broken-receiver")

    _, rows = queue(login_as("moderator"))
    assert [p.pk for p in rows] == [post.pk]
    assert rows[0].severity == 0


def test_post_without_a_red_flag_is_not_queued(question, other_member, login_as):
    discussions.post_reply(
        parent=question.opening_post, author=other_member, body="Numbness in my toes? No."
    )

    _, rows = queue(login_as("moderator"))
    assert rows == []


def test_queue_leads_with_crisis_then_urgent_then_the_rest_whatever_their_age(
    question, other_member, third_member, settings, login_as
):
    reporter = make_member("reporter")
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=9), tick=False):
        reported = discussions.post_reply(
            parent=question.opening_post, author=other_member, body="Buy my hip cream."
        )
        services.report_post(post=reported, reporter=reporter, reason="spam")
    with time_machine.travel(now - timedelta(days=5), tick=False):
        settings.MEDIUS_NEWCOMER_HELD_POSTS = 5
        held = discussions.post_reply(
            parent=question.opening_post, author=third_member, body="My first post here."
        )
        settings.MEDIUS_NEWCOMER_HELD_POSTS = 0
    with time_machine.travel(now - timedelta(days=2), tick=False):
        urgent = discussions.post_reply(
            parent=question.opening_post, author=other_member, body=URGENT_BODY
        )
    with time_machine.travel(now - timedelta(hours=1), tick=False):
        danger = discussions.post_reply(
            parent=question.opening_post, author=third_member, body="Rough week, all of it."
        )
        services.report_post(post=danger, reporter=reporter, reason="danger")
    crisis = discussions.post_reply(
        parent=question.opening_post, author=other_member, body=CRISIS_BODY
    )
    assert held.status == Status.HELD

    response, rows = queue(login_as("moderator"))

    # Crisis (the pattern, then a member's "someone may be in danger", older first),
    # urgent care, then the rest oldest first.
    assert [p.pk for p in rows] == [danger.pk, crisis.pk, urgent.pk, reported.pk, held.pk]
    assert [p.severity for p in rows] == [0, 0, 1, 2, 2]
    labels = [cells.split("</td>")[0] for cells in response.content.decode().split(
        '<td class="field-severity_label">')[1:]]  # fmt: skip
    assert labels == ["Crisis", "Crisis", "Urgent care", "-", "-"]


@pytest.mark.parametrize("action", ["approve", "hide", "resolve_no_action"])
def test_any_moderator_action_takes_a_red_flag_out_of_the_queue(
    action, question, other_member, moderator, moderator_client
):
    post = discussions.post_reply(
        parent=question.opening_post, author=other_member, body=URGENT_BODY
    )

    response = run_action(
        moderator_client,
        QUEUE_URL,
        action,
        [post],
        **({"apply": True, "reason": "Spoke to them: they are at urgent care."}
           if action == "hide" else {}),
    )  # fmt: skip

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.red_flag_pending is False
    assert post.red_flag == "Saddle Numbness"  # kept for the record
    assert LogEntry.objects.filter(actor=moderator, target_id=post.pk).count() == 1
    _, rows = queue(moderator_client)
    assert post.pk not in {p.pk for p in rows}


def test_remove_spammer_closes_their_red_flags(question, other_member, moderator):
    post = discussions.post_reply(
        parent=question.opening_post, author=other_member, body=CRISIS_BODY
    )

    services.remove_spammer(member=other_member, moderator=moderator, reason="Spam account")

    assert Post.objects.get(pk=post.pk).red_flag_pending is False

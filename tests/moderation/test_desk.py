"""The moderator's desk (issue 14): one queue by severity, counts for moderators, an item
page with every decision on it, a log in words with links."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from forum.accounts.models import User
from forum.discussions import services
from forum.discussions.models import Post, RedFlagKind, Status, Thread
from forum.moderation import services as moderation
from forum.moderation.models import LogEntry, QueuedPost, Report
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def item_url(post: Post) -> str:
    return reverse("admin:moderation_queuedpost_change", args=[post.pk])


@pytest.fixture
def mixed_queue(question: Thread, other_member: User, third_member: User) -> dict[str, Post]:
    """An old off-topic report, a newer held post and the newest, a crisis red flag."""
    off_topic = services.post_reply(parent=question.opening_post, author=other_member,
                                    body="Has anyone seen the football last night?")  # fmt: skip
    moderation.report_post(post=off_topic, reporter=third_member, reason=Report.Reason.OTHER,
                           details="Off topic.")  # fmt: skip
    held = services.post_reply(parent=question.opening_post, author=third_member,
                               body="My first post here: rest helped me.")  # fmt: skip
    services.set_post_status(post=held, status=Status.HELD, reason="New member.")
    crisis = services.post_reply(parent=question.opening_post, author=UserFactory(username="sad"),
                                 body="I cannot go on like this.")  # fmt: skip
    Post.objects.filter(pk=crisis.pk).update(
        red_flag="cannot go on", red_flag_kind=RedFlagKind.CRISIS, red_flag_pending=True
    )
    return {"off_topic": off_topic, "held": held, "crisis": crisis}


def test_the_queue_reads_crisis_first_then_by_age(mixed_queue: dict[str, Post]):
    order = list(QueuedPost.objects.needing_decision().by_severity().values_list("pk", flat=True))
    assert order == [mixed_queue[k].pk for k in ("crisis", "off_topic", "held")]
    assert QueuedPost.objects.needing_decision().crisis().count() == 1


def test_moderators_see_the_counts_in_the_header_and_on_the_admin_index(
    mixed_queue: dict[str, Post], login_as: Any
):
    moderator_client = login_as("moderator")
    home = moderator_client.get(reverse("home")).text
    assert "Review queue" in home and "1 crisis" in home
    index = moderator_client.get(reverse("admin:index")).text
    assert "<strong>3</strong> items waiting for a decision" in index
    assert "Review queue" not in login_as("member").get(reverse("home")).text


def test_the_item_page_shows_the_post_its_context_and_the_authors_history(
    mixed_queue: dict[str, Post], moderator_client: Client, question: Thread
):
    page = moderator_client.get(item_url(mixed_queue["off_topic"]))
    assert page.status_code == 200
    text = page.text
    assert "football last night" in text  # as readers see it
    assert question.opening_post.body in text  # the thread
    assert "Off topic." in text  # the report
    assert "The author&#x27;s recent posts" in text or "The author's recent posts" in text
    for button in ("Approve", "Hide", "Suspend", "Remove spammer", "Close reports"):
        assert button in text


def test_approve_moves_on_to_the_next_item(mixed_queue: dict[str, Post], moderator_client: Client):
    response = moderator_client.post(item_url(mixed_queue["crisis"]), {"decision": "approve"})
    assert response.status_code == 302
    assert response["Location"] == item_url(mixed_queue["off_topic"])
    crisis = Post.objects.get(pk=mixed_queue["crisis"].pk)
    assert crisis.status == Status.VISIBLE and not crisis.red_flag_pending
    assert LogEntry.objects.filter(action=LogEntry.Action.APPROVE, target_id=crisis.pk).exists()


def test_hide_with_an_empty_reason_is_refused_with_a_message_and_changes_nothing(
    mixed_queue: dict[str, Post], moderator_client: Client
):
    post = mixed_queue["off_topic"]
    response = moderator_client.post(item_url(post), {"decision": "hide", "reason": "  "})
    assert response.status_code == 200
    assert "Give the author a reason" in response.text
    post.refresh_from_db()
    assert post.status == Status.VISIBLE


def test_hide_with_a_ready_made_reason(mixed_queue: dict[str, Post], moderator_client: Client):
    post = mixed_queue["off_topic"]
    response = moderator_client.post(
        item_url(post), {"decision": "hide", "reason": "Off topic for this community."}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == Status.HIDDEN
    assert post.moderation_reason == "Off topic for this community."
    assert Report.objects.get(post=post).resolution == Report.Resolution.HIDDEN


def test_suspend_and_remove_spammer_from_the_item_page(
    mixed_queue: dict[str, Post], moderator_client: Client, other_member: User, third_member: User
):
    response = moderator_client.post(
        item_url(mixed_queue["held"]), {"decision": "suspend", "days": "3", "reason": "Cool off."}
    )
    assert response.status_code == 302
    third_member.refresh_from_db()
    assert third_member.is_suspended
    response = moderator_client.post(
        item_url(mixed_queue["off_topic"]), {"decision": "spammer", "reason": "Spam."}
    )
    assert response.status_code == 302
    other_member.refresh_from_db()
    assert other_member.is_banned
    assert not Post.objects.filter(author=other_member, status=Status.VISIBLE).exists()


def test_an_invalid_suspension_keeps_what_was_typed(
    mixed_queue: dict[str, Post], moderator_client: Client
):
    response = moderator_client.post(
        item_url(mixed_queue["held"]), {"decision": "suspend", "days": "0", "reason": "Calm."}
    )
    assert response.status_code == 200
    assert "Calm." in response.text and 'role="alert"' in response.text


def test_members_cannot_use_the_item_page(mixed_queue: dict[str, Post], member_client: Client):
    response = member_client.post(item_url(mixed_queue["held"]), {"decision": "approve"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert Post.objects.get(pk=mixed_queue["held"].pk).status == Status.HELD


def test_the_log_names_actions_in_words_and_links_post_and_member(
    mixed_queue: dict[str, Post], moderator_client: Client, moderator: User, other_member: User
):
    moderation.hide_post(post=mixed_queue["off_topic"], moderator=moderator, reason="Off topic.")
    moderation.lock_trust_level(member=other_member, moderator=moderator, level=0, reason="x")
    page = moderator_client.get(reverse("admin:moderation_logentry_changelist")).text
    assert "Hidden" in page and "Trust level locked" in page
    assert reverse("admin:discussions_post_change", args=[mixed_queue["off_topic"].pk]) in page
    assert reverse("discussions:permalink", args=[mixed_queue["off_topic"].pk]) in page
    assert reverse("admin:accounts_user_change", args=[other_member.pk]) in page
    assert "Member: " in page and "Post: " in page


def test_the_item_page_of_an_anonymous_post_logs_the_look(
    question: Thread, moderator_client: Client, settings: Any
):
    author = UserFactory(username="hidden_hannah", trust_level=1)
    post = services.post_reply(
        parent=question.opening_post, author=author, body="Anonymous words.", anonymous=True
    )
    services.set_post_status(post=post, status=Status.HELD, reason="Check.")
    listing = moderator_client.get(reverse("admin:moderation_queuedpost_changelist")).text
    assert "hidden_hannah" not in listing
    page = moderator_client.get(item_url(post)).text
    assert "hidden_hannah" in page
    assert (
        LogEntry.objects.filter(action=LogEntry.Action.REVEAL_AUTHOR, target_id=post.pk).count()
        == 1
    )

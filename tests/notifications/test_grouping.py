"""Grouped notifications: replies to one question are one inbox item until opened."""

import pytest
from django.urls import reverse

from forum.discussions import services as discussions
from forum.notifications.models import Kind, Notification
from tests.notifications.helpers import unread_count

pytestmark = pytest.mark.django_db

LIST_URL = reverse("notifications:list")


@pytest.fixture
def three_replies(question, other_member, third_member, fourth_member, committed):
    """bob, carol and dave each reply to alice's question, then bob once more."""
    authors = [other_member, third_member, fourth_member, other_member]
    return [
        committed(
            discussions.post_reply,
            parent=question.opening_post,
            author=author,
            body=f"What helped me, part {i}.",
        )
        for i, author in enumerate(authors)
    ]


def test_replies_to_one_question_are_one_item_naming_the_others(three_replies, login_as):
    response = login_as("member").get(LIST_URL)

    listed = response.context["notifications"]
    assert len(listed) == 1
    assert listed[0].kind == Kind.REPLY_TO_QUESTION
    assert listed[0].text.startswith("bob and 2 others replied to your question")
    assert response.content.decode().count("Unread: ") == 1


def test_header_counts_the_group_once(three_replies, member):
    assert Notification.objects.filter(recipient=member).unread().count() == 4
    assert unread_count(member) == 1


def test_one_person_replying_twice_says_how_often(question, other_member, committed, member):
    for body in ["Ice first.", "Then heat."]:
        committed(
            discussions.post_reply, parent=question.opening_post, author=other_member, body=body
        )
    groups = Notification.objects.inbox(member).groups()
    (shown,) = Notification.objects.for_groups(groups)
    assert shown.text.startswith("bob replied 2 times to your question")


def test_opening_a_group_reads_all_of_it_and_lands_on_the_oldest_reply(
    three_replies, member, login_as
):
    client = login_as("member")
    (item,) = client.get(LIST_URL).context["notifications"]

    response = client.get(reverse("notifications:open", args=[item.link_id]))

    assert response.url == reverse("discussions:permalink", args=[three_replies[0].pk])
    assert unread_count(member) == 0
    # once read, the group stays one item
    assert len(client.get(LIST_URL).context["notifications"]) == 1


def test_a_reply_after_the_group_was_read_starts_a_new_item(
    three_replies, question, member, third_member, committed, login_as
):
    client = login_as("member")
    (item,) = client.get(LIST_URL).context["notifications"]
    client.get(reverse("notifications:open", args=[item.link_id]))

    committed(
        discussions.post_reply, parent=question.opening_post, author=third_member, body="Later."
    )

    listed = client.get(LIST_URL).context["notifications"]
    assert [n.read_at is None for n in listed] == [True, False]
    assert listed[0].text.startswith("carol replied to your question")


def test_mentions_are_never_grouped(question, third_member, other_member, committed):
    for body in ["@carol did ice help?", "@carol and heat?"]:
        committed(
            discussions.post_reply, parent=question.opening_post, author=other_member, body=body
        )
    kinds = [n.kind for n in Notification.objects.for_groups(
        Notification.objects.inbox(third_member).groups()
    )]  # fmt: skip
    assert kinds.count(Kind.MENTION) == 2

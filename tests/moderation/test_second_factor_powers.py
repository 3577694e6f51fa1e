"""Every moderator power needs a session confirmed with a second factor.

Issue 11: a moderator logged in with a password only was refused by /admin/, yet read
held and hidden posts (permalinks, thread pages), found deleted text in search and edited
other members' posts. ``is_moderator`` is the one rule behind all of these, and it now
asks for the session's second factor: without one the account acts as a member.
Real requests throughout, with MEDIUS_ADMIN_REQUIRES_MFA on: the allauth login page with
the password, then the authenticator app's code.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from forum.discussions import services as discussions
from forum.discussions.models import Post, Status
from forum.discussions.permissions import is_moderator
from forum.moderation import services as moderation
from tests.factories import ConditionFactory, UserFactory
from tests.mfa import give_authenticator, log_in
from tests.moderation.helpers import QUEUE_URL, run_action

pytestmark = pytest.mark.django_db

HELD_TEXT = "HELDTEXT waiting for a moderator"
HIDDEN_TEXT = "HIDDENTEXT removed for promoting a clinic"
DELETED_WORD = "quixotically"
EDITABLE = "A wedge cushion helped me on long drives."


@pytest.fixture(autouse=True)
def _require_mfa(settings):
    settings.MEDIUS_ADMIN_REQUIRES_MFA = True


@dataclass
class World:
    question: object
    held: Post
    hidden: Post
    deleted: Post
    editable: Post


@pytest.fixture
def world(db) -> World:
    condition = ConditionFactory(name="Piriformis syndrome", slug="piriformis-syndrome")
    alice, bob = UserFactory(username="alice"), UserFactory(username="bob")
    question = discussions.ask_question(
        author=alice,
        title="Buttock pain after long drives",
        body="It aches after an hour in the car. What helped you?",
        conditions=[condition],
    )
    opening = question.opening_post
    held = discussions.post_reply(parent=opening, author=bob, body=HELD_TEXT)
    discussions.set_post_status(post=held, status=Status.HELD, reason="New member")
    hidden = discussions.post_reply(parent=opening, author=bob, body=HIDDEN_TEXT)
    moderation.hide_post(post=hidden, moderator=alice, reason="Advertising")
    deleted = discussions.post_reply(
        parent=opening, author=bob, body=f"I {DELETED_WORD} tried everything."
    )
    discussions.delete_post(post=deleted, actor=bob)
    editable = discussions.post_reply(parent=opening, author=bob, body=EDITABLE)
    return World(question, held, hidden, deleted, editable)


def _moderator(username):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def password_only():
    """A moderator without an authenticator, logged in with the password, as in the issue."""
    client = Client()
    log_in(client, _moderator("mod_password"))
    return client


@pytest.fixture
def confirmed():
    """A moderator logged in with the password and then the authenticator app."""
    client = Client()
    moderator = _moderator("mod_confirmed")
    log_in(client, moderator, secret=give_authenticator(moderator))
    return client


def _search(client, word) -> set[int]:
    response = client.get(reverse("search:results"), {"q": word})
    assert response.status_code == 200
    return {post.pk for _hit, post in response.context["results"]}


def test_a_moderator_with_a_password_only_acts_as_a_member_everywhere(world, password_only):
    client = password_only
    assert client.get(reverse("discussions:permalink", args=[world.held.pk])).status_code == 404
    assert client.get(reverse("discussions:permalink", args=[world.hidden.pk])).status_code == 404
    page = client.get(world.question.get_absolute_url()).content.decode()
    assert HELD_TEXT not in page
    assert HIDDEN_TEXT not in page
    assert world.deleted.pk not in _search(client, DELETED_WORD)
    assert world.held.pk not in _search(client, "HELDTEXT")

    edit_url = reverse("discussions:edit", args=[world.editable.pk])
    assert client.get(edit_url).status_code == 403
    assert client.post(edit_url, {"body": "Rewritten by a stranger."}).status_code == 403
    world.editable.refresh_from_db()
    assert world.editable.body == EDITABLE

    assert client.get(reverse("admin:index")).status_code == 302
    run_action(client, QUEUE_URL, "approve", [world.held])
    world.held.refresh_from_db()
    assert world.held.status == Status.HELD


def test_the_same_moderator_powers_open_with_a_second_factor_session(world, confirmed):
    client = confirmed
    assert client.get(reverse("discussions:permalink", args=[world.held.pk])).status_code == 302
    assert client.get(reverse("discussions:permalink", args=[world.hidden.pk])).status_code == 302
    page = client.get(world.question.get_absolute_url()).content.decode()
    assert HELD_TEXT in page
    assert HIDDEN_TEXT in page
    assert world.deleted.pk in _search(client, DELETED_WORD)

    edit_url = reverse("discussions:edit", args=[world.editable.pk])
    assert client.get(edit_url).status_code == 200

    assert client.get(reverse("admin:index")).status_code == 200
    run_action(client, QUEUE_URL, "approve", [world.held])
    world.held.refresh_from_db()
    assert world.held.status == Status.VISIBLE


def test_a_user_that_never_went_through_a_request_is_not_a_moderator(world, settings):
    moderator = _moderator("mod_shell")
    give_authenticator(moderator)
    assert not is_moderator(moderator)
    assert world.hidden not in Post.objects.visible_to(moderator)
    settings.MEDIUS_ADMIN_REQUIRES_MFA = False
    assert is_moderator(moderator)
    assert world.hidden in Post.objects.visible_to(moderator)


def test_logging_in_with_the_second_factor_for_another_account_does_not_carry_over(world):
    """The session's records belong to one member: a second factor confirmed as someone
    else in the same browser earlier does not count."""
    client = Client()
    member = UserFactory(username="carol")
    log_in(client, member, secret=give_authenticator(member))
    client.post(reverse("account_logout"))
    log_in(client, _moderator("mod_after"))
    assert client.get(reverse("discussions:permalink", args=[world.held.pk])).status_code == 404

import pytest
from django.test import Client

from forum.discussions import services as discussions


@pytest.fixture
def login_as(request, db):
    """A fresh client logged in as the user of the named fixture ("anonymous" for nobody)."""

    def _login(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return _login


@pytest.fixture
def third_member(db):
    from tests.factories import UserFactory

    return UserFactory(username="carol")


@pytest.fixture
def reply(question, other_member):
    """bob's reply to alice's question."""
    return discussions.post_reply(
        parent=question.opening_post,
        author=other_member,
        body="A pillow between the knees helped me sleep on that side.",
    )

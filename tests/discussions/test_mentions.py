"""The editor's @mention suggestions: members in the thread first, a small JSON list."""

import pytest
from django.urls import reverse

from forum.discussions import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("discussions:mentions")


@pytest.fixture
def thread_reply(question, other_member):
    UserFactory(username="bobcat")
    UserFactory(username="bo_anna")
    return services.post_reply(parent=question.opening_post, author=other_member, body="Ice.")


def names(response) -> list[str]:
    return [m["username"] for m in response.json()["members"]]


def test_members_in_the_thread_come_first(thread_reply, login_as):
    response = login_as("third_member").get(URL, {"q": "bo", "post": thread_reply.pk})

    assert names(response) == ["bob", "bo_anna", "bobcat"]
    assert response.json()["members"][0]["in_thread"] is True


def test_without_a_post_members_come_in_name_order(thread_reply, login_as):
    assert names(login_as("third_member").get(URL, {"q": "BO"})) == ["bo_anna", "bob", "bobcat"]


def test_one_never_suggests_oneself_or_inactive_members(thread_reply, login_as, other_member):
    UserFactory(username="bolt", is_active=False)

    assert "bolt" not in names(login_as("member").get(URL, {"q": "bo"}))
    assert "bob" not in names(login_as("other_member").get(URL, {"q": "bo"}))


@pytest.mark.parametrize("q", ["", "a b", "x" * 31, "<script>", "%"])
def test_a_query_that_cannot_be_a_username_gives_an_empty_list(login_as, q):
    response = login_as("member").get(URL, {"q": q, "post": "nonsense"})

    assert response.status_code == 200
    assert response.json() == {"members": []}


def test_visitors_are_sent_to_log_in(client):
    assert client.get(URL, {"q": "bo"}).status_code == 302


def test_the_editor_loads_the_suggestions_script_for_members(question, login_as):
    html = login_as("member").get(question.get_absolute_url()).content.decode()

    assert "js/mentions.js" in html and f'data-url="{URL}"' in html

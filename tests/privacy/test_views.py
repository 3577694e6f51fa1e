import json
import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from forum.discussions import services as discussions
from tests.factories import PASSWORD, make_question

pytestmark = pytest.mark.django_db

INDEX = reverse("privacy:index")
DOWNLOAD = reverse("privacy:download")
DELETE = reverse("privacy:delete")


@pytest.fixture
def reauthenticated_client(member_client, member):
    """As if the member had typed their password again a moment ago (allauth's record)."""
    session = member_client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session["account_authentication_methods_user"] = str(member.pk)
    session.save()
    return member_client


def test_the_account_menu_links_to_your_data(member_client):
    response = member_client.get(reverse("accounts:settings"))

    assert f'<a href="{INDEX}" >Your data</a>' in response.content.decode()


@pytest.mark.parametrize("url", [INDEX, DOWNLOAD, DELETE])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_data_page_offers_the_download_and_the_deletion(member_client):
    response = member_client.get(INDEX)

    assert response.status_code == 200
    content = response.content.decode()
    assert DOWNLOAD in content and DELETE in content
    assert 'aria-current="page">Your data' in content


def test_the_download_is_a_json_attachment_of_the_members_own_data(
    member_client, member, other_member, condition
):
    make_question(author=member, conditions=[condition])

    response = member_client.get(DOWNLOAD)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="medius-alice-')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["profile"]["email"] == member.email
    assert len(data["posts"]) == 1
    assert other_member.email not in response.content.decode()


def test_the_download_costs_the_same_queries_however_much_was_written(
    member_client, member, condition, django_assert_num_queries
):
    """Guards against a query per post or per revision (revisions are prefetched)."""
    question = make_question(author=member, conditions=[condition])
    for i in range(3):
        reply = discussions.post_reply(parent=question.opening_post, author=member, body=f"R{i}")
        discussions.edit_post(post=reply, editor=member, body=f"Reply {i}, edited")

    # session and user, then one each: conditions answered, emails, 2FA, treatment records
    # (their follow-ups only when there are some), posts, revisions, helpful marks, reports,
    # follows, threads read, bookmarks, notifications, preferences, clinician applications,
    # condition guides last edited and reviewed, uploaded images
    with django_assert_num_queries(20):
        member_client.get(DOWNLOAD)


def test_deleting_asks_for_the_password_again(member_client, member):
    response = member_client.get(DELETE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))

    response = member_client.post(response["Location"], {"password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == DELETE
    assert b"Type your username to confirm" in response.content


def test_a_wrong_confirmation_deletes_nothing_and_keeps_what_was_typed(
    reauthenticated_client, member
):
    response = reauthenticated_client.post(DELETE, {"posts": "remove", "confirm": "alicia"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "That is not your username" in content
    assert 'value="alicia"' in content
    assert 'value="remove" id="id_posts_1" required checked' in content
    member.refresh_from_db()
    assert member.is_active and member.username == "alice"


@pytest.mark.parametrize("typed", ["Alice", "ALICE", "alicE"])
def test_the_confirmation_must_match_the_username_exactly_case_included(
    reauthenticated_client, member, typed
):
    response = reauthenticated_client.post(DELETE, {"posts": "keep", "confirm": typed})

    assert response.status_code == 200
    assert "That is not your username" in response.content.decode()
    member.refresh_from_db()
    assert member.is_active and member.username == "alice"


def test_a_choice_for_the_posts_is_required(reauthenticated_client, member):
    response = reauthenticated_client.post(DELETE, {"confirm": "alice"})

    assert response.status_code == 200
    assert b"This field is required" in response.content
    member.refresh_from_db()
    assert member.is_active


def test_a_confirmed_deletion_signs_the_member_out_and_empties_the_account(
    reauthenticated_client, member, condition
):
    question = make_question(author=member, conditions=[condition])

    response = reauthenticated_client.post(DELETE, {"posts": "keep", "confirm": " alice "})

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert SESSION_KEY not in reauthenticated_client.session
    member.refresh_from_db()
    assert member.username.startswith("deleted-") and not member.is_active
    page = Client().get(question.get_absolute_url())
    assert page.status_code == 200
    assert b"[deleted member]" in page.content
    assert Client().get(reverse("discussions:profile", args=["alice"])).status_code == 404

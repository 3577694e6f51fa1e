import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
User = get_user_model()

SIGNUP = {
    "email": "newcomer@example.com",
    "username": "glute_newbie",
    "password1": "a sore hip on the stairs",
    "password2": "a sore hip on the stairs",
}


def signup(client, data):
    """Post the sign-up form as a browser would: with the time stamp the form was served with."""
    form = client.get(reverse("account_signup")).context["form"]
    return client.post(reverse("account_signup"), data | {"started": form["started"].value()})


def code_from(message) -> str:
    match = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", message.body, re.MULTILINE)
    assert match, message.body
    return match.group(1)


def test_signup_requires_email_verification_by_code_before_logging_in(client):
    response = signup(client, SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [SIGNUP["email"]]
    user = User.objects.get(username="glute_newbie")
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("account_email_verification_sent"), {"code": "WRONG1"})
    assert response.status_code == 200
    assert not EmailAddress.objects.get(user=user).verified

    response = client.post(
        reverse("account_email_verification_sent"), {"code": code_from(mail.outbox[0])}
    )
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)


def test_failed_signup_keeps_what_was_typed(client):
    response = signup(client, SIGNUP | {"password2": "different"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="newcomer@example.com"' in html
    assert 'value="glute_newbie"' in html
    assert not User.objects.exists()


@pytest.mark.parametrize("username", ["has space", "ab", "x" * 31, "admin", "名前"])
def test_signup_refuses_bad_usernames_with_a_form_error(client, username):
    response = signup(client, SIGNUP | {"username": username})
    assert response.status_code == 200
    assert response.context["form"].errors["username"]
    assert not User.objects.exists()


def test_usernames_are_unique_regardless_of_case(client, member):
    response = signup(client, SIGNUP | {"username": "ALICE"})
    assert response.status_code == 200
    assert response.context["form"].errors["username"]


def test_login_is_by_email(client, member):
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_login_with_username_is_refused(client, member):
    response = client.post(
        reverse("account_login"), {"login": member.username, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_unverified_member_cannot_log_in_and_is_sent_a_code(client):
    from tests.factories import UserFactory

    user = UserFactory(username="pending", verified=False)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1


def test_logout_needs_a_post(member_client, member):
    response = member_client.get(reverse("account_logout"))
    assert response.status_code == 200
    assert member_client.session["_auth_user_id"] == str(member.pk)

    response = member_client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in member_client.session


def test_password_reset_sends_a_link_and_sets_a_new_password(client, member):
    client.post(reverse("account_reset_password"), {"email": member.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/account/password/reset/key/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body

    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0]
    new = "a new and longer passphrase"
    response = client.post(form_url, {"password1": new, "password2": new})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(new)


def test_password_reset_for_an_unknown_email_does_not_reveal_it(client):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")


def test_honeypot_filled_creates_no_account_and_looks_like_success(client):
    response = signup(client, SIGNUP | {"website": "https://spam.example"})
    assert response.status_code == 200
    assert "Verify Your Email Address" in response.content.decode()
    assert not User.objects.exists()
    assert not mail.outbox


def test_form_sent_back_faster_than_a_person_types_creates_no_account(client, settings):
    settings.MEDIUS_SIGNUP_MIN_SECONDS = 3
    response = signup(client, SIGNUP)
    assert response.status_code == 200
    assert "Verify Your Email Address" in response.content.decode()
    assert not User.objects.exists()


def test_form_without_or_with_a_forged_time_stamp_creates_no_account(client):
    for started in ["", "1700000000", "1700000000:forged"]:
        client.post(reverse("account_signup"), SIGNUP | {"started": started})
    assert not User.objects.exists()


def test_person_who_takes_their_time_signs_up(client, settings):
    settings.MEDIUS_SIGNUP_MIN_SECONDS = 3
    form = client.get(reverse("account_signup")).context["form"]
    with time_machine.travel(timezone.now() + timedelta(seconds=10)):
        response = client.post(
            reverse("account_signup"), SIGNUP | {"started": form["started"].value()}
        )
    assert response.status_code == 302
    assert User.objects.filter(username="glute_newbie").exists()

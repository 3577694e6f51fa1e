"""Sign-up tells nobody whether an address is registered, and its bot check is single-use.

Issue 11: an address already registered answered in about 0.02 s and a new one in 0.3 s,
because only a new account's password was hashed; and the honeypot's signed time stamp
could be fetched once and replayed, or carried into another session, for ever.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSPHRASE = "a long enough passphrase"


def _form(client) -> dict:
    token = client.get(reverse("account_signup")).context["form"]["started"].value()
    return {"password1": PASSPHRASE, "password2": PASSPHRASE, "started": token}


@pytest.fixture
def hashes(monkeypatch) -> list[str]:
    """Every password hash computed (the slow part of a sign-up)."""
    seen: list[str] = []
    encode = MD5PasswordHasher.encode

    def counting(self, password, salt):
        seen.append(password)
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting)
    return seen


def test_a_registered_address_costs_the_same_work_as_a_new_one(client, member, hashes, mailoutbox):
    taken = _form(client) | {"email": member.email, "username": "someone_else"}
    response = client.post(reverse("account_signup"), taken)
    assert response.status_code == 302
    taken_work = (len(hashes), len(mailoutbox))

    hashes.clear()
    mailoutbox.clear()
    fresh_client = Client()
    fresh = _form(fresh_client) | {"email": "new@example.com", "username": "newcomer"}
    response = fresh_client.post(reverse("account_signup"), fresh)
    assert response.status_code == 302
    assert User.objects.filter(username="newcomer").exists()
    assert not User.objects.filter(username="someone_else").exists()
    assert taken_work == (len(hashes), len(mailoutbox)) == (1, 1)


def test_a_replayed_time_stamp_is_refused_like_a_bot(client):
    data = _form(client) | {"email": "first@example.com", "username": "first_try"}
    assert client.post(reverse("account_signup"), data).status_code == 302
    assert User.objects.filter(username="first_try").exists()
    client.post(reverse("account_logout"))

    replay = data | {"email": "second@example.com", "username": "second_try"}
    response = client.post(reverse("account_signup"), replay)
    assert response.status_code == 200
    assert response.templates[0].name == "account/verification_sent.html"
    assert not User.objects.filter(username="second_try").exists()


def test_a_time_stamp_from_another_session_is_refused_like_a_bot(client):
    stolen = _form(Client())
    response = client.post(
        reverse("account_signup"), stolen | {"email": "bot@example.com", "username": "bot_made"}
    )
    assert response.templates[0].name == "account/verification_sent.html"
    assert not User.objects.filter(username="bot_made").exists()


def test_a_form_shown_again_after_an_error_carries_a_fresh_token(client, member):
    data = _form(client) | {"email": "new@example.com", "username": member.username}
    shown_again = client.post(reverse("account_signup"), data)
    assert shown_again.status_code == 200
    assert "username" in shown_again.context["form"].errors, shown_again.context["form"].errors
    fresh = shown_again.context["form"]["started"].value()
    assert fresh != data["started"]
    response = client.post(
        reverse("account_signup"), data | {"username": "another_name", "started": fresh}
    )
    assert response.status_code == 302
    assert User.objects.filter(username="another_name").exists()


def test_the_honeypot_still_catches_a_filled_website_field(client):
    data = _form(client) | {"email": "x@example.com", "username": "honey", "website": "x"}
    response = client.post(reverse("account_signup"), data)
    assert response.templates[0].name == "account/verification_sent.html"
    assert not User.objects.filter(username="honey").exists()

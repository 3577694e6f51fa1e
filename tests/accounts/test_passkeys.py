"""Passkeys (allauth's WebAuthn): log in and sign up with one, or use one as the second factor.

A passkey is an authenticator like an app, so the same rules hold: the first one of an
account needs the emailed link (forum/accounts/second_factor.py), adding and removing one
emails the member, and a session that used one is a second-factor session for staff. A
passkey log-in needs user verification (a PIN, a fingerprint) on the device, so it is two
factors in itself and counts as the second factor without a password.
"""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from allauth.mfa.webauthn.internal.auth import WebAuthn
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from fido2.utils import websafe_encode

from tests.accounts.test_signup_and_login import code_from
from tests.factories import UserFactory
from tests.mfa import link_in, log_in, reauthenticate
from tests.webauthn import ORIGIN, SoftPasskey

pytestmark = pytest.mark.django_db

ADD = "/account/2fa/webauthn/add/"


@pytest.fixture(autouse=True)
def _passkey_settings(settings):
    settings.MEDIUS_ADMIN_REQUIRES_MFA = True
    settings.SITE_URL = ORIGIN


def give_passkey(user, *, name: str = "Phone") -> SoftPasskey:
    """A passkey for ``user``, as if registered earlier."""
    passkey = SoftPasskey()
    options = {
        "publicKey": {
            "challenge": websafe_encode(b"registered earlier"),
            "rp": {"id": "localhost"},
            "user": {"id": websafe_encode(user_pk_to_url_str(user).encode())},
        }
    }
    WebAuthn.add(user, name, json.loads(passkey.create(options)))
    return passkey


def log_in_with_passkey(client, passkey: SoftPasskey):
    options = client.get(
        reverse("mfa_login_webauthn"), headers={"x-requested-with": "XMLHttpRequest"}
    ).json()["request_options"]
    return client.post(reverse("mfa_login_webauthn"), {"credential": passkey.get(options)})


def test_passkeys_belong_to_site_url_host_not_the_requests(client, member, settings):
    settings.ALLOWED_HOSTS = ["testserver", "medius.example"]
    log_in(client, member)
    client.get(ADD)
    client.get(link_in(mail.outbox[-1]))
    reauthenticate(client)
    page = client.get(ADD, headers={"host": "medius.example"})
    rp = page.context["js_data"]["creation_options"]["publicKey"]["rp"]
    assert rp == {"id": "localhost", "name": "Medius"}


def test_a_first_passkey_needs_the_emailed_link_which_leads_back_to_it(client, member, mailoutbox):
    log_in(client, member)
    page = client.get(ADD)
    assert "open the link we have just sent" in page.content.decode()
    assert "js_data" not in page.context
    client.post(ADD, {"name": "Phone", "credential": "{}"})
    assert not Authenticator.objects.filter(user=member).exists()

    opened = client.get(link_in(mailoutbox[0]))
    assert opened["Location"] == ADD


def test_adding_a_passkey_after_the_link_emails_the_member(
    client, member, mailoutbox, django_capture_on_commit_callbacks
):
    log_in(client, member)
    client.get(ADD)
    client.get(link_in(mailoutbox[0]))
    reauthenticate(client)
    options = client.get(ADD).context["js_data"]["creation_options"]
    passkey = SoftPasskey()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            ADD, {"name": "Phone", "passwordless": "on", "credential": passkey.create(options)}
        )
    assert done.status_code == 302
    added = Authenticator.objects.get(user=member, type=Authenticator.Type.WEBAUTHN)
    assert added.wrap().name == "Phone" and added.wrap().is_passwordless
    assert any(
        "security key has been added" in m.body and m.to == [member.email] for m in mailoutbox
    )


def test_a_passkey_made_for_another_site_is_refused(client, member, mailoutbox):
    log_in(client, member)
    client.get(ADD)
    client.get(link_in(mailoutbox[0]))
    reauthenticate(client)
    options = client.get(ADD).context["js_data"]["creation_options"]
    forged = SoftPasskey().create(options, origin="https://evil.example")
    page = client.post(ADD, {"name": "Phone", "credential": forged})
    assert page.status_code == 200
    assert "Incorrect code." in page.content.decode()
    assert not Authenticator.objects.filter(user=member).exists()


def test_removing_a_passkey_emails_the_member(client, member, mailoutbox):
    passkey = give_passkey(member)
    log_in_with_passkey(client, passkey)
    reauthenticate(client)
    authenticator = Authenticator.objects.get(user=member)
    response = client.post(reverse("mfa_remove_webauthn", args=[authenticator.pk]))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=member).exists()
    assert "security key has been removed" in mailoutbox[-1].body
    assert passkey.credential_id  # the device still has it; the site no longer accepts it
    assert log_in_with_passkey(type(client)(), passkey)["Location"] == reverse("account_login")


def test_logging_in_with_a_passkey_alone_is_a_second_factor_session_for_staff(client, moderator):
    passkey = give_passkey(moderator)
    response = log_in_with_passkey(client, passkey)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(moderator.pk)
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_password_alone_is_not_enough_for_staff_with_a_passkey(client, moderator):
    give_passkey(moderator)
    response = log_in(client, moderator)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_a_passkey_is_offered_as_the_second_factor_after_the_password(client, moderator):
    passkey = give_passkey(moderator)
    log_in(client, moderator)
    page = client.get(reverse("mfa_authenticate"))
    assert page.status_code == 200
    options = page.context["js_data"]["request_options"]
    done = client.post(reverse("mfa_authenticate"), {"credential": passkey.get(options)})
    assert done.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_someone_elses_passkey_does_not_confirm_the_second_factor(client, moderator, other_member):
    give_passkey(moderator)
    stranger = give_passkey(other_member)
    log_in(client, moderator)
    options = client.get(reverse("mfa_authenticate")).context["js_data"]["request_options"]
    page = client.post(reverse("mfa_authenticate"), {"credential": stranger.get(options)})
    assert page.status_code == 200
    assert "_auth_user_id" not in client.session


def test_signing_up_with_a_passkey_verifies_the_email_first_and_sends_no_link(client):
    url = reverse("account_signup_by_passkey")
    page = client.get(url)
    assert "password1" not in page.context["form"].fields
    data = {
        "email": "keyholder@example.com",
        "username": "keyholder",
        "started": page.context["form"]["started"].value(),
    }
    sent = client.post(url, data)
    assert sent["Location"] == reverse("account_email_verification_sent")
    verified = client.post(
        reverse("account_email_verification_sent"), {"code": code_from(mail.outbox[0])}
    )
    assert verified["Location"] == reverse("mfa_signup_webauthn")
    assert "_auth_user_id" not in client.session, "no account without its passkey"

    options = client.get(reverse("mfa_signup_webauthn")).context["js_data"]["creation_options"]
    passkey = SoftPasskey()
    done = client.post(
        reverse("mfa_signup_webauthn"), {"name": "Laptop", "credential": passkey.create(options)}
    )
    assert done.status_code == 302
    user = get_user_model().objects.get(username="keyholder")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified
    assert not any("/account/2fa/confirm/" in m.body for m in mail.outbox)

    client.post(reverse("account_logout"))
    assert log_in_with_passkey(client, passkey).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_passkey_signup_keeps_the_bot_checks(client):
    url = reverse("account_signup_by_passkey")
    page = client.post(url, {"email": "bot@example.com", "username": "botty", "started": ""})
    assert page.status_code == 200
    assert not get_user_model().objects.filter(username="botty").exists()
    assert not mail.outbox


def test_login_page_offers_a_passkey_and_signup_page_a_passkey_signup(client):
    login = client.get(reverse("account_login")).content.decode()
    assert "Log in with a passkey" in login
    assert 'id="passkey_login"' in login
    signup = client.get(reverse("account_signup")).content.decode()
    assert reverse("account_signup_by_passkey") in signup


def test_a_member_without_a_verified_email_gets_no_passkey_page(client):
    unverified = UserFactory(username="unverified", verified=False)
    client.force_login(unverified)
    page = client.get(ADD)
    assert "verify your email address" in page.content.decode()

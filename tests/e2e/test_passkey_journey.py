"""Passkeys in a real browser: Chromium's virtual authenticator (DevTools' WebAuthn domain)
plays the phone or security key, and allauth's own JavaScript talks to it.

WebAuthn needs a secure context and a domain name as the relying-party ID: the live
server's ``http://localhost:<port>`` is both, and SITE_URL is set to it, because the RP ID
is SITE_URL's host (forum/accounts/adapter.py).
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.test_question_journey import open_menu
from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def authenticator(page, live_server, settings):
    """A passkey device with a PIN or fingerprint that always says yes; returns the session
    and the authenticator's id, to read its credentials."""
    settings.SITE_URL = live_server.url
    assert live_server.url.startswith("http://localhost:")
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, added["authenticatorId"]


def credentials(authenticator) -> list[dict]:
    cdp, authenticator_id = authenticator
    return cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})["credentials"]


def code_in(message) -> str:
    return re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.MULTILINE).group(1)


def test_a_person_signs_up_with_a_passkey_and_logs_in_with_it(page, authenticator):
    page.goto("/account/signup/")
    page.get_by_role("button", name="Sign up with a passkey").click()
    page.get_by_label("Email").fill("keyholder@example.com")
    page.get_by_label("Username").fill("keyholder")
    page.get_by_role("button", name="Sign up", exact=True).click()

    expect(page.get_by_role("heading", name="Enter Email Verification Code")).to_be_visible()
    page.get_by_label("Code").fill(code_in(mail.outbox[0]))
    page.get_by_role("button", name="Confirm").click()

    page.wait_for_load_state()  # allauth's script has bound the button
    page.get_by_role("button", name="Create").click()
    expect(page).to_have_url(re.compile(r"localhost:\d+/$"))
    open_menu(page)
    expect(page.get_by_role("link", name="keyholder")).to_be_visible()
    [credential] = credentials(authenticator)
    assert credential["isResidentCredential"] and credential["rpId"] == "localhost"

    page.get_by_role("button", name="Log out").click()
    page.goto("/account/login/")
    page.wait_for_load_state()
    page.get_by_role("button", name="Log in with a passkey").click()
    expect(page).to_have_url(re.compile(r"localhost:\d+/$"))
    open_menu(page)
    expect(page.get_by_role("link", name="keyholder")).to_be_visible()


def test_a_moderator_adds_a_passkey_after_the_emailed_link_and_uses_it_as_second_factor(
    page, authenticator, settings
):
    settings.MEDIUS_ADMIN_REQUIRES_MFA = True
    moderator = UserFactory(username="warden", is_staff=True, is_superuser=True)

    def log_in_with_password() -> None:
        page.goto("/account/login/")
        page.get_by_label("Email").fill(moderator.email)
        page.get_by_label("Password:", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Log in", exact=True).click()

    log_in_with_password()
    page.goto("/admin/")
    expect(page.get_by_text("Set up two-factor authentication to use the admin.")).to_be_visible()
    page.goto("/account/2fa/webauthn/add/")
    expect(page.get_by_text("open the link we have just sent")).to_be_visible()
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_label("Name").fill("Desk key")
    page.wait_for_load_state()
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("heading", name="Recovery Codes")).to_be_visible()
    assert [c["rpId"] for c in credentials(authenticator)] == ["localhost"]
    assert "security key has been added" in mail.outbox[-1].body

    open_menu(page)
    page.get_by_role("button", name="Log out").click()
    log_in_with_password()
    page.wait_for_load_state()
    page.get_by_role("button", name="Use a security key").click()
    expect(page).to_have_url(re.compile(r"localhost:\d+/$"))
    page.goto("/admin/")
    expect(page.get_by_role("heading", name="Moderator's desk")).to_be_visible()

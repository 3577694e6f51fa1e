"""Links in allauth's emails point at SITE_URL, never at the Host header a client sent.

Issue 11: with a permissive ALLOWED_HOSTS (or a proxy passing any Host through), a forged
Host put a password-reset link to someone else's server into a member's inbox.
"""

import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FORGED = "evil.example"


@pytest.fixture(autouse=True)
def _any_host(settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = "https://medius.example"


def _urls(message) -> list[str]:
    return re.findall(r"https?://[^\s]+", message.body)


def test_password_reset_links_use_site_url(client, member, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": member.email}, HTTP_HOST=FORGED)
    assert len(mailoutbox) == 1
    urls = _urls(mailoutbox[0])
    assert urls and all(u.startswith("https://medius.example/") for u in urls), urls
    assert FORGED not in mailoutbox[0].body


def test_an_unknown_address_gets_a_sign_up_link_on_site_url(client, mailoutbox):
    client.post(
        reverse("account_reset_password"), {"email": "nobody@example.com"}, HTTP_HOST=FORGED
    )
    assert FORGED not in mailoutbox[0].body
    assert all(u.startswith("https://medius.example/") for u in _urls(mailoutbox[0]))


def test_the_already_registered_email_links_to_site_url(client, member, mailoutbox):
    form = client.get(reverse("account_signup"), HTTP_HOST=FORGED).context["form"]
    client.post(
        reverse("account_signup"),
        {
            "email": member.email,
            "username": "someone_else",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
            "started": form["started"].value(),
        },
        HTTP_HOST=FORGED,
    )
    assert mailoutbox[0].to == [member.email]
    assert FORGED not in mailoutbox[0].body
    assert all(u.startswith("https://medius.example/") for u in _urls(mailoutbox[0]))


def test_the_verification_email_names_our_site_not_the_forged_host(client, mailoutbox):
    form = client.get(reverse("account_signup"), HTTP_HOST=FORGED).context["form"]
    client.post(
        reverse("account_signup"),
        {
            "email": "new@example.com",
            "username": "newcomer",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
            "started": form["started"].value(),
        },
        HTTP_HOST=FORGED,
    )
    assert mailoutbox[0].to == ["new@example.com"]
    assert FORGED not in mailoutbox[0].body
    assert "medius.example" in mailoutbox[0].body


def test_the_second_factor_link_uses_site_url(client, mailoutbox):
    member = UserFactory(username="alice")
    client.force_login(member)
    client.get("/account/2fa/totp/activate/", HTTP_HOST=FORGED)
    urls = _urls(mailoutbox[0])
    assert urls and all(u.startswith("https://medius.example/account/2fa/confirm/") for u in urls)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://evil.example/account/password/reset/key/1-x/", "https://medius.example/account/password/reset/key/1-x/"),
        ("/account/signup/?next=/a", "https://medius.example/account/signup/?next=/a"),
        ("mailto:help@medius.example", "mailto:help@medius.example"),
    ],
)  # fmt: skip
def test_on_site_rebuilds_links_on_site_url(url, expected):
    from forum.accounts.adapter import on_site

    assert on_site(url) == expected

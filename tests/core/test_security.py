"""Defences: headers, no inline script, Argon2, two-factor for the admin, rate limits."""

import os
import re
import time
import uuid
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.hashers import make_password
from django.core.cache import caches
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
REDIS_URL = os.environ.get("MEDIUS_TEST_REDIS_URL")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
JSON_LD_TAG = '<script type="application/ld+json">'

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/help/", "/questions/", "/conditions/", "/account/login/"])
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_no_template_has_inline_script_or_event_handler_attributes():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for match in re.finditer(r"<script\b[^>]*>", text):
            # A JSON-LD block is data the browser never runs (and CSP does not block).
            if "src=" not in match.group(0) and match.group(0) != JSON_LD_TAG:
                offenders.append(f"{path}: inline {match.group(0)}")
        if re.search(r"\son[a-z]+\s*=", text):
            offenders.append(f"{path}: event-handler attribute")
        if "javascript:" in text:
            offenders.append(f"{path}: javascript: URL")
    assert not offenders, offenders


def test_passwords_are_hashed_with_argon2_and_pbkdf2_hashes_upgrade_at_login(client, settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    fresh = UserFactory(username="fresh")
    assert fresh.password.startswith("argon2")

    legacy = UserFactory(username="legacy")
    legacy.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    legacy.save()
    response = client.post(reverse("account_login"), {"login": legacy.email, "password": PASSWORD})
    assert response.status_code == 302
    legacy.refresh_from_db()
    assert legacy.password.startswith("argon2")


class TestAdminTwoFactor:
    @pytest.fixture(autouse=True)
    def _require_mfa(self, settings):
        settings.MEDIUS_ADMIN_REQUIRES_MFA = True

    def test_staff_without_an_authenticator_are_sent_to_set_one_up(self, moderator_client):
        response = moderator_client.get(reverse("admin:index"))
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_index")  # an app or a passkey

    def test_staff_whose_session_skipped_the_second_factor_confirm_it(
        self, moderator, moderator_client
    ):
        Authenticator.objects.create(user=moderator, type=Authenticator.Type.TOTP, data={})
        response = moderator_client.get(reverse("admin:index"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("mfa_reauthenticate"))

    def test_staff_who_used_their_second_factor_reach_the_admin(self, moderator, moderator_client):
        Authenticator.objects.create(user=moderator, type=Authenticator.Type.TOTP, data={})
        session = moderator_client.session
        session["account_authentication_methods"] = [
            {"method": "mfa", "type": "totp", "at": time.time()}
        ]
        session["account_authentication_methods_user"] = str(moderator.pk)
        session.save()
        assert moderator_client.get(reverse("admin:index")).status_code == 200

    def test_admin_login_goes_through_the_rate_limited_site_login(self, client):
        response = client.get("/admin/login/?next=/admin/")
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next=/admin/"


def test_changing_email_asks_for_the_password_again(member_client):
    response = member_client.post(
        reverse("account_email"), {"action_add": "", "email": "new@example.com"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_signing_up_with_a_taken_email_looks_the_same_as_a_new_one(client, member, mailoutbox):
    form = client.get(reverse("account_signup")).context["form"]
    data = {
        "email": member.email,
        "username": "someone_else",
        "password1": "a long enough passphrase",
        "password2": "a long enough passphrase",
        "started": form["started"].value(),
    }
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    # The owner of the address hears about it; the stranger learns nothing.
    assert mailoutbox[0].to == [member.email]


@pytest.fixture(params=["database", "redis"])
def shared_cache(request, settings):
    """The cache the rate limits are counted in: the database cache (the default) and,
    when .ci/run has started one, Redis. In CI a missing Redis is a failure."""
    if request.param == "redis":
        if not REDIS_URL:
            reason = "MEDIUS_TEST_REDIS_URL not set (.ci/run starts redis-server and sets it)"
            if IN_CI:
                pytest.fail(reason, pytrace=False)
            pytest.skip(reason)
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            }
        }
    yield caches["default"]
    caches["default"].clear()


LIMITED = "Too many failed login attempts"


def _fail_login(client, attempt, x_forwarded_for):
    """A failed login for a different address each time, so only the per-IP limit can bite.

    Returns "limited" once allauth refuses to even check the password, else "failed".
    """
    response = client.post(
        reverse("account_login"),
        {"login": f"nobody{attempt}@example.com", "password": "wrong password"},
        headers={"x-forwarded-for": x_forwarded_for},
    )
    assert response.status_code in {200, 429}
    limited = response.status_code == 429 or LIMITED in response.content.decode()
    return "limited" if limited else "failed"


@pytest.mark.parametrize("proxies", [0, 1])
def test_login_rate_limit_holds_when_x_forwarded_for_is_forged(
    client, settings, shared_cache, proxies
):
    """allauth allows 10 failed logins a minute per client address. Behind no proxy the
    header is ignored; behind one, only the address the proxy appended counts."""
    settings.NUM_PROXIES = proxies
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    statuses = [
        _fail_login(client, i, f"10.0.0.{i}, 203.0.113.7" if proxies else f"10.0.0.{i}")
        for i in range(12)
    ]
    assert statuses[:10] == ["failed"] * 10
    assert statuses[10:] == ["limited", "limited"]
    other_worker = type(client)()
    assert _fail_login(other_worker, 99, "198.51.100.1, 203.0.113.7") == "limited"


def test_a_different_client_address_behind_the_proxy_is_not_limited(client, settings, shared_cache):
    settings.NUM_PROXIES = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for i in range(11):
        _fail_login(client, i, "203.0.113.7")
    assert _fail_login(client, 50, "203.0.113.7") == "limited"
    assert _fail_login(client, 51, "203.0.113.8") == "failed"

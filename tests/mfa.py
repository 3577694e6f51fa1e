"""Signing in the way a person does, with a password and then an authenticator app's code.

allauth's TOTP is driven by computing the current code from the stored secret, as the
app on a phone would.
"""

import base64
import re
import secrets
import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from tests.factories import PASSWORD


def give_authenticator(user) -> str:
    """An authenticator app for ``user``, as if set up earlier; returns its secret."""
    secret = base64.b32encode(secrets.token_bytes(20)).decode()
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": secret})
    return secret


def current_code(secret: str, *, offset: int = 0) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def log_in(client, user, *, secret: str | None = None):
    """allauth's login page with the password, then (with ``secret``) the second factor."""
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    if secret is not None:
        assert response["Location"] == reverse("mfa_authenticate")
        response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
        assert response.status_code == 302, response.content.decode()[:2000]
    return response


def link_in(message) -> str:
    """The path of the link in an email (the site's own URL stripped)."""
    url = re.search(r"https?://\S+", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


def reauthenticate(client) -> None:
    """allauth asks for the password again before security changes (within 5 minutes)."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]

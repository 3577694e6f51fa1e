"""A member's first second factor is confirmed out of band, by a link sent to their email.

Whoever knows a password can sign in; if that were enough to add an authenticator app,
the password's thief could add their own and then pass every second-factor check
(the admin, moderator powers), and lock the owner out of their account. So before an
account's first authenticator is added, allauth's activation pages refuse until this
session has opened a link we emailed to the member's verified primary address: signed,
for this member only, valid for ``LINK_MAX_AGE`` seconds and usable once. Opening it
marks the session, for ``LINK_MAX_AGE`` seconds, as allowed to add one. Later
authenticators need no link: adding one asks for the existing second factor.
An authenticator app and a passkey are both authenticators: whichever comes first needs
the link, unless the account was made by signing up with a passkey, where allauth has
just verified the email by a code (``views.SignupByPasskeyView``).

This holds for every account, not only staff: any member may be made a moderator later,
and their second factor must then already be one the owner set up.
"""

import secrets
import time
from typing import Any

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.urls import reverse

from .models import User

LINK_MAX_AGE = 30 * 60
RESEND_AFTER = 5 * 60
SESSION_KEY = "medius_second_factor_setup"
RETURN_KEY = "medius_second_factor_return"
_signer = signing.TimestampSigner(salt="medius.second-factor-setup")


class LinkRefused(Exception):
    """The link is forged, expired, already used, or someone else's."""


def needs_link(user: User) -> bool:
    """Only the first second factor needs a link."""
    return not Authenticator.objects.filter(user_id=user.pk).exists()


def may_add_authenticator(request: HttpRequest, user: User) -> bool:
    if not needs_link(user):
        return True
    mark = request.session.get(SESSION_KEY)
    return (
        isinstance(mark, dict)
        and mark.get("user") == user.pk
        and isinstance(mark.get("until"), int | float)
        and mark["until"] > time.time()
    )


def verified_primary_email(user: User) -> str | None:
    address = EmailAddress.objects.filter(user=user, primary=True, verified=True).first()
    return address.email if address else None


def make_link_token(user: User) -> str:
    return _signer.sign_object({"user": user.pk, "nonce": secrets.token_urlsafe(16)})


def send_link(request: HttpRequest, user: User, *, email: str) -> bool:
    """Email a fresh link, at most once every ``RESEND_AFTER`` seconds; True if sent."""
    if not cache.add(f"medius:second-factor-link-sent:{user.pk}", 1, timeout=RESEND_AFTER):
        return False
    path = reverse("accounts:confirm_second_factor", args=[make_link_token(user)])
    context: dict[str, Any] = {
        "user": user,
        "confirm_url": path,  # made absolute from SITE_URL by the adapter
        "minutes": LINK_MAX_AGE // 60,
    }
    get_adapter(request).send_mail("account/email/second_factor_link", email, context)
    return True


def open_link(request: HttpRequest, user: User, token: str) -> None:
    """Check the link and mark this session as allowed to add a first second factor."""
    try:
        data = _signer.unsign_object(token, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        raise LinkRefused("This link has expired or is not one we sent.") from None
    if not isinstance(data, dict) or data.get("user") != user.pk:
        raise LinkRefused("This link was sent to another account.")
    nonce = str(data.get("nonce", ""))
    if not cache.add(f"medius:second-factor-link-used:{nonce}", 1, timeout=LINK_MAX_AGE + 60):
        raise LinkRefused("This link has already been used.")
    request.session[SESSION_KEY] = {"user": user.pk, "until": time.time() + LINK_MAX_AGE}


def page_that_asked(request: HttpRequest) -> str:
    """Where the opened link leads: the add page (app or passkey) that sent it, if any."""
    asked = request.session.pop(RETURN_KEY, None)
    pages = {reverse("mfa_activate_totp"), reverse("mfa_add_webauthn")}
    return asked if asked in pages else reverse("mfa_activate_totp")

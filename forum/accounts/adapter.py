"""allauth's account adapter, for what Medius does differently.

Every email allauth sends (password reset, email verification, "this address already
has an account", change notifications, our second-factor link) passes through
``send_mail``; there each link in the context (``*_url``) is rebuilt on ``SITE_URL``,
and the site's name and domain are ours. allauth builds those links from the request's
Host header, which a client chooses: behind a proxy that passes any Host through, or with
a permissive ALLOWED_HOSTS, a forged one would send a member a password-reset link to
someone else's server.

Passkeys (``MFAAdapter``) belong to SITE_URL's host for the same reason: a passkey is
bound to its relying-party ID, which allauth would take from the Host header, so one
made while the site was reached under another name would stop working.
"""

from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError

from .second_factor import needs_link

SITE_NAME = "Medius"


def on_site(url: str) -> str:
    """``url`` (absolute or a path) with SITE_URL's scheme and host; other schemes untouched."""
    parts = urlsplit(url)
    if parts.scheme not in {"", "http", "https"}:
        return url
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f"{settings.SITE_URL}{parts.path or '/'}{query}{fragment}"


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth: no types
    def clean_email(self, email: str) -> str:
        """Staff without a second factor may not add or change an email address.

        The link that allows a first second factor goes to the verified primary address;
        whoever knew a new moderator's password could otherwise add and verify an address
        of their own, make it primary, and have that link sent to themselves.
        """
        email = super().clean_email(email)
        user = getattr(self.request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and (user.is_staff or user.is_superuser)
            and needs_link(user)
        ):
            raise ValidationError(
                "Staff accounts set up their second factor before they change their email "
                "address. Set it up first, or ask an administrator to change the address."
            )
        return email

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """allauth's, with our links and site, and without needing the request's host
        (a notification sent after the request's transaction commits has no request)."""
        ctx: dict[str, Any] = {
            "request": self.request,
            "email": email,
            "current_site": SimpleNamespace(
                name=SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc
            ),
        }
        ctx.update(
            (key, on_site(value) if key.endswith("_url") and isinstance(value, str) else value)
            for key, value in context.items()
            if key != "current_site"
        )
        self.render_mail(template_prefix, email, ctx).send()


class MFAAdapter(DefaultMFAAdapter):  # type: ignore[misc]  # allauth: no types
    def get_public_key_credential_rp_entity(self) -> dict[str, str]:
        return {"id": urlsplit(settings.SITE_URL).hostname or "", "name": SITE_NAME}

    def generate_authenticator_name(self, user: Any, type: str) -> str:
        """ "Passkey", "Passkey 2", ... instead of allauth's "Master key", "Backup key"."""
        count = Authenticator.objects.filter(user_id=user.pk, type=type).count()
        return "Passkey" if count == 0 else f"Passkey {count + 1}"

"""allauth's account adapter, so that its emails' links start with ``settings.SITE_URL``.

allauth builds them from the request's host (``request.build_absolute_uri``); Medius's
other emails, feeds, sitemaps and structured data all use ``SITE_URL``.
"""

from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

LINKS = ("activate_url", "password_reset_url", "signup_url")


def on_site_url(url: str) -> str:
    """The same path and query on ``settings.SITE_URL``."""
    bits = urlsplit(url)
    query = f"?{bits.query}" if bits.query else ""
    return f"{settings.SITE_URL}{bits.path}{query}"


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        for name in LINKS:
            if isinstance(context.get(name), str):
                context[name] = on_site_url(context[name])
        super().send_mail(template_prefix, email, context)

"""Whether a request's session was confirmed with a second factor.

Staff powers need more than a password: the admin, and every moderator power on the
site (reading held and hidden posts, finding deleted text, editing other members' posts),
are for a session in which the member used their second factor (allauth MFA: an
authenticator app, a recovery code or a passkey). A passkey counts on its own too, as a
log-in without the password: allauth makes the device verify its user (PIN, fingerprint)
for that, so the passkey is two factors in one. allauth keeps a record of each authentication
step in the session; ``SecondFactorSessionMiddleware`` reads it once per request and
writes the answer on ``request.user``, where ``has_second_factor_session`` finds it.

The rule is off (everyone counts as confirmed) when ``MEDIUS_ADMIN_REQUIRES_MFA`` is
false, as with ``DEBUG`` on for the demo. When it is on, the default is no: a user
object that never went through a request (the shell, a management command, a test
calling a service directly) has no session, so it has no second-factor session, and
``is_moderator`` treats it as an ordinary member. The moderation services take the
acting moderator as an argument and never ask, so the shell can still moderate.
"""

from typing import Any

from allauth.account.authentication import get_authentication_records
from django.conf import settings
from django.contrib import auth
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

ATTRIBUTE = "second_factor_session"


def session_used_second_factor(request: HttpRequest, user: Any) -> bool:
    """Whether ``user`` used a second factor in this request's session."""
    records = get_authentication_records(request, user)
    return any(record.get("method") == "mfa" for record in records)


def has_second_factor_session(user: Any) -> bool:
    """The per-request fact for staff powers; see the module's docstring."""
    if not settings.MEDIUS_ADMIN_REQUIRES_MFA:
        return True
    return getattr(user, ATTRIBUTE, False) is True


def _marked_user(request: HttpRequest) -> Any:
    user = auth.get_user(request)
    setattr(user, ATTRIBUTE, user.is_authenticated and session_used_second_factor(request, user))
    return user


class SecondFactorSessionMiddleware:
    """Puts the session's second-factor fact on ``request.user`` (after AuthenticationMiddleware).

    The user stays lazy: a request that never looks at it never loads it. A user logged
    in during this very request (``auth.login`` replaces ``request.user``) carries no mark,
    so it counts as unconfirmed until the next request.
    """

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.user = SimpleLazyObject(lambda: _marked_user(request))  # type: ignore[assignment]
        response: HttpResponse = self.get_response(request)
        return response

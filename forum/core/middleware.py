from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse

from .second_factor import has_second_factor_session


class AdminRequiresMFAMiddleware:
    """Staff reach the admin only with two-factor authentication (allauth MFA).

    Without an authenticator they are sent to choose one, an app or a passkey (the first
    needs a link sent to their verified email, see ``forum.accounts.second_factor``); with
    one, but a session that was not confirmed with it, they confirm it first. The admin site's own
    ``has_permission`` (``forum.core.admin_site``) asks the same question, so the admin
    stays shut even if this middleware were left out. Off when MEDIUS_ADMIN_REQUIRES_MFA
    is false (the default with DEBUG on, for the demo).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.MEDIUS_ADMIN_REQUIRES_MFA and self._needs_mfa(request):
            if not is_mfa_enabled(request.user):
                messages.info(request, "Set up two-factor authentication to use the admin.")
                return redirect("mfa_index")
            messages.info(request, "Confirm with your authenticator to use the admin.")
            return redirect(f"{reverse('mfa_reauthenticate')}?next={request.path}")
        return self.get_response(request)

    def _needs_mfa(self, request: HttpRequest) -> bool:
        admin_root = reverse("admin:index")
        if not request.path.startswith(admin_root) or request.path.startswith(
            reverse("admin_login")
        ):
            return False
        user = request.user
        if not (user.is_authenticated and user.is_staff):
            return False
        return not has_second_factor_session(user)


class RejectNullCharactersMiddleware:
    """A NUL character anywhere in the path, the query or a form is a 400.

    No page of ours has a use for one, forms refuse it already, and PostgreSQL cannot
    take one in a query parameter: a NUL in ``?condition=`` or ``/u/<name>/`` was a 500
    there. Refusing it here covers every view, present and future.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or _has_nul(request.GET) or _has_nul(request.POST):
            raise BadRequest("The request contains a NUL character.")
        return self.get_response(request)


def _has_nul(data: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in data.lists())

from collections.abc import Callable

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


class AdminRequiresMFAMiddleware:
    """Staff reach the admin only with two-factor authentication (allauth MFA).

    Without an authenticator they are sent to set one up; with one, but a session
    that was not confirmed with it, they confirm it first. Off when
    MEDIUS_ADMIN_REQUIRES_MFA is false (the default with DEBUG on, for the demo).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.MEDIUS_ADMIN_REQUIRES_MFA and self._needs_mfa(request):
            if not is_mfa_enabled(request.user):
                messages.info(request, "Set up two-factor authentication to use the admin.")
                return redirect("mfa_activate_totp")
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
        records = get_authentication_records(request, user)
        return not any(record.get("method") == "mfa" for record in records)

"""The admin site: the same second-factor rule as the middleware, where the admin is guarded."""

from django.contrib import admin
from django.http import HttpRequest

from .second_factor import has_second_factor_session


class MediusAdminSite(admin.AdminSite):
    """Staff only, and only in a session confirmed with a second factor.

    ``AdminRequiresMFAMiddleware`` sends staff to set up or confirm their second factor
    first; this check holds on its own, for every admin view, whatever made the account
    staff (the admin's user form, ``createsuperuser``, a shell).
    """

    site_header = "Medius moderation"
    site_title = "Medius admin"
    index_title = "Moderator's desk"

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and has_second_factor_session(request.user)

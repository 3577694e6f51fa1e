from typing import Any

from allauth.account.adapter import get_adapter
from allauth.mfa.admin import AuthenticatorAdmin as BaseAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import User

NO_SECOND_FACTOR = (
    "This account has no second factor. Staff need one to use the admin: ask them to set "
    "up two-factor authentication under Account → Two-factor authentication (it starts "
    "with a link sent to their verified email), then grant this again."
)


class MemberChangeForm(UserChangeForm[User]):
    """Staff and superuser status only for an account that already has a second factor.

    The admin site refuses staff without a second-factor session anyway
    (``forum.core.admin_site``); this says so at the moment of granting, instead of
    leaving a new moderator to find out.
    """

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        granted = [
            f for f in ("is_staff", "is_superuser") if data.get(f) and f in self.changed_data
        ]
        if (
            granted
            and settings.MEDIUS_ADMIN_REQUIRES_MFA
            and not Authenticator.objects.filter(user_id=self.instance.pk).exists()
        ):
            raise ValidationError({granted[0]: NO_SECOND_FACTOR})
        return data


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    form = MemberChangeForm
    list_display = ["username", "display_name", "email", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["username", "display_name", "email"]
    ordering = ["-date_joined"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Profile", {"fields": ["display_name", "bio", "email"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]


admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(BaseAuthenticatorAdmin):  # type: ignore[misc]  # allauth: no types
    """Read and remove only. Adding one here would skip the emailed link that a first
    second factor needs; removing one emails the member, as removing it themselves does."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: Authenticator) -> None:
        super().delete_model(request, obj)
        _tell_member_of_removal(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Authenticator]) -> None:
        removed = list(queryset.select_related("user"))
        super().delete_queryset(request, queryset)
        for authenticator in removed:
            _tell_member_of_removal(authenticator)


def _tell_member_of_removal(authenticator: Authenticator) -> None:
    template = {
        Authenticator.Type.TOTP: "mfa/email/totp_deactivated",
        Authenticator.Type.WEBAUTHN: "mfa/email/webauthn_removed",
    }.get(authenticator.type)
    if template:
        get_adapter().send_notification_mail(template, authenticator.user)

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from allauth.account.views import SignupView as AllauthSignupView
from allauth.mfa.totp.views import activate_totp as allauth_activate_totp
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from . import second_factor, services
from .forms import ClinicianApplicationForm, ProfileForm, ReadingForm, looks_like_a_bot
from .models import ClinicianApplication, User
from .permissions import check_can_apply_as_clinician, check_can_change_profile

logger = logging.getLogger(__name__)


class SignupView(AllauthSignupView):  # type: ignore[misc]  # allauth: no types
    """allauth's sign-up, behind a honeypot and a single-use, per-session time stamp.

    A bot that trips either gets the same "check your email" page a person would, so it
    learns nothing, and no account is created. An address already registered costs the
    same work as a new one (the password is hashed either way, and one email is sent
    either way), so the time to answer does not tell whether it is registered.
    """

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if looks_like_a_bot(request, request.POST):
            logger.info("Sign-up refused as automated from %s", request.META.get("REMOTE_ADDR"))
            return render(request, "account/verification_sent.html")
        response: HttpResponse = super().post(request, *args, **kwargs)
        return response

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_form_kwargs()
        kwargs["request"] = self.request
        return kwargs

    def form_valid(self, form: Any) -> HttpResponse:
        if form.account_already_exists:
            make_password(form.cleaned_data.get("password1"))  # what creating one costs
        response: HttpResponse = super().form_valid(form)
        return response


signup = SignupView.as_view()


class SignupByPasskeyView(SignupView):
    """Sign-up without a password, behind the same checks: allauth verifies the email by
    code, then asks for the passkey. That code is the out-of-band confirmation that
    ``second_factor`` asks for before a first authenticator, so no link is sent here."""

    template_name = "account/signup_by_passkey.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["by_passkey"] = True
        return kwargs


signup_by_passkey = SignupByPasskeyView.as_view()


@login_required
def profile_settings(request: HttpRequest) -> HttpResponse:
    reading = ReadingForm(
        request.POST if "reading" in request.POST else None,
        instance=request.user,  # type: ignore[arg-type]
    )
    if reading.is_bound and reading.is_valid():
        services.set_reading_preferences(
            member=request.user,  # type: ignore[arg-type]
            fold_content_notes=reading.cleaned_data["fold_content_notes"],
        )
        messages.success(request, "Your reading settings were saved.")
        return redirect("accounts:settings")
    form = ProfileForm(
        request.POST if request.method == "POST" and not reading.is_bound else None,
        instance=request.user,  # type: ignore[arg-type]
    )
    if request.method == "POST" and not reading.is_bound:
        check_can_change_profile(request.user)
        if form.is_valid():
            try:
                services.update_profile(
                    member=request.user,  # type: ignore[arg-type]
                    display_name=form.cleaned_data["display_name"],
                    bio=form.cleaned_data["bio"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Your profile was saved.")
                return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form, "reading": reading})


@login_required
def clinician(request: HttpRequest) -> HttpResponse:
    """Apply to be shown as a verified clinician, and see how the application stands."""
    user: User = request.user  # type: ignore[assignment]
    applications = user.clinician_applications.all()
    pending = next(
        (a for a in applications if a.status == ClinicianApplication.Status.PENDING), None
    )
    form = None
    if not user.is_verified_clinician and pending is None:
        form = ClinicianApplicationForm(request.POST or None)
        if request.method == "POST":
            check_can_apply_as_clinician(user)
            if form.is_valid():
                try:
                    services.apply_as_clinician(member=user, **form.cleaned_data)
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(
                        request, "Thank you. A moderator will check your registration."
                    )
                    return redirect("accounts:clinician")
    return render(
        request,
        "accounts/clinician.html",
        {"form": form, "pending": pending, "applications": applications},
    )


def _masked(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}"


def _ask_for_the_link(request: HttpRequest, user: User) -> HttpResponse:
    """The page shown instead of allauth's until the emailed link has been opened."""
    request.session[second_factor.RETURN_KEY] = request.path
    email = second_factor.verified_primary_email(user)
    sent = email is not None and second_factor.send_link(request, user, email=email)
    context = {
        "email": _masked(email) if email else None,
        "sent": sent,
        "minutes": second_factor.LINK_MAX_AGE // 60,
    }
    return render(request, "accounts/second_factor_link.html", context)


def first_second_factor_confirmed_by_email(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Wrap one of allauth's "add an authenticator" views (see ``second_factor``)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user: User = request.user  # type: ignore[assignment]
        if second_factor.may_add_authenticator(request, user):
            return view(request, *args, **kwargs)
        return _ask_for_the_link(request, user)

    return wrapper


activate_totp = first_second_factor_confirmed_by_email(allauth_activate_totp)


@login_required
def confirm_second_factor(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link: this session may now add a first second factor."""
    user: User = request.user  # type: ignore[assignment]
    try:
        second_factor.open_link(request, user, token)
    except second_factor.LinkRefused as refusal:
        return render(
            request,
            "accounts/second_factor_link.html",
            {"refused": str(refusal), "minutes": second_factor.LINK_MAX_AGE // 60},
            status=400,
        )
    messages.success(request, "Thank you: you can now set up two-factor authentication.")
    return redirect(second_factor.page_that_asked(request))


def _add_webauthn(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    from allauth.mfa.webauthn.views import add_webauthn as allauth_add_webauthn

    response: HttpResponse = allauth_add_webauthn(request, *args, **kwargs)
    return response


# Routed only when MFA_SUPPORTED_TYPES includes "webauthn" (forum/urls.py).
add_webauthn = first_second_factor_confirmed_by_email(_add_webauthn)

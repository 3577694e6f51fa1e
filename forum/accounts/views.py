import logging

from allauth.account.views import signup as allauth_signup
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .forms import ClinicianApplicationForm, ProfileForm, looks_like_a_bot
from .models import ClinicianApplication

logger = logging.getLogger(__name__)


def signup(request):
    """allauth's sign-up, behind a honeypot and a minimum fill time.

    A bot that trips either gets the same "check your email" page a person would,
    so it learns nothing, and no account is created.
    """
    if request.method == "POST" and looks_like_a_bot(request.POST):
        logger.info("Sign-up refused as automated from %s", request.META.get("REMOTE_ADDR"))
        return render(request, "account/verification_sent.html")
    return allauth_signup(request)


@login_required
def profile_settings(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile was saved.")
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})


@login_required
def clinician(request):
    """Apply to be shown as a verified clinician, and see how the application stands."""
    applications = request.user.clinician_applications.all()
    pending = next(
        (a for a in applications if a.status == ClinicianApplication.Status.PENDING), None
    )
    form = None
    if not request.user.is_verified_clinician and pending is None:
        form = ClinicianApplicationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            application = form.save(commit=False)
            application.user = request.user
            application.save()
            messages.success(request, "Thank you. A moderator will check your registration.")
            return redirect("accounts:clinician")
    return render(
        request,
        "accounts/clinician.html",
        {"form": form, "pending": pending, "applications": applications},
    )

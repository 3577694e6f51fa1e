import time

from django import forms
from django.conf import settings
from django.core import signing

from .models import ClinicianApplication, User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "bio"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}


_signer = signing.TimestampSigner(salt="medius.signup-started")


class SignupExtraForm(forms.Form):
    """Extra sign-up fields that catch bots without a captcha (allauth's ACCOUNT_SIGNUP_FORM_CLASS).

    ``website`` is hidden from people by CSS, so only a bot fills it; ``started`` is a
    signed time stamp, so a form sent back faster than a person can type is refused.
    ``views.signup`` checks both before allauth sees the form.
    """

    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started"].initial = _signer.sign(str(int(time.time())))

    def signup(self, request, user):
        """Nothing to save: the fields only exist to be checked."""


def looks_like_a_bot(data) -> bool:
    if data.get("website"):
        return True
    try:
        started = int(_signer.unsign(data.get("started", ""), max_age=24 * 3600))
    except (signing.BadSignature, ValueError):
        return True
    return time.time() - started < settings.MEDIUS_SIGNUP_MIN_SECONDS


class ClinicianApplicationForm(forms.ModelForm):
    verification_url = forms.URLField(
        assume_scheme="https",
        label="Where it can be checked",
        help_text="A public register entry that shows your registration.",
    )

    class Meta:
        model = ClinicianApplication
        fields = [
            "profession",
            "registration_body",
            "registration_number",
            "country",
            "verification_url",
        ]

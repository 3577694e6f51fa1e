import secrets
import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.http import HttpRequest, QueryDict

from forum.core.forms import UncutTextarea

from .models import ClinicianApplication, User


class ProfileForm(forms.ModelForm[User]):
    """The display name's rules run in ``User.clean`` (through the model form) and again in
    ``services.update_profile``."""

    class Meta:
        model = User
        fields = ["display_name", "bio"]
        widgets = {"bio": UncutTextarea(attrs={"rows": 4})}


class ReadingForm(forms.ModelForm[User]):
    class Meta:
        model = User
        fields = ["fold_content_notes"]


_signer = signing.TimestampSigner(salt="medius.signup-started")
SIGNUP_TOKENS_KEY = "medius_signup_tokens"
SIGNUP_TOKEN_MAX_AGE = 24 * 3600
KEPT_TOKENS = 5  # a few sign-up tabs open at once


def issue_signup_token(request: HttpRequest, *, started: int | None = None) -> str:
    """A signed time stamp with a random nonce that only this session may send back, once."""
    nonce = secrets.token_urlsafe(12)
    kept = request.session.get(SIGNUP_TOKENS_KEY)
    kept = kept if isinstance(kept, list) else []
    request.session[SIGNUP_TOKENS_KEY] = [*kept, nonce][-KEPT_TOKENS:]
    stamp = int(time.time()) if started is None else started
    return _signer.sign_object({"t": stamp, "n": nonce})


def _read_signup_token(token: object) -> tuple[int, str] | None:
    try:
        data = _signer.unsign_object(str(token), max_age=SIGNUP_TOKEN_MAX_AGE)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    started, nonce = data.get("t"), data.get("n")
    if not isinstance(started, int) or not isinstance(nonce, str):
        return None
    return started, nonce


class SignupExtraForm(forms.Form):
    """Extra sign-up fields that catch bots without a captcha (allauth's ACCOUNT_SIGNUP_FORM_CLASS).

    ``website`` is hidden from people by CSS, so only a bot fills it; ``started`` is a
    signed time stamp with a nonce kept in the session (``issue_signup_token``), so a form
    sent back faster than a person can type, a token replayed, or one fetched in another
    session is refused. ``views.SignupView`` checks both before allauth sees the form, and
    passes the request in so that every form shown carries a fresh token.
    """

    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if request is None:
            return
        read = _read_signup_token(self.data.get("started", "")) if self.is_bound else None
        # A form shown again (a taken username, a short password) keeps the first time
        # stamp, under a new nonce: the one it came with has been used.
        token = issue_signup_token(request, started=read[0] if read else None)
        self.fields["started"].initial = token
        if isinstance(self.data, QueryDict):
            data = self.data.copy()
            data["started"] = token
            self.data = data

    def signup(self, request: HttpRequest, user: User) -> None:
        """Nothing to save: the fields only exist to be checked."""


def looks_like_a_bot(request: HttpRequest, data: Any) -> bool:
    """The honeypot and the time stamp. The token's nonce is used up either way."""
    read = _read_signup_token(data.get("started", ""))
    if read is None:
        return True
    started, nonce = read
    kept = request.session.get(SIGNUP_TOKENS_KEY)
    if not isinstance(kept, list) or nonce not in kept:
        return True
    request.session[SIGNUP_TOKENS_KEY] = [n for n in kept if n != nonce]
    if data.get("website"):
        return True
    return time.time() - started < settings.MEDIUS_SIGNUP_MIN_SECONDS


class ClinicianApplicationForm(forms.ModelForm[ClinicianApplication]):
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

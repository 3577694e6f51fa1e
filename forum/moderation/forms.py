import re
from typing import Any

from django import forms
from django.db.models import QuerySet

from forum.accounts.models import TrustLevel, User
from forum.core.forms import SingleLineField, UncutTextarea

from .models import Report


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        choices=Report.Reason.choices, widget=forms.RadioSelect, label="What is wrong?"
    )
    details = SingleLineField(
        max_length=1000,
        required=False,
        widget=UncutTextarea(attrs={"rows": 3}),
        help_text="Needed for “Something else”; helpful for every reason.",
    )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("reason") == Report.Reason.OTHER and not data.get("details", "").strip():
            self.add_error("details", "Please tell the moderators what is wrong.")
        return data


class ReasonForm(forms.Form):
    """The reason a moderator gives for an admin action; the author sees it."""

    reason = SingleLineField(max_length=500, widget=UncutTextarea(attrs={"rows": 3}))


class SuspendForm(ReasonForm):
    days = forms.IntegerField(min_value=1, max_value=365, initial=7)


class ReviewForm(forms.Form):
    reviewer: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        queryset=None, help_text="The clinician who reviewed it."
    )

    def __init__(self, *args: Any, reviewers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers  # type: ignore[attr-defined]


class DuplicateForm(ReasonForm):
    """Which question a thread duplicates, by its number or its address on the site."""

    original = forms.CharField(
        max_length=300,
        label="The original question",
        help_text="Its address (https://.../questions/123/...) or its number (123).",
    )
    reason = SingleLineField(
        max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_original(self) -> int:
        value = self.cleaned_data["original"].strip()
        match = re.search(r"/(?:questions|articles)/(\d{1,18})(?:/|$)", value)
        if match:
            return int(match.group(1))
        if value.isdigit() and len(value) <= 18:
            return int(value)
        raise forms.ValidationError("Give the question's address or its number.")


READY_REASONS = [
    "Advertising or spam.",
    "Medical advice that could cause harm: please suggest seeing a clinician instead.",
    "Unkind to another member. Please keep replies respectful.",
    "Shares personal information about someone.",
    "Off topic for this community.",
]


class HideForm(forms.Form):
    """Hiding from the queue's item page: a ready-made reason, editable, never empty."""

    reason = SingleLineField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Reason the author sees",
        error_messages={"required": "Give the author a reason: pick one above or write one."},
    )


class TrustLockForm(ReasonForm):
    level = forms.TypedChoiceField(
        choices=TrustLevel.choices, coerce=int, help_text="Kept until a moderator unlocks it."
    )

from typing import Any

from django import forms
from django.db.models import QuerySet

from forum.accounts.models import User
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

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone

from forum.conditions.models import Condition

from .models import FollowUp, Outcome, Treatment, TreatmentRecord

if TYPE_CHECKING:  # ModelForm is generic only in django-stubs
    RecordFormBase = forms.ModelForm[TreatmentRecord]
    FollowUpFormBase = forms.ModelForm[FollowUp]
else:
    RecordFormBase = FollowUpFormBase = forms.ModelForm


class RecordForm(RecordFormBase):
    treatment = forms.ModelChoiceField(
        queryset=Treatment.objects.order_by("name"),
        error_messages={"required": "Choose what you tried.",
                        "invalid_choice": "Choose a treatment from the list."},
    )  # fmt: skip
    condition = forms.ModelChoiceField(
        queryset=Condition.objects.order_by("name"),
        required=False,
        empty_label="Not sure yet",
        label="For which condition",
        error_messages={"invalid_choice": "Choose a condition from the list."},
    )
    started_on = forms.DateField(
        label="When you started",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date such as 2026-03-14.",
                        "required": "Enter when you started, roughly is fine."},
    )  # fmt: skip
    outcome = forms.ChoiceField(
        label="How it went", choices=Outcome.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = TreatmentRecord
        fields = [
            "treatment", "condition", "started_on", "weeks", "outcome",
            "pain_before", "pain_after", "note",
        ]  # fmt: skip
        labels = {
            "weeks": "For how many weeks",
            "pain_before": "Pain before (0-10, optional)",
            "pain_after": "Pain after (0-10, optional)",
            "note": "Anything to add (optional, only you see it)",
        }
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def clean_started_on(self) -> Any:
        started_on = self.cleaned_data["started_on"]
        if started_on > timezone.localdate():
            raise forms.ValidationError("The start date cannot be in the future.")
        return started_on


class FollowUpForm(FollowUpFormBase):
    outcome = forms.ChoiceField(
        label="How is it going now?",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how it is going."},
    )

    class Meta:
        model = FollowUp
        fields = ["outcome", "pain_now", "note"]
        labels = {
            "pain_now": "Pain now (0-10, optional)",
            "note": "Anything to add (optional, only you see it)",
        }
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

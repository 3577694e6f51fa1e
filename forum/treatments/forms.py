from typing import TYPE_CHECKING, Any

from django import forms
from django.forms.utils import ErrorDict
from django.utils import timezone

from forum.conditions.models import Condition

from .models import FollowUp, Outcome, Treatment, TreatmentRecord, TreatmentSynonym

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
        if started_on and started_on > timezone.localdate():
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


class TreatmentNameField(forms.CharField):
    """A treatment typed by name or by any of its synonyms ("IASTM", "trigger point
    needling"), with the vocabulary offered as suggestions (``datalist_id``); cleans to
    the ``Treatment``. Works without JavaScript: the browser's own list does the search."""

    datalist_id = "treatment-names"

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 80)
        kwargs.setdefault("label", "Treatment")
        kwargs.setdefault("help_text", "Start typing: the list knows other names for each.")
        super().__init__(widget=forms.TextInput(attrs={"list": self.datalist_id}), **kwargs)

    def clean(self, value: Any) -> Treatment | None:
        text = super().clean(value)
        if not text:
            return None
        found = Treatment.objects.matching(text).first()
        if found is None:
            raise forms.ValidationError(
                f"“{text}” is not in our list yet. Choose the nearest one from the "
                "suggestions, or put it in your own words in the note."
            )
        return found

    @staticmethod
    def suggestions() -> list[str]:
        """Every name and synonym, for the datalist: two queries."""
        names = list(Treatment.objects.values_list("name", flat=True))
        names += TreatmentSynonym.objects.values_list("name", flat=True)
        return sorted(names, key=str.lower)


class AttachRecordForm(RecordForm):
    """The record form for a question or reply ("what have you tried?", "this is what I
    did"): the treatment typed with synonyms, and whether to show it beside the post.

    ``optional``: on the ask form, leaving the treatment empty records nothing, and only
    a treatment makes the rest required.
    """

    treatment = TreatmentNameField(  # type: ignore[assignment]
        error_messages={"required": "Type what you tried, or choose it from the list."}
    )
    show = forms.BooleanField(
        required=False,
        label="Show this record with my post",
        help_text="Left unticked, only you see it; it is still counted, without your name.",
    )

    class Meta(RecordForm.Meta):
        fields = [*RecordForm.Meta.fields]

    def __init__(self, *args: Any, optional: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.optional = optional
        if optional:
            for name in ("treatment", "started_on", "outcome"):
                self.fields[name].required = False

    def is_empty(self) -> bool:
        """On the ask form: the member left "what have you tried?" alone."""
        return self.optional and not (self.data.get(self.add_prefix("treatment")) or "").strip()

    def full_clean(self) -> None:
        if self.is_bound and self.is_empty():
            self.cleaned_data = {}
            self._errors = ErrorDict()
            return
        super().full_clean()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.optional and cleaned.get("treatment") is not None:
            for name, message in (
                ("started_on", "Enter when you started, roughly is fine."),
                ("outcome", "Choose how it went."),
            ):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return cleaned

    def record_fields(self) -> dict[str, Any] | None:
        """The keyword arguments for ``attach_record``; None when nothing was entered."""
        if self.is_empty():
            return None
        data = self.cleaned_data
        return {
            "treatment": data["treatment"],
            "condition": data["condition"],
            "started_on": data["started_on"],
            "weeks": data["weeks"],
            "outcome": data["outcome"],
            "pain_before": data["pain_before"],
            "pain_after": data["pain_after"],
            "note": data["note"],
            "shown": data["show"],
        }

from typing import Any

from django import forms

from .models import Frequency, Kind


class PreferencesForm(forms.Form):
    """One choice per kind of notification: email straight away, daily, or not at all."""

    def __init__(self, *args: Any, current: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Frequency.choices,
                initial=current[kind.value],
                widget=forms.Select,
            )

from collections.abc import Sequence
from datetime import date
from typing import Any, cast

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from forum.conditions.models import Condition
from forum.discussions.models import Thread

from .backends import REPLY, Filters

KINDS = [
    ("", "Everything"),
    (Thread.Kind.QUESTION, "Questions"),
    (Thread.Kind.ARTICLE, "Articles"),
    (REPLY, "Replies and comments"),
]
ANSWERED = [("", "Either"), ("yes", "With an accepted answer"), ("no", "Without one yet")]
# Dates a search can mean; beyond them "a day later" or a time zone's offset overflows.
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
DATE_RANGE = "Choose a date between 1 January 1900 and 31 December 2999."


class SearchForm(forms.Form):
    """The query and its filters. A filter that does not validate is reported and ignored."""

    q = forms.CharField(
        label="Search for", required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    kind = forms.ChoiceField(label="Show", choices=KINDS, required=False)
    condition = forms.ChoiceField(label="Condition", required=False)
    answered = forms.ChoiceField(label="Answered", choices=ANSWERED, required=False)

    def __init__(self, *args: Any, conditions: Sequence[Condition], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conditions = {c.slug: c for c in conditions}
        condition = cast(forms.ChoiceField, self.fields["condition"])
        condition.choices = [
            ("", "All conditions"),
            *((c.slug, c.name) for c in conditions),
        ]
        # "from" is a Python keyword, so the date fields cannot be class attributes.
        date_input = forms.DateInput(attrs={"type": "date"})
        bounds = [
            MinValueValidator(EARLIEST, message=DATE_RANGE),
            MaxValueValidator(LATEST, message=DATE_RANGE),
        ]
        for name, label in [("from", "From"), ("to", "To")]:
            self.fields[name] = forms.DateField(
                label=label, required=False, widget=date_input, validators=bounds
            )

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            kind=data.get("kind", ""),
            condition=self.conditions.get(data.get("condition") or ""),
            answered={"yes": True, "no": False}.get(data.get("answered") or ""),
            date_from=data.get("from"),
            date_to=data.get("to"),
        )

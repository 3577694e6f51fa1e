from django import forms

from forum.discussions.models import Thread

from .backends import REPLY, Filters

KINDS = [
    ("", "Everything"),
    (Thread.Kind.QUESTION, "Questions"),
    (Thread.Kind.ARTICLE, "Articles"),
    (REPLY, "Replies and comments"),
]
ANSWERED = [("", "Either"), ("yes", "With an accepted answer"), ("no", "Without one yet")]


class SearchForm(forms.Form):
    """The query and its filters. A filter that does not validate is reported and ignored."""

    q = forms.CharField(
        label="Search for", required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    kind = forms.ChoiceField(label="Show", choices=KINDS, required=False)
    condition = forms.ChoiceField(label="Condition", required=False)
    answered = forms.ChoiceField(label="Answered", choices=ANSWERED, required=False)

    def __init__(self, *args, conditions, **kwargs):
        super().__init__(*args, **kwargs)
        self.conditions = {c.slug: c for c in conditions}
        self.fields["condition"].choices = [
            ("", "All conditions"),
            *((c.slug, c.name) for c in conditions),
        ]
        # "from" is a Python keyword, so the date fields cannot be class attributes.
        date_input = forms.DateInput(attrs={"type": "date"})
        self.fields["from"] = forms.DateField(label="From", required=False, widget=date_input)
        self.fields["to"] = forms.DateField(label="To", required=False, widget=date_input)

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            kind=data.get("kind", ""),
            condition=self.conditions.get(data.get("condition")),
            answered={"yes": True, "no": False}.get(data.get("answered")),
            date_from=data.get("from"),
            date_to=data.get("to"),
        )

from typing import Any

from django import forms

from forum.conditions.models import Condition, check_condition_choice
from forum.core.forms import SingleLineField, UncutTextarea

from .models import Thread

TITLE_MIN = 10
TITLE_MAX = 150
TITLE_HELP = f"{TITLE_MIN} to {TITLE_MAX} characters. A clear question gets better answers."
BODY_MAX = 20_000


class ConditionChoiceField(forms.ModelMultipleChoiceField):
    """1 to 5 conditions, or "Not sure yet" on its own; "Not sure yet" is offered first."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Condition.objects.prefetch_related("synonyms").undiagnosed_first(),
            help_text=(
                "Choose 1 to 5, or “Not sure yet” if nobody has told you what it is. Each "
                "condition lists the other names people use for it."
            ),
            error_messages={"required": "Choose at least one condition, or “Not sure yet”."},
            **kwargs,
        )

    def clean(self, value):
        if value and any(not str(v).isdigit() or len(str(v)) > 18 for v in value):
            raise forms.ValidationError("Choose conditions from the list.")
        conditions = super().clean(value)
        if len(conditions) > 5:
            raise forms.ValidationError("Choose at most 5 conditions.")
        check_condition_choice(conditions)
        return conditions


def body_field(label="Body", required=True, rows=10):
    return forms.CharField(
        label=label,
        required=required,
        strip=True,
        max_length=BODY_MAX,
        widget=UncutTextarea(attrs={"rows": rows, "data-markdown": "true"}),
        help_text=f"Markdown is supported. Up to {BODY_MAX:,} characters.",
        error_messages={"max_length": f"Please keep it under {BODY_MAX:,} characters "
                        "(it has %(show_value)d)."},
    )  # fmt: skip


class TitleField(SingleLineField):
    """A title is one line: line breaks and control characters become spaces."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            max_length=TITLE_MAX,
            min_length=TITLE_MIN,
            help_text=TITLE_HELP,
            error_messages={
                "min_length": "The title needs at least 10 characters (it has %(show_value)d).",
                "max_length": "Keep the title to 150 characters (it has %(show_value)d).",
            },
            **kwargs,
        )


class QuestionForm(forms.Form):
    title = TitleField()
    body = body_field("Your question", rows=10)
    conditions = ConditionChoiceField()
    side = forms.ChoiceField(
        choices=[("", "Not sure / prefer not to say"), *Thread.Side.choices],
        required=False,
        label="Which side?",
    )
    duration = forms.ChoiceField(
        choices=[("", "Not sure / prefer not to say"), *Thread.Duration.choices],
        required=False,
        label="How long has it been?",
    )
    activity = SingleLineField(max_length=100, required=False, label="Activity or sport")
    aggravating = SingleLineField(max_length=300, required=False, label="What makes it worse?")
    treatments_tried = SingleLineField(max_length=300, required=False, label="Treatments tried")

    def details(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key in Thread.DETAIL_FIELDS}


class ArticleForm(forms.Form):
    """The author's form. Who reviewed the article is not the author's to say: a verified
    clinician stamps it from the article's page, or a moderator in the admin."""

    title = TitleField()
    summary = SingleLineField(
        max_length=300, widget=UncutTextarea(attrs={"rows": 2}), help_text="One or two sentences."
    )
    body = body_field("Article", rows=20)
    conditions = ConditionChoiceField()
    publish = forms.BooleanField(
        required=False, label="Publish now", help_text="Leave unticked to keep a draft."
    )


class ReplyForm(forms.Form):
    body = body_field("Your reply", rows=5)


class EditPostForm(forms.Form):
    title = TitleField(required=False)
    body = body_field("Text")

    def __init__(self, *args, with_title: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if with_title:
            self.fields["title"].required = True
        else:
            del self.fields["title"]

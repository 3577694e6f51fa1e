from django import forms
from django.contrib.auth import get_user_model

from forum.conditions.models import Condition

from .models import Thread

TITLE_HELP = "10 to 150 characters. A clear question gets better answers."
BODY_MAX = 20_000


class ConditionChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Condition.objects.prefetch_related("synonyms").order_by("name"),
            help_text="Choose 1 to 5. Each condition lists the other names people use for it.",
            error_messages={"required": "Choose at least one condition."},
            **kwargs,
        )

    def clean(self, value):
        if value and any(not str(v).isdigit() or len(str(v)) > 18 for v in value):
            raise forms.ValidationError("Choose conditions from the list.")
        conditions = super().clean(value)
        if len(conditions) > 5:
            raise forms.ValidationError("Choose at most 5 conditions.")
        return conditions


def body_field(label="Body", required=True, rows=10):
    return forms.CharField(
        label=label,
        required=required,
        strip=True,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": rows, "data-markdown": "true"}),
        help_text=f"Markdown is supported. Up to {BODY_MAX:,} characters.",
        error_messages={"max_length": f"Please keep it under {BODY_MAX:,} characters "
                        "(it has %(show_value)d)."},
    )  # fmt: skip


class TitleField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            max_length=150,
            min_length=10,
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
    activity = forms.CharField(max_length=100, required=False, label="Activity or sport")
    aggravating = forms.CharField(max_length=300, required=False, label="What makes it worse?")
    treatments_tried = forms.CharField(max_length=300, required=False, label="Treatments tried")

    def details(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key in Thread.DETAIL_FIELDS}


class ArticleForm(forms.Form):
    title = TitleField()
    summary = forms.CharField(
        max_length=300, widget=forms.Textarea(attrs={"rows": 2}), help_text="One or two sentences."
    )
    body = body_field("Article", rows=20)
    conditions = ConditionChoiceField()
    reviewed_by = forms.ModelChoiceField(
        queryset=None,
        required=False,
        help_text="The clinician who checked this article for accuracy, if anyone has.",
    )
    last_reviewed_on = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Last reviewed on"
    )
    publish = forms.BooleanField(
        required=False, label="Publish now", help_text="Leave unticked to keep a draft."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        self.fields["reviewed_by"].queryset = (
            User.objects.filter(groups__permissions__codename="write_article", is_active=True)
            .distinct()
            .order_by("username")
        )

    def clean(self):
        data = super().clean()
        if data.get("last_reviewed_on") and not data.get("reviewed_by"):
            self.add_error("reviewed_by", "Say who reviewed the article, or clear the date.")
        return data


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

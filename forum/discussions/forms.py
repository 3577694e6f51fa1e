from typing import Any

from django import forms
from django.db.models import QuerySet

from forum.conditions.models import Condition, check_condition_choice
from forum.core.forms import SingleLineField, UncutTextarea
from forum.images.models import KEY_PATTERN

from .images import MISSING_LEAD_ALT
from .models import Thread

TITLE_MIN = 10
TITLE_MAX = 150
TITLE_HELP = f"{TITLE_MIN} to {TITLE_MAX} characters. A clear question gets better answers."
BODY_MAX = 20_000


class ConditionChoiceField(forms.ModelMultipleChoiceField[Condition]):
    """1 to 5 conditions, or "Not sure yet" on its own; "Not sure yet" is offered first."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=Condition.objects.prefetch_related("synonyms").undiagnosed_first(),
            help_text=(
                "Choose 1 to 5, or “Not sure yet” if nobody has told you what it is. Each "
                "condition lists the other names people use for it."
            ),
            error_messages={"required": "Choose at least one condition, or “Not sure yet”."},
            **kwargs,
        )

    def clean(self, value: Any) -> QuerySet[Condition]:
        if value and any(not str(v).isdigit() or len(str(v)) > 18 for v in value):
            raise forms.ValidationError("Choose conditions from the list.")
        conditions = super().clean(value)
        if len(conditions) > 5:
            raise forms.ValidationError("Choose at most 5 conditions.")
        check_condition_choice(conditions)
        return conditions


def body_field(label: str = "Body", required: bool = True, rows: int = 10) -> forms.CharField:
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


ANONYMOUS_HELP = (
    "Shown as “Anonymous member”: nothing public links it to you. Moderators can still see "
    "who wrote it, and every rule still applies."
)


def anonymous_field() -> forms.BooleanField:
    return forms.BooleanField(required=False, label="Post as “Anonymous member”",
                              help_text=ANONYMOUS_HELP)  # fmt: skip


def content_note_field() -> SingleLineField:
    return SingleLineField(
        max_length=80,
        required=False,
        label="Content note",
        help_text=(
            "If it touches something painful (for example self-harm or pregnancy loss), name "
            "it here: readers see the note and open the text when they are ready."
        ),
    )


class PrivacyFieldsMixin:
    """The "post anonymously" choice, offered only to members allowed it (basic level and
    above); the service refuses it for others whatever is posted."""

    fields: dict[str, forms.Field]

    def drop_anonymous_unless(self, allowed: bool) -> None:
        if not allowed:
            self.fields.pop("anonymous", None)


class ImageFields(forms.Form):
    """An image attached the plain way (no JavaScript): the view uploads it and adds
    ``![alt](url)`` to the end of the body (``views.posting._attach_image``)."""

    image = forms.FileField(
        required=False,
        label="Add an image",
        help_text="JPEG, PNG, WebP or GIF. It is added at the end of your text.",
    )
    image_alt = SingleLineField(
        required=False,
        max_length=300,
        label="Alt text for the image",
        help_text="What the image shows, for people who cannot see it.",
    )

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if self.cleaned_data.get("image") and not self.cleaned_data.get("image_alt"):
            self.add_error("image_alt", "Describe the image in a few words.")
        return cleaned


class QuestionForm(PrivacyFieldsMixin, ImageFields):
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
    treatments_tried = SingleLineField(
        max_length=300,
        required=False,
        label="Anything else you tried, in your own words",
        help_text="Shown with your question as you write it; not counted.",
    )
    anonymous = anonymous_field()
    content_note = content_note_field()
    members_only = forms.BooleanField(
        required=False,
        label="Members only",
        help_text=(
            "Only signed-in members can read it. Visitors and search engines see the title "
            "and first lines; it stays out of feeds and search results for visitors."
        ),
    )

    def __init__(self, *args: Any, allow_anonymous: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.drop_anonymous_unless(allow_anonymous)

    def details(self) -> dict[str, object]:
        return {key: self.cleaned_data[key] for key in Thread.DETAIL_FIELDS}


class ArticleForm(ImageFields):
    """The author's form. Who reviewed the article is not the author's to say: a verified
    clinician stamps it from the article's page, or a moderator in the admin."""

    title = TitleField()
    summary = SingleLineField(
        max_length=300, widget=UncutTextarea(attrs={"rows": 2}), help_text="One or two sentences."
    )
    body = body_field("Article", rows=20)
    conditions = ConditionChoiceField()
    lead_image = forms.FileField(
        required=False,
        label="Lead image",
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
        help_text=(
            "Shown at the top of the article and when it is shared: JPEG, PNG, WebP or GIF, "
            "best wider than tall (about 1200 by 630 pixels). It replaces the present one."
        ),
    )
    lead_image_key = forms.RegexField(
        regex=rf"^{KEY_PATTERN}$", required=False, widget=forms.HiddenInput
    )
    lead_image_alt = SingleLineField(
        required=False,
        max_length=300,
        label="Alt text of the lead image",
        help_text="What the lead image shows, for people who cannot see it.",
    )
    remove_lead_image = forms.BooleanField(required=False, label="Remove the lead image")
    publish = forms.BooleanField(
        required=False, label="Publish now", help_text="Leave unticked to keep a draft."
    )

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        data = self.cleaned_data
        has_image = data.get("lead_image") or data.get("lead_image_key")
        if has_image and not data.get("remove_lead_image") and not data.get("lead_image_alt"):
            self.add_error("lead_image_alt", MISSING_LEAD_ALT)
        return cleaned


class ReplyForm(PrivacyFieldsMixin, ImageFields):
    body = body_field("Your reply", rows=5)
    anonymous = anonymous_field()
    content_note = content_note_field()

    def __init__(self, *args: Any, allow_anonymous: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.drop_anonymous_unless(allow_anonymous)


class EditPostForm(ImageFields):
    title = TitleField(required=False)
    body = body_field("Text")

    def __init__(self, *args: Any, with_title: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_title:
            self.fields["title"].required = True
        else:
            del self.fields["title"]


class BookmarkForm(forms.Form):
    remind_on = forms.DateField(
        required=False,
        label="Remind me on (optional)",
        help_text="You will get a notification that day.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a date such as 2027-03-14, or leave it empty."},
    )

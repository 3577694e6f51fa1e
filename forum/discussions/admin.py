from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from forum.accounts.models import User
from forum.conditions.models import check_condition_choice
from forum.core.forms import SingleLineField
from forum.images import services as image_services
from forum.images.models import Image
from forum.images.processing import ImageRefused

from . import images as post_images
from . import policy, services
from .forms import TITLE_MAX, TITLE_MIN
from .images import KEEP, MISSING_LEAD_ALT, Keep
from .models import (
    BlockedTerm,
    Post,
    PostQuerySet,
    PostRevision,
    RedFlagPhrase,
    Thread,
    ThreadQuerySet,
)


class ThreadAdminForm(forms.ModelForm[Thread]):
    """The change form's fields, cleaned as the site's are, and judged by the same gate
    (``policy.screen_edit``) for the person saving it."""

    title = SingleLineField(min_length=TITLE_MIN, max_length=TITLE_MAX)
    summary = SingleLineField(max_length=300, required=False)
    lead_image_upload = forms.FileField(
        required=False,
        label="New lead image",
        help_text="An article's picture: JPEG, PNG, WebP or GIF, re-encoded like every upload.",
    )
    lead_image_text = SingleLineField(
        max_length=300,
        required=False,
        label="Alt text of the lead image",
        help_text="What the lead image shows, for people who cannot see it.",
    )
    remove_lead_image = forms.BooleanField(required=False, label="Remove the lead image")
    editor: User
    lead_image_choice: Image | Keep | None = KEEP

    class Meta:
        model = Thread
        fields = ["title", "conditions", "summary"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_image_text"].initial = self.instance.lead_image_alt

    def clean_lead_image(self) -> None:
        """The lead image the editor asks for (uploaded now: refused files are errors)."""
        data = self.cleaned_data
        current = self.instance.lead_image
        upload = data.get("lead_image_upload")
        alt = data.get("lead_image_text", "")
        if data.get("remove_lead_image"):
            self.lead_image_choice = None
            return
        if upload:
            try:
                self.lead_image_choice = image_services.upload_image(
                    uploader=self.editor, upload=upload
                )
            except ImageRefused as refused:
                self.add_error("lead_image_upload", str(refused))
                return
        elif current is not None and alt != self.instance.lead_image_alt:
            self.lead_image_choice = current
        if self.lead_image_choice is not KEEP and not alt:
            self.add_error("lead_image_text", MISSING_LEAD_ALT)

    def clean_conditions(self) -> Any:
        conditions = self.cleaned_data["conditions"]
        check_condition_choice(conditions)
        return conditions

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opening = self.instance.opening_post
        if opening is not None and data.get("title"):
            try:
                policy.screen_edit(
                    post=opening,
                    editor=self.editor,
                    body=opening.body,
                    html=opening.html,
                    title=data["title"],
                )
            except policy.PostRefused as exc:
                raise forms.ValidationError(str(exc)) from None
        if self.instance.is_article:
            self.clean_lead_image()
        return data


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin[Thread]):
    """Title, conditions and summary are editable, through ``services.edit_thread`` (so a
    title edit is screened and kept in the revision history); status, counters, flags
    and the review stamp only through their services."""

    list_display = ["title", "kind", "author", "status", "reply_count", "is_locked",
                    "is_pinned", "published_at"]  # fmt: skip
    list_filter = ["kind", "status", "is_locked", "is_pinned", "conditions"]
    list_select_related = ["author"]
    search_fields = ["title", "author__username"]
    autocomplete_fields = ["author", "reviewed_by", "conditions"]
    readonly_fields = ["slug", "kind", "author", "opening_post", "status", "reply_count",
                       "helpful_count", "accepted_post", "created_at", "published_at",
                       "last_activity_at", "is_locked", "is_pinned", "reviewed_by",
                       "last_reviewed_on", "lead_image_shown"]  # fmt: skip
    fields = ["title", "conditions", "summary", "lead_image_shown", "lead_image_upload",
              "lead_image_text", "remove_lead_image", *readonly_fields[:-1]]  # fmt: skip
    date_hierarchy = "created_at"
    form = ThreadAdminForm

    def get_form(
        self, request: HttpRequest, obj: Thread | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        """The form, told who is saving it (the gate judges the editor)."""
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"editor": request.user})

    def get_fields(self, request: HttpRequest, obj: Thread | None = None) -> Any:
        fields = list(super().get_fields(request, obj))
        if obj is None or not obj.is_article:
            lead = {"lead_image_shown", "lead_image_upload", "lead_image_text", "remove_lead_image"}
            fields = [f for f in fields if f not in lead]
        return fields

    @admin.display(description="Lead image")
    def lead_image_shown(self, obj: Thread) -> str:
        image = obj.lead_image
        if image is None:
            return "None"
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}" style="max-width:16rem;height:auto">',
            post_images.thumbnail_url(image),
            image.thumbnail_width,
            image.thumbnail_height,
            obj.lead_image_alt,
        )

    def save_model(self, request: HttpRequest, obj: Thread, form: Any, change: bool) -> None:
        data = form.cleaned_data
        self.save_thread(
            thread=Thread.objects.select_related("opening_post", "lead_image").get(pk=obj.pk),
            editor=form.editor,
            title=data["title"],
            conditions=list(data["conditions"]),
            summary=data.get("summary"),
            lead_image=form.lead_image_choice,
            lead_image_alt=data.get("lead_image_text", ""),
        )

    def save_thread(
        self,
        *,
        thread: Thread,
        editor: User,
        title: str,
        conditions: list[Any],
        summary: str | None,
        lead_image: Image | Keep | None = KEEP,
        lead_image_alt: str = "",
    ) -> None:
        services.edit_thread(
            thread=thread,
            editor=editor,
            title=title,
            conditions=conditions,
            summary=summary,
            lead_image=lead_image,
            lead_image_alt=lead_image_alt,
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """The conditions were set by ``save_thread``; only inline formsets remain."""
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def get_queryset(self, request: HttpRequest) -> ThreadQuerySet:
        threads = super().get_queryset(request)
        assert isinstance(threads, ThreadQuerySet)  # the stubs type it as a plain QuerySet
        return threads.outside_others_drafts(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Thread | None = None) -> bool:
        return False


class RevisionInline(admin.TabularInline[PostRevision, Post]):
    model = PostRevision
    readonly_fields = ("number", "editor", "created_at", "body")
    fields = readonly_fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Post | None = None) -> bool:
        return False


@admin.register(Post)
class PostAdmin(admin.ModelAdmin[Post]):
    list_display = ["excerpt", "in_context", "author", "status", "depth", "helpful_count",
                    "created_at"]  # fmt: skip
    list_filter = ["status", "thread__kind", ("red_flag", admin.EmptyFieldListFilter)]
    list_select_related = ["author", "thread"]
    search_fields = ["body", "author__username", "thread__title"]
    readonly_fields = ("thread", "parent", "author", "body", "status", "moderation_reason",
                       "red_flag", "depth", "created_at", "edited_at", "helpful_count",
                       "child_count")  # fmt: skip
    fields = readonly_fields
    inlines = [RevisionInline]
    date_hierarchy = "created_at"

    def get_queryset(self, request: HttpRequest) -> PostQuerySet:
        posts = super().get_queryset(request)
        assert isinstance(posts, PostQuerySet)  # the stubs type it as a plain QuerySet
        return posts.outside_others_drafts(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Post | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Post | None = None) -> bool:
        return False

    @admin.display(description="Post")
    def excerpt(self, post: Post) -> str:
        return Truncator(post.body).chars(100)

    @admin.display(description="In context")
    def in_context(self, post: Post) -> SafeString:
        return format_html(
            '<a href="{}">{}</a>', post.get_absolute_url(), Truncator(post.thread.title).chars(50)
        )


@admin.register(BlockedTerm)
class BlockedTermAdmin(admin.ModelAdmin[BlockedTerm]):
    list_display = ["term", "kind", "is_active", "created_at"]
    list_filter = ["kind", "is_active"]
    search_fields = ["term"]


@admin.register(RedFlagPhrase)
class RedFlagPhraseAdmin(admin.ModelAdmin[RedFlagPhrase]):
    """Moderators edit the patterns here. The pattern field's help text is the syntax;
    saving parses the pattern and checks it still catches every example, so a typo
    cannot silently switch a red flag off."""

    list_display = ["phrase", "kind", "is_active", "ignore_negated"]
    list_filter = ["kind", "is_active", "ignore_negated"]
    list_editable = ["is_active"]
    search_fields = ["phrase", "examples"]
    fields = ["phrase", "kind", "is_active", "ignore_negated", "examples"]

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "phrase":
            kwargs["widget"] = forms.TextInput(attrs={"size": 100})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

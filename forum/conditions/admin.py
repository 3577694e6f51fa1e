from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path

from . import services
from .models import Condition, Guide, Synonym


class SynonymInline(admin.TabularInline[Synonym, Condition]):
    model = Synonym
    extra = 2


@admin.register(Condition)
class ConditionAdmin(admin.ModelAdmin[Condition]):
    list_display = ["name", "slug", "parent"]
    list_select_related = ["parent"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "synonyms__name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [SynonymInline]


class ReviewFilter(admin.SimpleListFilter):
    """Moderators' view of the guides that need a clinician: unreviewed, or due again."""

    title = "review"
    parameter_name = "review"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("needed", "Unreviewed or due"),
            ("unreviewed", "Never reviewed since the last edit"),
            ("due", "Review due"),
            ("current", "Reviewed, not yet due"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Guide]) -> QuerySet[Guide]:
        if self.value() == "needed":
            return queryset.needing_review()  # type: ignore[attr-defined, no-any-return]
        if self.value() == "unreviewed":
            return queryset.unreviewed()  # type: ignore[attr-defined, no-any-return]
        if self.value() == "due":
            return queryset.review_due()  # type: ignore[attr-defined, no-any-return]
        if self.value() == "current":
            return queryset.filter(reviewed_at__gte=Guide.review_cutoff())
        return queryset


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Guides are written here; "Preview" shows the unsaved text as the page will, in a new
    tab, and saving goes through ``services.edit_guide`` (which clears the review stamp
    when the text changed)."""

    change_form_template = "admin/conditions/guide/change_form.html"
    list_display = ["condition", "author", "edited_at", "reviewed_by", "reviewed_at", "due"]
    list_select_related = ["condition", "author", "reviewed_by"]
    list_filter = [ReviewFilter]
    search_fields = ["condition__name", *Guide.TEXT_FIELDS]
    autocomplete_fields = ["condition"]
    readonly_fields = ["author", "edited_at", "reviewed_by", "reviewed_at"]
    actions = ["mark_reviewed"]
    fields = [
        "condition",
        *Guide.TEXT_FIELDS,
        "specialties",
        "author",
        "edited_at",
        "reviewed_by",
        "reviewed_at",
    ]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        """``?condition=<id>`` pre-selects a condition; anything but a plain number is
        ignored (the autocomplete widget would look it up as a primary key)."""
        initial = super().get_changeform_initial_data(request)
        raw = str(initial.get("condition", ""))
        if "condition" in initial and not (raw.isdecimal() and raw.isascii() and len(raw) < 10):
            del initial["condition"]
        return initial

    @admin.display(boolean=True, description="Review due")
    def due(self, guide: Guide) -> bool:
        return guide.is_review_due

    def save_model(self, request: HttpRequest, obj: Guide, form: Any, change: bool) -> None:
        fields = {name: form.cleaned_data[name] for name in (*Guide.TEXT_FIELDS, "specialties")}
        saved = services.edit_guide(
            condition=form.cleaned_data["condition"],
            author=request.user,  # type: ignore[arg-type]  # the admin is for signed-in staff
            fields=fields,
        )
        obj.pk = saved.pk

    @admin.action(description="Mark reviewed by me (verified clinicians, not the author)")
    def mark_reviewed(self, request: HttpRequest, queryset: QuerySet[Guide]) -> None:
        done = 0
        for guide in queryset:
            try:
                services.review_guide(guide=guide, reviewer=request.user)  # type: ignore[arg-type]
            except PermissionDenied as exc:
                self.message_user(request, f"{guide.condition}: {exc}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, f"Marked {done} guide(s) reviewed.", messages.SUCCESS)

    def get_urls(self) -> list[URLPattern]:
        preview = self.admin_site.admin_view(self.preview_view)
        return [path("preview/", preview, name="conditions_guide_preview"), *super().get_urls()]

    def preview_view(self, request: HttpRequest) -> HttpResponse:
        """The guide as typed in the change form (POST), rendered as the page shows it."""
        if request.method != "POST" or not self.has_view_or_change_permission(request):
            raise PermissionDenied
        guide = Guide(**{name: request.POST.get(name, "") for name in Guide.TEXT_FIELDS})
        guide.specialties = request.POST.get("specialties", "")
        raw_condition = request.POST.get("condition", "")
        condition = (
            Condition.objects.filter(pk=int(raw_condition)).first()
            if raw_condition.isdecimal() and raw_condition.isascii()
            else None
        )
        errors: list[str] = []
        try:
            guide.clean()
        except ValidationError as exc:
            errors = [f"{name}: {' '.join(msgs)}" for name, msgs in exc.message_dict.items()]
        names = {name for name, _ in guide.look_alikes()}
        linked = {c.name: c for c in Condition.objects.filter(name__in=names)}
        context = {
            **self.admin_site.each_context(request),
            "title": f"Preview: {condition or 'new guide'}",
            "guide": guide,
            "condition": condition,
            "look_alikes": [(linked.get(n), n, how) for n, how in guide.look_alikes()],
            "errors": errors,
        }
        return TemplateResponse(request, "admin/conditions/guide/preview.html", context)

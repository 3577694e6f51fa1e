"""The vocabulary is edited here like conditions. Members' records are health data: only
superusers see them, read-only, and a deletion goes through the service."""

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from . import services
from .models import FollowUp, Treatment, TreatmentRecord, TreatmentSynonym

if TYPE_CHECKING:  # the admin's classes are generic only in django-stubs
    SynonymInlineBase = admin.TabularInline[TreatmentSynonym, Treatment]
    FollowUpInlineBase = admin.TabularInline[FollowUp, TreatmentRecord]
    TreatmentAdminBase = admin.ModelAdmin[Treatment]
    RecordAdminBase = admin.ModelAdmin[TreatmentRecord]
else:
    SynonymInlineBase = FollowUpInlineBase = admin.TabularInline
    TreatmentAdminBase = RecordAdminBase = admin.ModelAdmin


class SynonymInline(SynonymInlineBase):
    model = TreatmentSynonym
    extra = 2


@admin.register(Treatment)
class TreatmentAdmin(TreatmentAdminBase):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "synonyms__name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SynonymInline]


class FollowUpInline(FollowUpInlineBase):
    model = FollowUp
    extra = 0
    can_delete = False
    readonly_fields = ["weeks", "due_at", "asked_at", "answered_at", "outcome", "pain_now", "note"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(TreatmentRecord)
class TreatmentRecordAdmin(RecordAdminBase):
    list_display = ["treatment", "condition", "started_on", "current_outcome", "created_at"]
    list_select_related = ["treatment", "condition"]
    list_filter = ["treatment__kind", "current_outcome"]
    inlines = [FollowUpInline]
    actions = ["delete_records"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # members record their own

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_model(self, request: HttpRequest, obj: TreatmentRecord) -> None:
        services.delete_record(record=obj)

    @admin.action(description="Delete the selected records", permissions=["delete"])
    def delete_records(self, request: HttpRequest, queryset: QuerySet[TreatmentRecord]) -> None:
        for record in queryset:
            services.delete_record(record=record)
        self.message_user(request, f"Deleted {len(queryset)} record(s).")

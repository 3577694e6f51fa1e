from django.contrib import admin

from .models import Condition, Synonym


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

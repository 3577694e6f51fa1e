from django.contrib import admin
from django.utils.html import format_html
from django.utils.text import Truncator

from .models import Post, PostRevision, RedFlagPhrase, Thread


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    """Titles, conditions and flags are editable; status and counters only through services."""

    list_display = ["title", "kind", "author", "status", "reply_count", "is_locked",
                    "is_pinned", "published_at"]  # fmt: skip
    list_filter = ["kind", "status", "is_locked", "is_pinned", "conditions"]
    list_select_related = ["author"]
    search_fields = ["title", "author__username"]
    autocomplete_fields = ["author", "reviewed_by", "conditions"]
    readonly_fields = ["kind", "author", "opening_post", "status", "reply_count",
                       "helpful_count", "accepted_post", "created_at", "published_at",
                       "last_activity_at", "is_locked", "is_pinned", "reviewed_by",
                       "last_reviewed_on"]  # fmt: skip
    fields = ["title", "slug", "conditions", "summary", *readonly_fields]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return super().get_queryset(request).outside_others_drafts(request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RevisionInline(admin.TabularInline):
    model = PostRevision
    fields = ["number", "editor", "created_at", "body"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "in_context", "author", "status", "depth", "helpful_count",
                    "created_at"]  # fmt: skip
    list_filter = ["status", "thread__kind", ("red_flag", admin.EmptyFieldListFilter)]
    list_select_related = ["author", "thread"]
    search_fields = ["body", "author__username", "thread__title"]
    readonly_fields = ["thread", "parent", "author", "body", "status", "moderation_reason",
                       "red_flag", "depth", "created_at", "edited_at", "helpful_count",
                       "child_count"]  # fmt: skip
    fields = readonly_fields
    inlines = [RevisionInline]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return super().get_queryset(request).outside_others_drafts(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Post")
    def excerpt(self, post):
        return Truncator(post.body).chars(100)

    @admin.display(description="In context")
    def in_context(self, post):
        return format_html(
            '<a href="{}">{}</a>', post.get_absolute_url(), Truncator(post.thread.title).chars(50)
        )


@admin.register(RedFlagPhrase)
class RedFlagPhraseAdmin(admin.ModelAdmin):
    list_display = ["phrase", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    list_editable = ["is_active"]
    search_fields = ["phrase"]

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html

from forum.accounts.models import User

from . import services
from .models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin[Image]):
    list_display = ["key", "uploader", "created_at", "width", "height", "used_at", "removed_at"]
    list_filter = ["removed_at", "used_at"]
    search_fields = ["key", "uploader__username"]
    readonly_fields = [f.name for f in Image._meta.fields]
    actions = ["remove_images"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Remove the selected images (their posts show the alt text)")
    def remove_images(self, request: HttpRequest, queryset: QuerySet[Image]) -> None:
        assert isinstance(request.user, User)
        for image in queryset:
            services.remove_image(image=image, moderator=request.user)
        messages.success(request, format_html("Removed {} image(s).", queryset.count()))

"""Images members upload for their posts: always re-encoded, never the original file.

An image knows who uploaded it, when a post first used it and whether a moderator
removed it. Which posts show it is the discussions app's knowledge (``Post.images``),
and so is who may see it: the image is served only while a post everyone can see shows
it (forum/discussions/views/images.py).
"""

import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

KEY_PATTERN = r"[0-9a-f]{32}"


def new_key() -> str:
    return secrets.token_hex(16)


class ImageQuerySet(models.QuerySet["Image"]):
    def live(self) -> "ImageQuerySet":
        """Not removed by a moderator."""
        return self.filter(removed_at__isnull=True)

    def uploaded_since(self, since: datetime) -> "ImageQuerySet":
        return self.filter(created_at__gte=since)

    def orphans(self, *, older_than: datetime) -> "ImageQuerySet":
        """Uploads no post has ever used, made before ``older_than``."""
        return self.filter(used_at__isnull=True, created_at__lt=older_than)


class Image(models.Model):
    key = models.CharField(max_length=32, unique=True, default=new_key, editable=False)
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    display = models.FileField(
        max_length=200, help_text="The re-encoded image, at most 1,600 px wide."
    )
    thumbnail = models.FileField(max_length=200, help_text="A smaller copy for narrow screens.")
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    thumbnail_width = models.PositiveIntegerField()
    thumbnail_height = models.PositiveIntegerField()
    byte_size = models.PositiveIntegerField(help_text="Display and thumbnail files together.")
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(
        null=True, blank=True, help_text="When a post first used it; unused uploads are swept."
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ImageQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["uploader", "created_at"], name="image_uploader_created")]

    def __str__(self) -> str:
        return self.key

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}

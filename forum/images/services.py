"""Writes on images: storing an upload, a moderator's removal, the orphan sweep, erasure.

Files go through Django's storage API (``STORAGES["default"]``: the file system under
MEDIA_ROOT by default, object storage in production), under random names that say
nothing about the member or the original file.

An upload's files are written before its row, inside the caller's transaction. When that
transaction rolls back (a post refused after its image was stored, a crash), the row is
gone and the files are strays: ``sweep_orphans`` deletes stored files that no row names
once they are older than the orphan window, so no transaction still in flight can lose
its files.
"""

import re
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from forum.accounts.models import User

from .models import EXTENSIONS, KEY_PATTERN, Image, new_key
from .permissions import check_can_post_images
from .processing import ImageRefused, process_upload

ROOT = "images"
STORED_NAME = re.compile(rf"(?P<key>{KEY_PATTERN})(?:-t)?\.(?:{'|'.join(EXTENSIONS.values())})")


class QuotaExceeded(ImageRefused):
    """The member has uploaded their daily number of images."""


def _storage_name(key: str, suffix: str, content_type: str) -> str:
    return f"{ROOT}/{key[:2]}/{key}{suffix}.{EXTENSIONS[content_type]}"


def check_quota(*, uploader: User) -> None:
    limit = settings.MEDIUS_IMAGES_PER_DAY
    today = Image.objects.filter(uploader=uploader).uploaded_since(
        timezone.now() - timedelta(days=1)
    )
    if today.count() >= limit:
        raise QuotaExceeded(
            f"You have posted {limit} images in the last day, the most Medius takes. "
            "Please try again tomorrow."
        )


@transaction.atomic
def upload_image(*, uploader: User, upload: UploadedFile) -> Image:
    """Check, re-encode and store one upload; the original bytes are never written.

    Raises ``ImageRefused`` with the reason for the poster: ``ImagesNotAllowed`` below
    the trust level ``MEDIUS_IMAGES_MIN_TRUST_LEVEL``, ``QuotaExceeded`` past the daily
    number, or the file's own fault.
    """
    check_can_post_images(uploader)
    check_quota(uploader=uploader)
    processed = process_upload(upload)
    key = new_key()
    display, thumbnail = processed.display, processed.thumbnail
    image = Image(
        key=key,
        uploader=uploader,
        content_type=display.content_type,
        width=display.width,
        height=display.height,
        thumbnail_width=thumbnail.width,
        thumbnail_height=thumbnail.height,
        byte_size=len(display.data) + len(thumbnail.data),
    )
    try:
        image.display.name = default_storage.save(
            _storage_name(key, "", display.content_type), ContentFile(display.data)
        )
        image.thumbnail.name = default_storage.save(
            _storage_name(key, "-t", display.content_type), ContentFile(thumbnail.data)
        )
        image.save()
    except BaseException:
        delete_image_files(image)
        raise
    return image


def delete_image_files(image: Image) -> None:
    for field in (image.display, image.thumbnail):
        if field.name:
            default_storage.delete(field.name)


@transaction.atomic
def remove_image(*, image: Image, moderator: User) -> Image:
    """A moderator takes one image down: its files go, every post showing it shows the
    alt text instead (the URL answers 404 to everyone)."""
    if image.removed_at is not None:
        return image
    image.removed_at = timezone.now()
    image.removed_by = moderator
    image.save(update_fields=["removed_at", "removed_by"])
    transaction.on_commit(lambda: delete_image_files(image))
    return image


@transaction.atomic
def mark_images_used(*, images: Iterable[Image]) -> int:
    """Posts use these images now: the orphan sweep leaves them alone."""
    keys = [image.pk for image in images]
    return Image.objects.filter(pk__in=keys, used_at__isnull=True).update(used_at=timezone.now())


def _delete_images(images: Iterable[Image]) -> int:
    """Delete the rows now and their files once the transaction commits."""
    removed = 0
    for image in images:
        transaction.on_commit(lambda image=image: delete_image_files(image))  # type: ignore[misc]
        image.delete()
        removed += 1
    return removed


@transaction.atomic
def delete_image(*, image: Image) -> None:
    """Delete one image no post needs any more (an article's replaced lead image)."""
    _delete_images([image])


@transaction.atomic
def sweep_orphans() -> int:
    """Delete uploads no post used within ``MEDIUS_IMAGE_ORPHAN_HOURS``, and stored files
    of that age that no image names (their upload's transaction rolled back); returns how
    many images and stray uploads went."""
    cutoff = timezone.now() - timedelta(hours=settings.MEDIUS_IMAGE_ORPHAN_HOURS)
    strays = {key for key, _ in delete_stray_files(older_than=cutoff)}
    return len(strays) + _delete_images(Image.objects.orphans(older_than=cutoff))


def _stored_files() -> Iterator[tuple[str, str]]:
    """(key, name) of every file under ``images/``, as the storage lists them."""
    try:
        folders, _ = default_storage.listdir(ROOT)
    except FileNotFoundError:
        return
    for folder in sorted(folders):
        _, files = default_storage.listdir(f"{ROOT}/{folder}")
        for filename in sorted(files):
            if match := STORED_NAME.fullmatch(filename):
                yield match["key"], f"{ROOT}/{folder}/{filename}"


def delete_stray_files(*, older_than: datetime) -> list[tuple[str, str]]:
    """Delete stored image files modified before ``older_than`` whose key no image row
    has; returns the (key, name) pairs deleted. Files no name pattern matches are left."""
    stored = list(_stored_files())
    known: set[str] = set()
    keys = sorted({key for key, _ in stored})
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        known.update(Image.objects.filter(key__in=chunk).values_list("key", flat=True))
    deleted = []
    for key, name in stored:
        if key not in known and default_storage.get_modified_time(name) < older_than:
            default_storage.delete(name)
            deleted.append((key, name))
    return deleted


@transaction.atomic
def erase_images_of(*, member: User, keep: Iterable[int] = ()) -> int:
    """Delete a member's images and their files, except those with ids in ``keep``."""
    return _delete_images(Image.objects.filter(uploader=member).exclude(pk__in=list(keep)))

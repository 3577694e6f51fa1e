"""The images app's part of a member's data export and account deletion."""

import base64
from collections.abc import Iterable
from typing import Any

from forum.accounts.models import User

from . import services
from .models import Image


def export_member(member: User) -> dict[str, Any]:
    """Each image as it is stored and served (already free of metadata), base64-encoded,
    so the export is one self-contained document."""
    images = []
    for image in Image.objects.filter(uploader=member).order_by("created_at"):
        if image.is_removed or not image.display.name:
            continue
        with image.display.open("rb") as stored:
            data = stored.read()
        images.append(
            {
                "key": image.key,
                "uploaded_at": image.created_at,
                "content_type": image.content_type,
                "width": image.width,
                "height": image.height,
                "data_base64": base64.b64encode(data).decode("ascii"),
            }
        )
    return {"images": images}


def erase_member(member: User, *, keep: Iterable[int] = ()) -> None:
    """Delete the member's images, but those shown in posts that stay (ids in ``keep``)."""
    services.erase_images_of(member=member, keep=keep)

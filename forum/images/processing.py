"""Turn an uploaded file into clean images, or refuse it with a sentence for the poster.

Nothing of the uploaded file survives but its pixels: Pillow decodes it (only the
JPEG, PNG, WebP and GIF decoders are tried, whatever the name or content type say),
applies the EXIF orientation, converts colour from an embedded ICC profile to sRGB, and
the pixels are copied into a new image that carries no metadata at all (EXIF, GPS, XMP,
ICC, PNG text, comments, anything appended after the image data). That image is then
encoded anew, as WebP or as the uploaded family (JPEG for photos, PNG for the rest),
whichever is smaller (lossless for drawings and screenshots).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
EXTENSION_FORMATS = {
    "jpg": "JPEG", "jpeg": "JPEG", "jpe": "JPEG", "jfif": "JPEG",
    "png": "PNG", "webp": "WEBP", "gif": "GIF",
}  # fmt: skip
CONTENT_TYPE_FORMATS = {
    "image/jpeg": "JPEG", "image/pjpeg": "JPEG", "image/png": "PNG",
    "image/webp": "WEBP", "image/gif": "GIF",
}  # fmt: skip
# Types that say nothing about the content: a browser sends these for files it cannot name.
UNTYPED = {"", "application/octet-stream"}
FORMAT_CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
KINDS = "JPEG, PNG, WebP or GIF"


class ImageRefused(ValueError):
    """The upload is not an image Medius takes; the message says why, for the poster."""


@dataclass(frozen=True)
class Encoded:
    data: bytes
    content_type: str
    width: int
    height: int


@dataclass(frozen=True)
class Processed:
    display: Encoded
    thumbnail: Encoded


def _declared_format(upload: UploadedFile) -> str | None:
    """The format the file's name and content type claim; refuses a claim of another kind."""
    name = (upload.name or "").rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    content_type = (upload.content_type or "").split(";")[0].strip().lower()
    by_name = EXTENSION_FORMATS.get(extension) if extension else None
    by_type = CONTENT_TYPE_FORMATS.get(content_type)
    if extension and by_name is None:
        raise ImageRefused(f"“.{extension[:10]}” files cannot be posted: choose a {KINDS} image.")
    if content_type not in UNTYPED and by_type is None:
        raise ImageRefused(f"That file is not an image Medius takes: choose a {KINDS} image.")
    if by_name and by_type and by_name != by_type:
        raise ImageRefused("The file's name and its type disagree: save it again as an image.")
    return by_name or by_type


def process_upload(upload: UploadedFile) -> Processed:
    """Check and re-encode one uploaded file. Raises ``ImageRefused`` with the reason."""
    max_bytes = settings.MEDIUS_IMAGE_MAX_BYTES
    if upload.size is None or upload.size > max_bytes:
        raise ImageRefused(
            f"That file is too big: at most {max_bytes / 1_000_000:g} MB. "
            "Make it smaller and try again."
        )
    if upload.size == 0:
        raise ImageRefused("That file is empty.")
    declared = _declared_format(upload)
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ImageRefused(f"That file is too big: at most {max_bytes / 1_000_000:g} MB.")
    # Pillow and its colour engine cost every web worker a few MiB: loaded at the first upload.
    from .pixels import decode, encode, fit, open_image

    image = open_image(data, declared)
    photo = image.format in {"JPEG", "WEBP"}
    pixels = decode(image)
    display = fit(pixels, settings.MEDIUS_IMAGE_DISPLAY_WIDTH)
    thumbnail = fit(display, settings.MEDIUS_IMAGE_THUMBNAIL_WIDTH)
    encoded = encode(display, photo=photo)
    # The thumbnail is served under the display's extension, so it takes the same format.
    only = next(fmt for fmt, type_ in FORMAT_CONTENT_TYPES.items() if type_ == encoded.content_type)
    return Processed(display=encoded, thumbnail=encode(thumbnail, photo=photo, only=only))

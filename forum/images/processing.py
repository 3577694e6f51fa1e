"""Turn an uploaded file into clean images, or refuse it with a sentence for the poster.

Nothing of the uploaded file survives but its pixels: Pillow decodes it (only the
JPEG, PNG, WebP and GIF decoders are tried, whatever the name or content type say),
applies the EXIF orientation, converts colour from an embedded ICC profile to sRGB, and
the pixels are copied into a new image that carries no metadata at all (EXIF, GPS, XMP,
ICC, PNG text, comments, anything appended after the image data). That image is then
encoded anew, as WebP or as the uploaded family (JPEG for photos, PNG for the rest),
whichever is smaller (lossless for drawings and screenshots).
"""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from PIL import ExifTags, ImageCms, ImageOps, UnidentifiedImageError
from PIL import Image as PILImage

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
_SRGB = ImageCms.createProfile("sRGB")


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


def _open(data: bytes, declared: str | None) -> PILImage.Image:
    max_pixels = settings.MEDIUS_IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb guard, as a hard error, behind the limit checked below.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            image = PILImage.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except (
        UnidentifiedImageError,
        PILImage.DecompressionBombError,
        PILImage.DecompressionBombWarning,
    ) as error:
        if isinstance(error, UnidentifiedImageError):
            raise ImageRefused(f"That file is not a {KINDS} image.") from error
        raise ImageRefused(_too_many_pixels(max_pixels)) from error
    except (OSError, ValueError, SyntaxError) as error:
        raise ImageRefused(f"That image could not be read: is it a whole {KINDS} file?") from error
    if declared is not None and image.format != declared:
        raise ImageRefused(
            f"The file is named as a {declared.title()} image but holds a {image.format} one: "
            "save it again with the right type."
        )
    width, height = image.size
    if width < 1 or height < 1 or width * height > max_pixels:
        raise ImageRefused(_too_many_pixels(max_pixels))
    return image


def _too_many_pixels(max_pixels: int) -> str:
    return (
        f"That image is too large: at most {max_pixels / 1_000_000:g} megapixels. "
        "Make it smaller and try again."
    )


def _decode(image: PILImage.Image) -> PILImage.Image:
    """Pixels only, upright and in sRGB, as RGB or RGBA: a new image with no ``info``."""
    display_width = settings.MEDIUS_IMAGE_DISPLAY_WIDTH
    if image.format == "JPEG" and image.mode in {"RGB", "L"}:
        # Decode at a reduced scale (1/2, 1/4, 1/8) when the image is far bigger than it
        # will be shown, keeping at least the display width once turned upright.
        sideways = image.getexif().get(ExifTags.Base.Orientation) in {5, 6, 7, 8}
        image.draft(image.mode, (1, display_width) if sideways else (display_width, 1))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            image.seek(0)  # a GIF or an animated WebP: the first frame
            image.load()
            upright = ImageOps.exif_transpose(image) or image
    except (OSError, ValueError, SyntaxError, PILImage.DecompressionBombWarning, EOFError) as error:
        raise ImageRefused(f"That image could not be read: is it a whole {KINDS} file?") from error
    icc = image.info.get("icc_profile")
    has_alpha = upright.mode in {"RGBA", "LA", "PA"} or (
        upright.mode == "P" and "transparency" in upright.info
    )
    target = "RGBA" if has_alpha else "RGB"
    if icc and upright.mode in {"RGB", "RGBA", "CMYK"}:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(
                upright, source, _SRGB, outputMode="RGBA" if upright.mode == "RGBA" else "RGB"
            )
            if converted is not None:
                upright = converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the pixels as they are, the profile goes anyway
    pixels = upright.convert(target)
    return PILImage.frombytes(pixels.mode, pixels.size, pixels.tobytes())


def _encode(image: PILImage.Image, *, photo: bool, only: str | None = None) -> Encoded:
    """The smaller of WebP and the family the image came in (JPEG for photos, else PNG),
    or the format ``only`` names."""
    candidates: list[tuple[str, dict[str, object]]]
    if photo and image.mode == "RGB":
        candidates = [
            ("WEBP", {"quality": 80, "method": 2}),
            ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
        ]
    else:  # drawings and screenshots keep every pixel
        candidates = [("WEBP", {"lossless": True, "method": 4}), ("PNG", {"optimize": True})]
    best: tuple[bytes, str] | None = None
    for fmt, options in candidates:
        if only is not None and fmt != only:
            continue
        buffer = io.BytesIO()
        image.save(buffer, fmt, **options)
        data = buffer.getvalue()
        if best is None or len(data) < len(best[0]):
            best = (data, fmt)
    assert best is not None
    return Encoded(
        data=best[0],
        content_type=FORMAT_CONTENT_TYPES[best[1]],
        width=image.width,
        height=image.height,
    )


def _fit(image: PILImage.Image, width: int) -> PILImage.Image:
    height_limit = width * 2  # a very tall strip is kept legible, not a sliver
    if image.width <= width and image.height <= height_limit:
        return image
    fitted = image.copy()
    fitted.thumbnail((width, height_limit), PILImage.Resampling.LANCZOS, reducing_gap=3.0)
    return fitted


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
    image = _open(data, declared)
    photo = image.format in {"JPEG", "WEBP"}
    pixels = _decode(image)
    display = _fit(pixels, settings.MEDIUS_IMAGE_DISPLAY_WIDTH)
    thumbnail = _fit(display, settings.MEDIUS_IMAGE_THUMBNAIL_WIDTH)
    encoded = _encode(display, photo=photo)
    # The thumbnail is served under the display's extension, so it takes the same format.
    only = next(fmt for fmt, type_ in FORMAT_CONTENT_TYPES.items() if type_ == encoded.content_type)
    return Processed(display=encoded, thumbnail=_encode(thumbnail, photo=photo, only=only))

"""Pillow's part of ``processing``: open, decode to clean pixels, resize and encode.

Imported by ``processing.process_upload`` at the first upload, not at start-up, so that a web
worker that never receives an image does not carry Pillow and its colour engine.
"""

import io
import warnings

from django.conf import settings
from PIL import ExifTags, ImageCms, ImageOps, UnidentifiedImageError
from PIL import Image as PILImage

from .processing import ACCEPTED_FORMATS, FORMAT_CONTENT_TYPES, KINDS, Encoded, ImageRefused

_SRGB = ImageCms.createProfile("sRGB")


def open_image(data: bytes, declared: str | None) -> PILImage.Image:
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


def decode(image: PILImage.Image) -> PILImage.Image:
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


def encode(image: PILImage.Image, *, photo: bool, only: str | None = None) -> Encoded:
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


def fit(image: PILImage.Image, width: int) -> PILImage.Image:
    height_limit = width * 2  # a very tall strip is kept legible, not a sliver
    if image.width <= width and image.height <= height_limit:
        return image
    fitted = image.copy()
    fitted.thumbnail((width, height_limit), PILImage.Resampling.LANCZOS, reducing_gap=3.0)
    return fitted

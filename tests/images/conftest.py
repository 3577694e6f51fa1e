import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, ImageCms
from PIL import Image as PILImage

SERIAL = "SN-8675309"
XMP = f"<x:xmpmeta><rdf:Description>{SERIAL} home-address-in-xmp</rdf:Description></x:xmpmeta>"


@pytest.fixture
def media_root(settings) -> Path:
    """Where this test's uploads land (a fresh directory: tests/conftest.py)."""
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def established(settings) -> None:
    """Every member, new ones too, may post images (the level rule has its own tests)."""
    settings.MEDIUS_IMAGES_MIN_TRUST_LEVEL = "new"


def image_bytes(
    fmt: str = "JPEG", size: tuple[int, int] = (64, 48), mode: str = "RGB", **options: object
) -> bytes:
    image = PILImage.new(mode, size, (200, 40, 40) if mode == "RGB" else None)
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def phone_photo(size: tuple[int, int] = (200, 100), orientation: int = 6) -> bytes:
    """A JPEG as a phone writes it: sideways pixels with an EXIF orientation, GPS
    coordinates, the camera's serial number, XMP, a comment and an ICC profile."""
    image = PILImage.new("RGB", size, (30, 120, 200))
    image.paste((250, 250, 0), (0, 0, size[0] // 4, size[1]))  # a yellow band on the left
    exif = PILImage.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = SERIAL
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 40.0)}
    )
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = SERIAL
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    image.save(
        buffer, "JPEG", exif=exif, icc_profile=icc, xmp=XMP.encode(), comment=SERIAL.encode()
    )
    return buffer.getvalue()


def upload_of(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)

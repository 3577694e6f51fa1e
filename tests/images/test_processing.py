"""Every upload is decoded and re-encoded; anything that is not a plain image is refused."""

import io
import struct
import zlib

import pytest
from PIL import ExifTags
from PIL import Image as PILImage

from forum.images.processing import ImageRefused, process_upload
from tests.images.conftest import SERIAL, image_bytes, phone_photo, upload_of


def reopen(data: bytes) -> PILImage.Image:
    image = PILImage.open(io.BytesIO(data))
    image.load()
    return image


def test_phone_photo_loses_gps_serial_xmp_comment_and_icc():
    processed = process_upload(upload_of(phone_photo()))
    for encoded in (processed.display, processed.thumbnail):
        assert SERIAL.encode() not in encoded.data
        assert b"home-address" not in encoded.data
        assert b"Exif" not in encoded.data and b"GPS" not in encoded.data
        image = reopen(encoded.data)
        assert not image.getexif()
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert not {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"} & set(image.info)


def test_orientation_is_applied_before_the_exif_goes():
    processed = process_upload(upload_of(phone_photo(size=(200, 100), orientation=6)))
    image = reopen(processed.display.data).convert("RGB")
    assert (processed.display.width, processed.display.height) == (100, 200)
    assert image.size == (100, 200)
    # The yellow band on the left of the sideways pixels is at the top once turned upright.
    red, green, blue = image.getpixel((50, 10))
    assert red > 200 and green > 200 and blue < 80


def test_colour_is_kept():
    processed = process_upload(upload_of(image_bytes("PNG", size=(40, 40)), "red.png", "image/png"))
    red, green, blue = reopen(processed.display.data).convert("RGB").getpixel((20, 20))
    assert (red, green, blue) == (200, 40, 40)


def test_large_photo_is_shown_at_display_width_with_a_thumbnail(settings):
    processed = process_upload(upload_of(image_bytes("JPEG", size=(4000, 3000))))
    assert (processed.display.width, processed.display.height) == (1600, 1200)
    assert (processed.thumbnail.width, processed.thumbnail.height) == (480, 360)
    assert reopen(processed.display.data).size == (1600, 1200)
    assert reopen(processed.thumbnail.data).size == (480, 360)
    assert processed.thumbnail.content_type == processed.display.content_type


def test_webp_is_chosen_where_it_is_smaller():
    processed = process_upload(upload_of(image_bytes("JPEG", size=(800, 600))))
    assert processed.display.content_type == "image/webp"
    assert reopen(processed.display.data).format == "WEBP"


def test_gif_keeps_its_first_frame_only():
    frames = [PILImage.new("RGB", (30, 30), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    processed = process_upload(upload_of(buffer.getvalue(), "moving.gif", "image/gif"))
    image = reopen(processed.display.data)
    assert getattr(image, "n_frames", 1) == 1
    red, _green, blue = image.convert("RGB").getpixel((15, 15))
    assert red > 200 and blue < 50


@pytest.mark.parametrize(
    ("name", "content_type", "data"),
    [
        ("drawing.svg", "image/svg+xml", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("page.html", "text/html", b"<html><script>alert(1)</script></html>"),
        ("photo.jpg", "image/jpeg", b"<svg onload=alert(1)>"),  # an image name, no image inside
        ("scan.tiff", "image/tiff", image_bytes("TIFF")),
        ("scan.bmp", "image/bmp", image_bytes("BMP")),
        ("photo.jpg", "image/jpeg", image_bytes("TIFF")),  # a real TIFF under a JPEG name
        ("image", "application/octet-stream", image_bytes("BMP")),  # untyped, not a kind we take
        ("report.pdf", "application/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
    ],
    ids=["svg", "html", "text-named-jpg", "tiff", "bmp", "tiff-named-jpg", "untyped-bmp", "pdf"],
)  # fmt: skip
def test_anything_but_jpeg_png_webp_gif_is_refused(name, content_type, data):
    with pytest.raises(ImageRefused):
        process_upload(upload_of(data, name, content_type))


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("photo.jpg", "image/png"), ("photo.png", "image/jpeg"), ("photo.png", "image/png")],
)
def test_content_that_does_not_match_its_name_or_type_is_refused(name, content_type):
    """A JPEG whatever it claims: named or typed as a PNG, it is refused."""
    with pytest.raises(ImageRefused, match=r"(disagree|holds a JPEG)"):
        process_upload(upload_of(image_bytes("JPEG"), name, content_type))


def test_untyped_paste_is_judged_by_its_content():
    processed = process_upload(upload_of(image_bytes("PNG"), "blob", "application/octet-stream"))
    assert processed.display.width == 64


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims huge dimensions: a decompression bomb's calling card."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("width", "height"), [(10_000, 10_000), (100_000, 100_000), (1, 2**31 - 1)]
)
def test_decompression_bomb_is_refused_before_decoding(width, height):
    with pytest.raises(ImageRefused, match="too large"):
        process_upload(upload_of(_png_claiming(width, height), "bomb.png", "image/png"))


def test_pixel_limit_is_a_setting(settings):
    settings.MEDIUS_IMAGE_MAX_PIXELS = 1000
    with pytest.raises(ImageRefused, match=r"0\.001 megapixels"):
        process_upload(upload_of(image_bytes("JPEG", size=(40, 40))))


def test_file_size_limit_is_a_setting(settings):
    settings.MEDIUS_IMAGE_MAX_BYTES = 500
    with pytest.raises(ImageRefused, match="too big"):
        process_upload(
            upload_of(
                image_bytes("PNG", size=(400, 400), mode="RGB") + b"\0" * 600, "a.png", "image/png"
            )
        )


def test_empty_and_truncated_files_are_refused():
    with pytest.raises(ImageRefused, match="empty"):
        process_upload(upload_of(b""))
    whole = image_bytes("JPEG", size=(300, 300))
    with pytest.raises(ImageRefused):
        process_upload(upload_of(whole[: len(whole) // 2]))


@pytest.mark.parametrize(
    "payload",
    [
        b"<script>alert(document.cookie)</script>",
        b"PK\x03\x04" + b"zip-archive-hidden-after-the-image" * 20,
        b"<?php system($_GET['c']); ?>",
    ],
    ids=["html", "zip", "php"],
)
def test_polyglot_payload_after_the_image_is_not_kept(payload):
    """A valid image with something else appended (a GIFAR or a PHP polyglot): the image
    is accepted, the payload is gone."""
    for fmt, name, content_type in (
        ("PNG", "a.png", "image/png"),
        ("GIF", "a.gif", "image/gif"),
        ("JPEG", "a.jpg", "image/jpeg"),
    ):
        processed = process_upload(upload_of(image_bytes(fmt) + payload, name, content_type))
        for encoded in (processed.display, processed.thumbnail):
            assert payload[:20] not in encoded.data


def test_script_in_gif_comment_and_png_text_is_not_kept():
    from PIL import PngImagePlugin

    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "<script>alert(1)</script>")
    png = image_bytes("PNG", pnginfo=text)
    gif = image_bytes("GIF", comment=b"<script>alert(2)</script>")
    for data, name, content_type in ((png, "a.png", "image/png"), (gif, "a.gif", "image/gif")):
        processed = process_upload(upload_of(data, name, content_type))
        assert b"<script>" not in processed.display.data
        assert b"<script>" not in processed.thumbnail.data


def test_transparent_png_keeps_its_transparency():
    processed = process_upload(
        upload_of(image_bytes("PNG", mode="RGBA", size=(20, 20)), "a.png", "image/png")
    )
    assert reopen(processed.display.data).mode == "RGBA"

"""Draws the PNG icons, favicon.ico and the link-preview image into static/brand/.

The pictures are committed; run this only to change them. It needs Pillow (in the dev
extra) and the DejaVu fonts (Debian's fonts-dejavu-core). The mark is the one in
static/favicon.svg: a green rounded square with a white "M".
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

GREEN = (0, 137, 90)
INK = (29, 42, 37)
PAPER = (251, 250, 247)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
# The "M" of favicon.svg, on its 32-unit grid.
M_OUTLINE = [
    (8, 24), (8, 9), (11, 9), (16, 17), (21, 9), (24, 9), (24, 24), (20.8, 24),
    (20.8, 14.6), (16, 21.5), (11.2, 14.6), (11.2, 24),
]  # fmt: skip


class Command(BaseCommand):
    help = "Draw static/brand/*.png and favicon.ico (needs Pillow)."

    def handle(self, *args: Any, **options: Any) -> None:
        from PIL import Image, ImageDraw, ImageFont

        out = Path(settings.BASE_DIR) / "static" / "brand"
        out.mkdir(parents=True, exist_ok=True)
        scale = 4  # drawn large, then reduced, for smooth edges

        def mark(size: int, *, padding: float = 0.0, rounded: bool = True) -> Image.Image:
            big = size * scale
            image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
            draw = ImageDraw.Draw(image)
            radius = big * 7 / 32 if rounded else 0
            draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=radius, fill=GREEN)
            inner = big * (1 - 2 * padding)
            offset = big * padding
            draw.polygon(
                [(offset + x * inner / 32, offset + y * inner / 32) for x, y in M_OUTLINE],
                fill="white",
            )
            return image.resize((size, size), Image.Resampling.LANCZOS)

        for size, name in [(192, "icon-192.png"), (512, "icon-512.png")]:
            mark(size).save(out / name, optimize=True)
        # Home screens crop icons to their own shape: no transparent corners, a margin.
        mark(180, padding=0.08, rounded=False).convert("RGB").save(
            out / "apple-touch-icon.png", optimize=True
        )
        mark(512, padding=0.12, rounded=False).save(out / "icon-maskable-512.png", optimize=True)
        mark(48).save(out / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])

        share = Image.new("RGB", (1200, 630), PAPER)
        share.paste(icon := mark(260), (130, 185), icon)
        draw = ImageDraw.Draw(share)
        draw.text((440, 205), "Medius", font=ImageFont.truetype(str(FONT), 120), fill=INK)
        draw.text(
            (446, 350),
            "hip and buttock pain, shared",
            font=ImageFont.truetype(str(FONT), 44),
            fill=(89, 96, 108),
        )
        draw.rectangle((0, 600, 1200, 630), fill=GREEN)
        share.save(out / "share.png", optimize=True)
        self.stdout.write(f"Drew the brand images in {out}")

import io
import statistics
import time
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandParser
from PIL import Image, ImageFilter

from forum.images.processing import process_upload


class Command(BaseCommand):
    help = "Time the re-encoding of a 12-megapixel photo-like JPEG (README, speed section)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args: Any, runs: int, **options: Any) -> None:
        # Noise over a gradient: as hard to compress as a real photo, made here, not copied.
        noise = Image.effect_noise((4000, 3000), 40).convert("RGB")
        gradient = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
        photo = Image.blend(noise.filter(ImageFilter.GaussianBlur(1)), gradient, 0.5)
        buffer = io.BytesIO()
        photo.save(buffer, "JPEG", quality=90)
        data = buffer.getvalue()
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            out = process_upload(SimpleUploadedFile("photo.jpg", data, "image/jpeg"))
            times.append(time.perf_counter() - start)
        self.stdout.write(
            f"4000x3000 JPEG of {len(data) / 1e6:.1f} MB -> {out.display.content_type} "
            f"{out.display.width}x{out.display.height} ({len(out.display.data) // 1000} kB) "
            f"+ thumbnail; seconds over {runs} runs: median {statistics.median(times):.2f}, "
            f"min {min(times):.2f}, max {max(times):.2f}"
        )

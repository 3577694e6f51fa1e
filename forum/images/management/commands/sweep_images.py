from typing import Any

from django.core.management.base import BaseCommand

from forum.images.services import sweep_orphans


class Command(BaseCommand):
    help = (
        "Delete uploaded images that no post used within MEDIUS_IMAGE_ORPHAN_HOURS, and stored "
        "image files that old which no image names (their upload was rolled back)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        removed = sweep_orphans()
        self.stdout.write(f"Removed {removed} unused image(s).")

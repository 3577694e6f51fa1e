from typing import Any

from django.core.management.base import BaseCommand

from forum.core import pagecache
from forum.discussions.services import recount_counters


class Command(BaseCommand):
    help = "Recompute reply, helpful, child and report counters from the rows they count."

    def handle(self, *args: Any, **options: Any) -> None:
        fixed = recount_counters()
        if any(fixed.values()):
            pagecache.site_changed()
        for counter, rows in fixed.items():
            self.stdout.write(f"{counter}: {rows} wrong, now fixed" if rows else f"{counter}: ok")

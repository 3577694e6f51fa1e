from django.core.management.base import BaseCommand

from forum.discussions.services import recount_counters


class Command(BaseCommand):
    help = "Recompute reply, helpful, child and report counters from the rows they count."

    def handle(self, *args, **options):
        for counter, rows in recount_counters().items():
            self.stdout.write(f"{counter}: {rows} wrong, now fixed" if rows else f"{counter}: ok")

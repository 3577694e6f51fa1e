from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from forum.search.backends import get_backend


class Command(BaseCommand):
    help = "Drop and recreate the search index and its triggers, then index every post."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            rows = get_backend().rebuild()
        self.stdout.write(f"Indexed {rows:,} posts on {connection.vendor}.")

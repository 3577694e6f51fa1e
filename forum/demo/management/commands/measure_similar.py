"""Measure the ask page's similar questions against the demo content.

    python manage.py load_demo --yes-this-is-a-demo && python manage.py measure_similar

Prints recall@5 and MRR over forum/demo/similar_quality.py's typed titles (see there
for what they mean) and, with ``--misses``, each title whose expected questions were
not all shown.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from forum.demo import data
from forum.demo.similar_quality import SHOWN, measure
from forum.discussions.models import Thread
from forum.search.backends import similar_questions


def shown_titles(typed: str) -> list[str]:
    hits = similar_questions(typed, limit=SHOWN)
    titles = dict(
        Thread.objects.filter(pk__in=[h.thread_id for h in hits]).values_list("pk", "title")
    )
    return [titles[hit.thread_id] for hit in hits]


class Command(BaseCommand):
    help = "Score the similar questions offered for typed titles against the demo questions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--misses", action="store_true", help="List what was not shown.")

    def handle(self, *args: Any, misses: bool, **options: Any) -> None:
        titles = [spec["title"] for spec in data.QUESTIONS]
        if not Thread.objects.filter(title__in=titles).exists():
            raise CommandError(
                "No demo questions here: run `python manage.py load_demo --yes-this-is-a-demo` "
                "first."
            )
        quality = measure(shown_titles)
        self.stdout.write(
            f"Similar questions on {connection.vendor}: {quality.titles} typed titles, "
            f"{quality.expected} expected questions; recall@{SHOWN} {quality.recall:.2f} "
            f"({quality.found} of {quality.expected} shown), MRR {quality.mrr:.2f}."
        )
        if misses:
            for typed, missed in quality.misses:
                self.stdout.write(f"  {typed!r}: not shown {missed}")

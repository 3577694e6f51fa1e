"""Time search over the benchmark's large data set.

    make bench            (after ``manage.py bench``, on SQLite and then PostgreSQL)

Reuses the data set that ``bench`` builds (20,000 questions, about 210,000 replies,
all indexed by the triggers as they were inserted), then requests the search page
and the similar-questions fragment through Django's full request cycle and prints
the query count, median and 95th percentile of each.
"""

from argparse import ArgumentParser
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.urls import reverse

from forum.demo.management.commands.bench import Command as PageBench
from forum.discussions.models import Post
from forum.search.backends import get_backend
from forum.search.query import Vocabulary, parse

SEARCHES = [
    ("single word, rare", "lacrosse"),
    ("single word, in every post", "stairs"),
    ("phrase", '"lacrosse ball"'),
    ("prefix while typing", "massage ba"),
    ("condition synonym", "trochanteric bursitis"),
    ("condition synonym and a word", "GTPS night"),
    ("filtered: answered questions", "hip pain"),
    ("no match", "xylophone"),
]


class Command(BaseCommand):
    help = "Build the benchmark data set (once) and time a few realistic searches."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--questions", type=int, default=20_000)
        parser.add_argument("--replies-per-question", type=int, default=13)
        parser.add_argument("--repeat", type=int, default=40)

    def handle(
        self, *args: Any, questions: int, replies_per_question: int, repeat: int, **options: Any
    ) -> None:
        if settings.DEBUG:
            self.stderr.write("Run the benchmark with DEBUG off (it is off by default).")
            return
        pages = PageBench()
        pages.stdout, pages.stderr = self.stdout, self.stderr
        pages.ensure_data(questions, replies_per_question)
        visitor = Client(SERVER_NAME="127.0.0.1")
        vocabulary = Vocabulary.load()
        backend = get_backend()
        self.stdout.write(
            f"\nSearch benchmark on {connection.vendor}: {Post.objects.count():,} posts indexed; "
            f"{repeat} requests per search after 3 warm-ups.\n"
        )
        self.stdout.write("| search | matches | queries | p50 ms | p95 ms |")
        self.stdout.write("|---|---:|---:|---:|---:|")
        for label, text in SEARCHES:
            params = {"q": text} | ({"answered": "yes"} if "answered" in label else {})
            url = f"{reverse('search:results')}?{urlencode(params)}"
            matches = backend.count_matches(parse(text, vocabulary))
            queries, p50, p95 = pages.measure(visitor, "get", url, repeat)
            self.stdout.write(
                f"| {label}: `{text}` | {matches:,} | {queries} | {p50:.1f} | {p95:.1f} |"
            )
        url = f"{reverse('search:similar')}?{urlencode({'title': 'Outer hip pain when I lie'})}"
        queries, p50, p95 = pages.measure(visitor, "get", url, repeat)
        self.stdout.write(
            f"| similar questions while typing a title | | {queries} | {p50:.1f} | {p95:.1f} |"
        )

"""Time search over the benchmark's large data set.

    make bench            (after ``manage.py bench``, on SQLite and then PostgreSQL)

Reuses the data set that ``bench`` builds (20,000 questions, about 210,000 replies,
all indexed by the triggers as they were inserted), then requests the search page
and the similar-questions fragment through Django's full request cycle and prints
the query count, median and 95th percentile of each. The worst cases are here on
purpose: a word in every post, its last page, and a filter that keeps few matches.
"""

from typing import Any, TextIO, cast
from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.test import Client
from django.urls import reverse

from forum.demo.management.commands.bench import Command as PageBench
from forum.discussions.models import Post
from forum.search.backends import get_backend
from forum.search.query import Vocabulary, parse
from forum.search.views import FRAGMENT, MAX_PAGE

SEARCHES: list[tuple[str, dict[str, str]]] = [
    ("single word, rare", {"q": "lacrosse"}),
    ("single word, in every post", {"q": "stairs"}),
    (f"single word, in every post, page {MAX_PAGE}", {"q": "stairs", "page": str(MAX_PAGE)}),
    ("phrase", {"q": '"lacrosse ball"'}),
    ("prefix while typing", {"q": "massage ba"}),
    ("prefix part-way into an ending", {"q": "runni"}),
    ("condition synonym", {"q": "trochanteric bursitis"}),
    ("condition synonym and a word", {"q": "GTPS night"}),
    ("filtered: answered questions", {"q": "hip pain", "answered": "yes"}),
    ("filtered: articles only, word in every post", {"q": "stairs", "kind": "article"}),
    ("filtered: replies only, word in every post", {"q": "stairs", "kind": "reply"}),
    ("no match", {"q": "xylophone"}),
]
SIMILAR_TITLES = [
    "Outer hip pain when I lie",
    "9 months of pain on the bony point of my hip, worse after running",
]


class Command(BaseCommand):
    help = "Build the benchmark data set (once) and time a few realistic searches."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--questions", type=int, default=20_000)
        parser.add_argument("--replies-per-question", type=int, default=13)
        parser.add_argument("--repeat", type=int, default=40)

    def handle(
        self, *args: Any, questions: int, replies_per_question: int, repeat: int, **options: Any
    ) -> None:
        if settings.DEBUG:
            self.stderr.write("Run the benchmark with DEBUG off (it is off by default).")
            return
        pages = PageBench(stdout=cast(TextIO, self.stdout), stderr=cast(TextIO, self.stderr))
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
        for label, params in SEARCHES:
            url = f"{reverse('search:results')}?{urlencode(params)}"
            matches = backend.count_matches(parse(params["q"], vocabulary))
            queries, p50, p95 = pages.measure(visitor, "get", url, repeat)
            shown = " ".join(f"{k}={v}" for k, v in params.items() if k != "q")
            self.stdout.write(
                f"| {label}: `{params['q']}`{' ' + shown if shown else ''} | {matches:,} "
                f"| {queries} | {p50:.1f} | {p95:.1f} |"
            )
        for title in SIMILAR_TITLES:
            url = f"{reverse('search:similar')}?{urlencode({'title': title, FRAGMENT: '1'})}"
            queries, p50, p95 = pages.measure(visitor, "get", url, repeat)
            self.stdout.write(
                f"| similar questions (fragment): `{title}` | | {queries} | {p50:.1f} | {p95:.1f} |"
            )

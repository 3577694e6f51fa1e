"""Time search over the benchmark's large data set.

    make bench            (after ``manage.py bench``, on SQLite and then PostgreSQL)

Reuses the data set that ``bench`` builds (20,000 questions, about 210,000 replies,
all indexed by the triggers as they were inserted), then requests the search page
and the similar-questions fragment through Django's full request cycle and prints
the query count, median and 95th percentile of each, in rounds that request every
search once in turn (so a burst of load on a shared machine weighs on all alike).
The worst cases are here on purpose: a word in every post, its last page, a filter
that keeps few matches, and replies alone.
"""

import statistics
import time
from typing import Any, TextIO, cast
from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum.demo.management.commands.bench import Command as PageBench
from forum.demo.management.commands.bench import percentile
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
        rows: list[tuple[str, str, str]] = [  # label, matches, url
            ("trivial view (the machine's floor at the time)", "", reverse("healthz"))
        ]
        for label, params in SEARCHES:
            shown = " ".join(f"{k}={v}" for k, v in params.items() if k != "q")
            found = backend.count_matches(parse(params["q"], vocabulary))
            rows.append(
                (
                    f"{label}: `{params['q']}`{' ' + shown if shown else ''}",
                    f"{found:,}",
                    f"{reverse('search:results')}?{urlencode(params)}",
                )
            )
        for title in SIMILAR_TITLES:
            query = urlencode({"title": title, FRAGMENT: "1"})
            rows.append(
                (
                    f"similar questions (fragment): `{title}`",
                    "",
                    f"{reverse('search:similar')}?{query}",
                )
            )
        self.stdout.write(
            f"\nSearch benchmark on {connection.vendor}: {Post.objects.count():,} posts indexed; "
            f"{repeat} rounds of every search in turn, after 3 warm-ups.\n"
        )
        self.stdout.write("| search | matches | queries | p50 ms | p95 ms |")
        self.stdout.write("|---|---:|---:|---:|---:|")
        for (label, matches, _), (queries, timings) in zip(
            rows, interleaved(visitor, [url for _, _, url in rows], repeat), strict=True
        ):
            p50, p95 = statistics.median(timings), percentile(timings, 0.95)
            self.stdout.write(f"| {label} | {matches} | {queries} | {p50:.1f} | {p95:.1f} |")


def interleaved(client: Client, urls: list[str], repeat: int) -> list[tuple[int, list[float]]]:
    """Each URL's query count and timings, over ``repeat`` rounds that request every URL
    once in turn: a moment of load on the shared machine then weighs on every row alike."""
    counts = []
    for url in urls:
        for _ in range(3):
            client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts.append(len(queries))
    timings: list[list[float]] = [[] for _ in urls]
    for _ in range(repeat):
        for url, row in zip(urls, timings, strict=True):
            started = time.perf_counter()
            client.get(url)
            row.append((time.perf_counter() - started) * 1000)
    return list(zip(counts, timings, strict=True))

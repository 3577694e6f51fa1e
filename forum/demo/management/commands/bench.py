"""Measure Medius's main pages over a large data set.

    make bench            (SQLite, then PostgreSQL on a throwaway cluster)

Builds the data set once per database (20,000 questions, about 200,000 replies,
and one thread with 2,000 nested replies up to depth 8), then requests each page
repeatedly through Django's full request cycle (middleware, sessions, templates)
and prints the query count, median and 95th percentile. A trivial view gives the
floor of the machine at that moment. Visitors' pages are timed without the page
cache (each request renders the page), then from it ("page cache" rows: every
request after the first is a kept copy); posting runs with it on, as in production,
so its figures include the version bumps. Last, the process's resident memory.

Replies are posted the way members post them: by established members (a month old,
with approved posts), each under a question someone else asked, so every reply
notifies its asker through the configured tasks backend (``TASKS_BACKEND``, printed in
the header with the date, the load average and the commit). Only the minimum interval
between one member's posts is set to zero, as fifty members posting forty times in a row
is not what the rule is for. The command stops if a reply is refused.

``--questions`` and ``--repeat`` scale it down (CI runs it small, ``BENCH_QUESTIONS=300``).
"""

import itertools
import os
import resource
import secrets
import statistics
import subprocess
import time
from argparse import ArgumentParser
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from forum.accounts.models import User
from forum.conditions.models import Condition
from forum.demo.bulk import build_questions, build_reply_tree
from forum.discussions import services
from forum.discussions.models import Post, Thread
from forum.notifications.models import Notification

BIG_THREAD_TITLE = "Benchmark: a long conversation about gluteal tendinopathy"
Payload = Callable[[], dict[str, str]]


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(round(fraction * (len(ordered) - 1)), len(ordered) - 1)
    return ordered[index]


def describe_run(vendor: str) -> str:
    """One line saying when, on what and at what load a run was made."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=settings.BASE_DIR,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    load = ", ".join(f"{figure:.2f}" for figure in os.getloadavg())
    tasks = settings.TASKS["default"]["BACKEND"].rsplit(".", 1)[-1]
    return (
        f"{timezone.now():%Y-%m-%d %H:%M} UTC, commit {commit}, {vendor}, "
        f"load average {load}, tasks backend {tasks}, email backend "
        f"{settings.EMAIL_BACKEND.split('.')[-2]}, {os.cpu_count()} CPUs"
    )


class RotatingClient:
    """Sends each request as the next of several signed-in members, in turn.

    The members' clients share one request handler, as a worker's requests do: each
    client of its own would build the middleware (WhiteNoise indexes every static file)
    on its first request, and with fifty members most timed requests would be a first.
    """

    def __init__(self, users: Sequence[User]):
        self.clients: list[Client] = []
        for user in users:
            client = Client(SERVER_NAME="127.0.0.1")
            client.force_login(user)
            if self.clients:
                client.handler = self.clients[0].handler
            self.clients.append(client)
        self._turn = itertools.cycle(self.clients)

    def post(self, *args: Any, **kwargs: Any) -> Any:
        return next(self._turn).post(*args, **kwargs)


class Command(BaseCommand):
    help = "Build a large data set (once) and time the main pages."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--questions", type=int, default=20_000)
        parser.add_argument("--replies-per-question", type=int, default=13)
        parser.add_argument("--repeat", type=int, default=40)
        parser.add_argument(
            "--long-thread", type=int, default=2000, help="replies in the one long thread"
        )

    def handle(
        self,
        *args: Any,
        questions: int,
        replies_per_question: int,
        repeat: int,
        long_thread: int,
        **options: Any,
    ) -> None:
        if settings.DEBUG:
            self.stderr.write("Run the benchmark with DEBUG off (it is off by default).")
            return
        big = self.ensure_data(questions, replies_per_question, long_thread)
        caches["pages"].clear()
        self.report(big, repeat)

    def ensure_data(
        self, n_questions: int, replies_per_question: int, long_thread: int = 2000
    ) -> Thread:
        big: Thread | None = Thread.objects.filter(title=BIG_THREAD_TITLE).first()
        if big is not None:
            return big
        started = time.perf_counter()
        call_command("load_demo", yes_this_is_a_demo=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
        authors = []
        for i in range(50):
            user, created = User.objects.get_or_create(
                username=f"bench_member_{i}", defaults={"email": f"bench{i}@example.invalid"}
            )
            if created:
                EmailAddress.objects.create(
                    user=user, email=user.email, verified=True, primary=True
                )
            authors.append(user.pk)
        conditions = list(Condition.objects.order_by("pk"))
        build_questions(
            n_questions=n_questions,
            replies_per_question=replies_per_question,
            max_depth=4,
            authors=authors,
            conditions=conditions,
        )
        big = services.ask_question(
            author=User.objects.get(pk=authors[0]),
            title=BIG_THREAD_TITLE,
            body="Let us keep every experience of gluteal tendinopathy in one thread.",
            conditions=conditions[:2],
            screen=False,  # setting the stage, not a post being measured
        )
        build_reply_tree(thread=big, n_replies=long_thread, max_depth=8, authors=authors)
        with connection.cursor() as cursor:
            # VACUUM cannot run in a transaction (as in the tests); ANALYZE can.
            if connection.vendor == "sqlite" or connection.in_atomic_block:
                cursor.execute("ANALYZE")
            else:
                cursor.execute("VACUUM ANALYZE")
        self.stdout.write(f"Built the data set in {time.perf_counter() - started:.0f} s.")
        return big

    def measure(
        self,
        client: Client | RotatingClient,
        method: str,
        url: str,
        repeat: int,
        data: Payload | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, float, float]:
        """``data`` is a function giving each POST its own payload, as real posts differ."""

        request: Callable[..., HttpResponse] = getattr(client, method)

        def send() -> HttpResponse:
            return request(url, data(), headers=headers) if data else request(url, headers=headers)

        posts_before = Post.objects.count() if method == "post" else 0
        for _ in range(3):
            send()
        timings: list[float] = []
        with CaptureQueriesContext(connection) as queries:
            response = send()
        n_queries = len(queries)  # read now: the next request clears the connection's log
        assert response.status_code in {200, 302, 304}, (url, response.status_code)
        if method == "post" and not response.headers.get("Location", "").startswith("/r/"):
            raise CommandError(f"The benchmark's reply was refused ({url}): {response.status_code}")
        for _ in range(repeat):
            started = time.perf_counter()
            send()
            timings.append((time.perf_counter() - started) * 1000)
        if method == "post" and Post.objects.count() != posts_before + 4 + repeat:
            raise CommandError(f"Not every one of the benchmark's replies was posted ({url}).")
        return n_queries, statistics.median(timings), percentile(timings, 0.95)

    def report(self, big: Thread, repeat: int) -> None:
        n_questions = Thread.objects.questions().count()
        n_replies = Post.objects.replies().count()
        busiest = (
            Condition.objects.annotate(n=Count("threads")).order_by("-n").values("slug", "n")[0]
        )
        last_page = (Thread.objects.public().questions().count() + 19) // 20
        small = Thread.objects.questions().filter(reply_count__lte=3).order_by("pk").first()
        if small is None:
            raise CommandError("The data set has no question with 3 replies or fewer.")
        visitor = Client(SERVER_NAME="127.0.0.1")
        member = Client(SERVER_NAME="127.0.0.1")
        member.force_login(User.objects.get(username="bench_member_1"))
        # The data set is kept between runs: each run's replies carry its own mark, or a
        # rerun within the duplicate window would repeat the last run's texts and be led
        # to the replies that exist instead of posting.
        mark = secrets.token_hex(3)
        counter = (f"{mark}-{n}" for n in itertools.count())
        thread_url = big.get_absolute_url()
        pages = [
            ("trivial view (floor)", visitor, "get", reverse("healthz"), repeat, None),
            ("home", visitor, "get", reverse("home"), repeat, None),
            ("questions, first page", visitor, "get", "/questions/", repeat, None),
            ("questions, last page", visitor, "get", f"/questions/?page={last_page}", repeat, None),
            (
                f"busiest condition ({busiest['n']} threads)",
                visitor,
                "get",
                reverse("discussions:condition", args=[busiest["slug"]]),
                repeat,
                None,
            ),
            ("thread, 100 nested replies", visitor, "get", thread_url, repeat, None),
            (
                "thread, 100 replies oldest first",
                visitor,
                "get",
                thread_url + "?order=oldest",
                repeat,
                None,
            ),
            (
                "thread, 100 replies newest first",
                visitor,
                "get",
                thread_url + "?order=newest",
                repeat,
                None,
            ),
            ("thread, 100 replies (member)", member, "get", thread_url, repeat, None),
            (
                f"thread, whole {big.reply_count:,}-reply tree",
                visitor,
                "get",
                thread_url + "?view=all",
                max(repeat // 4, 5),
                None,
            ),
        ]
        cached_pages = [
            ("trivial view (floor)", visitor, "get", reverse("healthz"), repeat, None),
            ("home (page cache)", visitor, "get", reverse("home"), repeat, None),
            ("thread, 100 nested replies (page cache)", visitor, "get", thread_url, repeat, None),
            ("thread, whole tree (page cache)", visitor, "get", thread_url + "?view=all", repeat,
             None),
        ]  # fmt: skip
        members = User.objects.filter(username__startswith="bench_member_")
        members.update(date_joined=timezone.now() - timedelta(days=60))
        posters = {
            thread.pk: RotatingClient(
                list(members.exclude(pk__in=[thread.author_id or 0]).order_by("pk"))
            )
            for thread in (big, small)
        }
        posts = [
            (
                "post a reply (long thread)",
                posters[big.pk],
                "post",
                reverse("discussions:reply", args=[big.opening_post_id]),
                repeat,
                lambda: {"body": f"Same here: hill repeats flared it for me ({next(counter)})."},
            ),
            (
                "post a reply (small thread)",
                posters[small.pk],
                "post",
                reverse("discussions:reply", args=[small.opening_post_id]),
                repeat,
                lambda: {"body": f"Thanks, that matches what my physio said ({next(counter)})."},
            ),
        ]
        self.stdout.write(
            f"\nMedius benchmark: {describe_run(connection.vendor)}.\n"
            f"{n_questions:,} questions, {n_replies:,} replies; "
            f"{repeat} requests per page after 3 warm-ups.\n"
        )
        medians: dict[str, float] = {}

        def run(rows: list[Any], headers: dict[str, str] | None = None) -> None:
            for label, client, method, url, times, data in rows:
                queries, p50, p95 = self.measure(client, method, url, times, data, headers)
                medians[label] = p50
                self.stdout.write(f"| {label} | {queries} | {p50:.1f} | {p95:.1f} |")

        self.stdout.write("| page | queries | p50 ms | p95 ms |")
        self.stdout.write("|---|---:|---:|---:|")
        with override_settings(MEDIUS_PAGE_CACHE=False):
            run(pages)
        notifications_before = Notification.objects.count()
        with override_settings(MEDIUS_POST_MIN_INTERVAL_SECONDS=0):
            run(posts)
        notified = Notification.objects.count() - notifications_before
        self.stdout.write(
            f"\nThe {2 * (repeat + 4)} replies posted above made {notified} notifications "
            "(each notifies its asker at least)."
        )
        self.stdout.write("\nVisitors' pages from the page cache (the same pages, kept):\n")
        self.stdout.write("| page | queries | p50 ms | p95 ms |")
        self.stdout.write("|---|---:|---:|---:|")
        run(cached_pages)
        etag = visitor.get(thread_url)["ETag"]
        run(
            [("thread, conditional GET (304)", visitor, "get", thread_url, repeat, None)],
            headers={"If-None-Match": etag},
        )
        ratio = medians["thread, 100 nested replies (page cache)"] / medians["trivial view (floor)"]
        self.stdout.write(
            f"\nA kept thread page takes {ratio:.1f} times the trivial view (target: at most 3)."
        )
        self.stdout.write(f"Worker memory: {resident_mib():.0f} MiB resident after the runs.")


def resident_mib() -> float:
    """This process's resident set now (Linux), else its peak."""
    try:
        for line in open("/proc/self/status").read().splitlines():  # noqa: SIM115
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

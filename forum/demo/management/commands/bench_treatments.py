"""Time "What members tried" on a condition page over 100,000 treatment records.

    make bench            (runs this after bench and bench_search)

Builds the records once per database: 20,000 bench members each reporting five of the
vocabulary's treatments for one condition (a tenth of them one treatment twice, the older
record no longer counting), a third with a later answer than their first report. The rows are
bulk-inserted rather than written through ``record_treatment``, which would take an hour
and is timed by the tests, not here. Then the condition page is requested repeatedly
through Django's full request cycle, without the page cache, and the aggregate query alone
is timed too, and the write that keeps the counts (``refresh_tally``, run by every
record and answer). Prints the median and 95th percentile.
"""

import random
import statistics
import time
from argparse import ArgumentParser
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from forum.accounts.models import User
from forum.conditions.models import Condition
from forum.treatments import aggregates
from forum.treatments.models import KNOWN, Outcome, Treatment, TreatmentRecord
from forum.treatments.services import refresh_tally

SLUG = "bench-treatments"
MEMBERS = 20_000
PER_MEMBER = 5


class Command(BaseCommand):
    help = "Build 100,000 treatment records (once) and time the condition page's aggregate."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--repeat", type=int, default=40)

    def handle(self, *args: Any, repeat: int, **options: Any) -> None:
        if settings.DEBUG:
            self.stderr.write("Run the benchmark with DEBUG off (it is off by default).")
            return
        condition = self.ensure_data()
        records = TreatmentRecord.objects.filter(condition=condition).count()
        client = Client(SERVER_NAME="127.0.0.1")
        url = condition.get_absolute_url()
        with override_settings(MEDIUS_PAGE_CACHE=False):
            client.get(url)  # warm up
            floor = self.time(lambda: client.get(reverse("healthz")), repeat)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            n_queries = len(queries)  # read now: the next request clears the connection's log
            page = self.time(lambda: client.get(url), repeat)
        query = self.time(lambda: aggregates.for_condition(condition), repeat)
        treatment_id = Treatment.objects.values_list("pk", flat=True).first()
        assert treatment_id is not None
        recount = self.time(
            lambda: refresh_tally(condition_id=condition.pk, treatment_id=treatment_id), repeat
        )
        self.stdout.write(
            f"\nWhat members tried on {connection.vendor}: {records:,} records for one "
            f"condition, {len(aggregates.for_condition(condition))} treatments"
        )
        self.stdout.write(f"{'':<36} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8}")
        self.stdout.write(f"{'trivial view (floor)':<36} {0:>7} "
                          f"{floor[0]:>8.1f} {floor[1]:>8.1f}")  # fmt: skip
        self.stdout.write(f"{'condition page (no page cache)':<36} {n_queries:>7} "
                          f"{page[0]:>8.1f} {page[1]:>8.1f}")  # fmt: skip
        self.stdout.write(f"{'the counts alone (for_condition)':<36} {1:>7} "
                          f"{query[0]:>8.1f} {query[1]:>8.1f}")  # fmt: skip
        self.stdout.write(f"{'recount one treatment (each write)':<36} {'':>7} "
                          f"{recount[0]:>8.1f} {recount[1]:>8.1f}")  # fmt: skip

    def time(self, call: Any, repeat: int) -> tuple[float, float]:
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            call()
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        return statistics.median(timings), timings[min(round(0.95 * (repeat - 1)), repeat - 1)]

    @transaction.atomic
    def ensure_data(self) -> Condition:
        condition, created = Condition.objects.get_or_create(
            slug=SLUG,
            defaults={
                "name": "Benchmark condition",
                "description": "A condition that exists only to time the treatment counts.",
            },
        )
        if not created and TreatmentRecord.objects.filter(condition=condition).exists():
            return condition
        started = time.perf_counter()
        unusable = "!"
        User.objects.bulk_create(
            [
                User(
                    username=f"bench_tried_{i}",
                    email=f"tried{i}@example.invalid",
                    password=unusable,
                )
                for i in range(MEMBERS)
            ],
            batch_size=2_000,
        )
        members = list(
            User.objects.filter(username__startswith="bench_tried_").values_list("pk", flat=True)
        )
        treatments = list(Treatment.objects.values_list("pk", flat=True))
        rng = random.Random(16)  # noqa: S311 (repeatable data, not secrets)
        now = timezone.now()
        outcomes = [*KNOWN, Outcome.TOO_EARLY]
        batch: list[TreatmentRecord] = []
        for member_id in members:
            for treatment_id in rng.sample(treatments, PER_MEMBER):
                first = rng.choice(outcomes)
                latest = rng.choice(outcomes) if rng.random() < 0.33 else first
                when = now - timedelta(days=rng.randrange(1, 700))
                batch.append(
                    TreatmentRecord(
                        member_id=member_id, treatment_id=treatment_id, condition=condition,
                        started_on=when.date(), outcome=first, created_at=when,
                        current_outcome=latest, outcome_at=when, is_latest=True,
                    )
                )  # fmt: skip
            if rng.random() < 0.1:  # an older record of the last one, which no longer counts
                older = when - timedelta(days=30)
                batch.append(
                    TreatmentRecord(
                        member_id=member_id, treatment_id=treatment_id, condition=condition,
                        started_on=older.date(), outcome=Outcome.WORSE, created_at=older,
                        current_outcome=Outcome.WORSE, outcome_at=older, is_latest=False,
                    )
                )  # fmt: skip
            if len(batch) >= 10_000:
                TreatmentRecord.objects.bulk_create(batch)
                batch = []
        TreatmentRecord.objects.bulk_create(batch)
        call_command("refresh_treatment_tallies", stdout=self.stdout)
        self.stdout.write(f"Built {TreatmentRecord.objects.count():,} records in "
                          f"{time.perf_counter() - started:.0f} s.")  # fmt: skip
        return condition

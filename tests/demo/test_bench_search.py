"""``bench_search`` runs end to end on a small data set (the README has the real figures)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from forum.demo.management.commands.bench_search import SEARCHES, SIMILAR_TITLES


@pytest.mark.django_db
def test_bench_search_times_every_search_on_a_small_data_set():
    out = io.StringIO()
    call_command("bench_search", questions=30, replies_per_question=2, repeat=2, stdout=out)
    report = out.getvalue()
    assert f"Search benchmark on {connection.vendor}" in report
    rows = [line for line in report.splitlines() if line.startswith("| ") and "---" not in line]
    # The header, the trivial view, then one row each.
    assert len(rows) == 2 + len(SEARCHES) + len(SIMILAR_TITLES)
    assert "| trivial view (the machine's floor at the time) |  | 0 |" in report
    for label, _ in SEARCHES:
        assert f"| {label}: " in report
    assert "| similar questions (fragment): `Outer hip pain when I lie` |  | 3 |" in report

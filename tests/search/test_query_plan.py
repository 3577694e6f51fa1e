"""Searching reads the index, never the whole table: the query plans say so."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from forum.demo.bulk import build_questions
from forum.search.backends import findable_posts, get_backend
from forum.search.query import Vocabulary, parse

from .conftest import ask

pytestmark = pytest.mark.django_db


def plan_for(text: str) -> str:
    backend = get_backend()
    query = parse(text, Vocabulary.load())
    sql, params = backend.search_sql(query, findable_posts(AnonymousUser()), offset=0, limit=21)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return "\n".join(row[-1] for row in cursor.fetchall())
        # A test table of 2,000 rows fits in a few pages, so reading it whole is
        # cheaper than the GIN index and PostgreSQL rightly does that (the plan is
        # otherwise the same: the search table drives, posts follow by primary key).
        # Switched off for this transaction only, to show the path taken at size.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.fixture
def some_posts(author, condition, gtps):
    """About 2,000 posts with statistics, so the planners choose as they would in production."""
    build_questions(
        n_questions=300, replies_per_question=3, max_depth=3, authors=[author.pk],
        conditions=[condition],
    )  # fmt: skip
    for i in range(5):
        ask(author=author, conditions=[gtps], title=f"Lacrosse ball question {i}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "postgresql":
            # New rows wait in the GIN index's pending list until (auto)vacuum merges
            # them, and a long pending list makes the planner avoid the index.
            cursor.execute("SELECT gin_clean_pending_list('search_document_match')")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan")
@pytest.mark.parametrize("text", ["lacrosse", '"lacrosse ball" GTPS', "lacro"])
def test_sqlite_reads_the_fts5_index_and_fetches_posts_by_id(some_posts, text):
    plan = plan_for(text)
    assert "SCAN search_index VIRTUAL TABLE INDEX" in plan
    assert "SCAN discussions_post" not in plan
    assert "USING INTEGER PRIMARY KEY" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")
@pytest.mark.parametrize("text", ["lacrosse", '"lacrosse ball" GTPS', "lacro"])
def test_postgresql_reads_the_gin_index(some_posts, text):
    plan = plan_for(text)
    assert "Bitmap Index Scan on search_document_match" in plan
    assert "Seq Scan on search_document" not in plan

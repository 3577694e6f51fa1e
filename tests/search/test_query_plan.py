"""Searching reads the index, never a whole table, and ranks before it checks: the plans say so.

The window plan ranks the matches inside the engine (FTS5's bm25, ``ts_rank`` over a
partial GIN index) and keeps a few, then checks only those against the visibility
rules, a primary-key lookup each. The check-first plan (after a window came up short,
or with a filter) lets the index drive and looks each match's post up by primary key.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from forum.demo.bulk import build_questions
from forum.discussions.models import Thread
from forum.search.backends import OPENINGS, REPLIES, Filters, findable_posts, get_backend
from forum.search.query import Vocabulary, parse

from .conftest import ask

pytestmark = pytest.mark.django_db

WINDOW = 50


def explain(sql: str, params) -> str:
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


def plan_for(text: str, tier: str = OPENINGS, *, window: int | None = WINDOW, **filters) -> str:
    query = parse(text, Vocabulary.load())
    findable = findable_posts(AnonymousUser(), Filters(**filters))
    return explain(*get_backend().ranked_sql(query, tier, findable, window=window, skip=0, want=21))


def similar_plan_for(title: str) -> str:
    query = parse(title, Vocabulary.load(), match_any=True)
    findable = findable_posts(AnonymousUser(), Filters(kind=Thread.Kind.QUESTION))
    return explain(*get_backend().similar_sql(query, findable))


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
            # New rows wait in the GIN indexes' pending lists until (auto)vacuum merges
            # them, and a long pending list makes the planner avoid an index.
            for index in ["search_document_openings", "search_document_replies"]:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])


TEXTS = ["lacrosse", '"lacrosse ball" GTPS', "lacro", "stairs"]
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan")
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")


def assert_posts_by_primary_key_only(plan: str) -> None:
    assert "SCAN discussions_post" not in plan
    assert "SCAN discussions_thread" not in plan
    # A Bloom filter on the posts is built by reading every one of them.
    assert "BLOOM FILTER" not in plan
    assert "SEARCH discussions_post USING INTEGER PRIMARY KEY" in plan


@sqlite_only
@pytest.mark.parametrize("text", TEXTS)
def test_sqlite_ranks_a_window_in_fts5_then_checks_it_by_primary_key(some_posts, text):
    plan = plan_for(text)
    assert "SCAN search_opening VIRTUAL TABLE INDEX" in plan
    assert "search_reply" not in plan  # the opening posts' tier reads their table alone
    assert "MATERIALIZE boundary" in plan  # where the newest BAND matches start
    assert "MATERIALIZE candidate" in plan
    assert "SCAN candidate" in plan
    assert_posts_by_primary_key_only(plan)


@sqlite_only
@pytest.mark.parametrize("text", TEXTS)
def test_sqlite_checks_every_match_first_with_a_filter_by_primary_key(some_posts, text):
    plan = plan_for(text, window=None, answered=True)
    assert "SCAN search_opening VIRTUAL TABLE INDEX" in plan
    assert "candidate" not in plan
    assert_posts_by_primary_key_only(plan)


@sqlite_only
def test_sqlite_searches_replies_in_their_own_table(some_posts):
    plan = plan_for("stairs", REPLIES)
    assert "SCAN search_reply VIRTUAL TABLE INDEX" in plan
    assert "search_opening" not in plan
    assert_posts_by_primary_key_only(plan)


@sqlite_only
def test_sqlite_similar_questions_read_the_newest_matches_of_each_word(some_posts):
    plan = similar_plan_for("Lacrosse ball for stairs at night")
    assert "SCAN search_opening VIRTUAL TABLE INDEX" in plan
    assert "search_reply" not in plan
    assert "SCAN discussions_post" not in plan
    # The threads are counted for the idf, from their smallest index, and the threads
    # newer than a word's oldest match by the opening-post index.
    assert "SCAN discussions_thread USING COVERING INDEX" in plan
    assert "USING COVERING INDEX sqlite_autoindex_discussions_thread_1 (opening_post_id>?)" in plan


def assert_no_whole_table(plan: str) -> None:
    for table in ["search_document", "discussions_post", "discussions_thread"]:
        assert f"Seq Scan on {table}" not in plan
    # A hash over findable posts would read every post.
    assert "Hash" not in plan


@postgresql_only
@pytest.mark.parametrize("text", TEXTS)
def test_postgresql_ranks_a_window_from_the_openings_gin_index(some_posts, text):
    plan = plan_for(text)
    assert "Bitmap Index Scan on search_document_openings" in plan
    assert "search_document_replies" not in plan
    assert "CTE Scan on candidate" in plan
    assert "Index Scan using discussions_post_pkey" in plan
    assert_no_whole_table(plan)


@postgresql_only
@pytest.mark.parametrize("text", TEXTS)
def test_postgresql_checks_every_match_first_with_a_filter(some_posts, text):
    # With a filter as selective as "answered", the planner may start from the few
    # answered threads and fetch their search rows by primary key instead.
    plan = plan_for(text, window=None, answered=True)
    assert (
        "Bitmap Index Scan on search_document_openings" in plan
        or "Index Scan using search_document_pkey" in plan
    )
    assert "candidate" not in plan
    assert_no_whole_table(plan)


@postgresql_only
def test_postgresql_searches_replies_with_their_own_gin_index(some_posts):
    plan = plan_for("stairs", REPLIES)
    assert "Bitmap Index Scan on search_document_replies" in plan
    assert "search_document_openings" not in plan
    assert_no_whole_table(plan)


@postgresql_only
def test_postgresql_similar_questions_read_the_openings_index_only(some_posts):
    plan = similar_plan_for("Lacrosse ball for stairs at night")
    assert "search_document_replies" not in plan
    assert "Seq Scan on search_document" not in plan
    assert "Seq Scan on discussions_post" not in plan

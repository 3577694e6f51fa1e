import io

import pytest
from django.core.management import call_command
from django.db import connection

from forum.discussions import services

from .conftest import ask, found_ids

pytestmark = pytest.mark.django_db


def test_rebuild_search_index_recreates_the_index_from_the_posts(member, condition):
    question = ask(author=member, conditions=[condition], title="Trigger point tips")
    services.post_reply(parent=question.opening_post, author=member, body="Trigger happy.")
    with connection.cursor() as cursor:
        table = "search_index" if connection.vendor == "sqlite" else "search_document"
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (a constant table name)
    assert found_ids("trigger") == []
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "2 posts" in out.getvalue()
    assert len(found_ids("trigger")) == 2
    ask(author=member, conditions=[condition], title="Another trigger question")
    assert len(found_ids("trigger")) == 3  # the triggers came back with the index


@pytest.mark.skipif(
    connection.vendor == "postgresql", reason="bench runs VACUUM, which a test transaction forbids"
)
def test_bench_search_times_the_queries_on_a_small_data_set(db):
    out = io.StringIO()
    call_command("bench_search", questions=30, replies_per_question=2, repeat=2, stdout=out)
    report = out.getvalue()
    assert f"Search benchmark on {connection.vendor}" in report
    for label in ["single word", "phrase", "condition synonym", "no match"]:
        assert label in report

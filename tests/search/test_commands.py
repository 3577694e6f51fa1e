import io

import pytest
from django.core.management import call_command
from django.db import connection

from forum.discussions import services
from forum.search import schema

from .conftest import ask, found_ids

pytestmark = pytest.mark.django_db


def empty_the_index() -> None:
    tables = list(schema.SQLITE_TABLES) if connection.vendor == "sqlite" else ["search_document"]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (constant table names)


def test_rebuild_search_index_recreates_the_index_from_the_posts(member, condition):
    question = ask(author=member, conditions=[condition], title="Trigger point tips")
    services.post_reply(parent=question.opening_post, author=member, body="Trigger happy.")
    empty_the_index()
    assert found_ids("trigger") == []
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "2 posts" in out.getvalue()
    assert len(found_ids("trigger")) == 2
    ask(author=member, conditions=[condition], title="Another trigger question")
    assert len(found_ids("trigger")) == 3  # the triggers came back with the index

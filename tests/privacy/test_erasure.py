"""After a member deletes their account, a dump of the whole database holds none of their
personal data: not in any table, the search index and the sessions included.

Transactional, so the dump reads what was committed, as a backup would. The moderator
needs no group: the services do not check permissions, and the flush after a transactional
test removes the groups the data migrations made.
"""

import re

import pytest
from django.db import connection

from forum.privacy.services import delete_member
from tests.factories import UserFactory
from tests.privacy import helpers as h
from tests.privacy.helpers import seed

# The moderation log is append-only: its rows about the member keep their username
# (never their email address), as the log of what moderators did must.
APPEND_ONLY = "moderation_logentry"


def dump_database() -> list[tuple[str, str]]:
    """(table, text) for every row of every table, as plain text."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        rows = []
        for line in connection.connection.iterdump():
            table = re.match(r'INSERT INTO "([^"]+)"', line)
            rows.append((table.group(1) if table else "(schema)", line))
        return rows
    rows = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        for (table,) in cursor.fetchall():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows += [(table, str(row)) for row in cursor.fetchall()]
    return rows


def leftovers(dump, values, *, skip=()) -> list[tuple[str, str]]:
    return [
        (value, table)
        for table, text in dump
        if table not in skip
        for value in values
        if value.lower() in text.lower()
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("keep_posts", [True, False], ids=["keep-posts", "remove-posts"])
def test_a_database_dump_holds_nothing_personal_of_a_deleted_member(keep_posts, condition):
    world = seed(moderator=UserFactory(username="mod", is_staff=True), condition=condition)
    before = dump_database()
    everything = [*h.PERSONAL, *h.POST_TEXT, h.DRAFT_BODY]
    assert {value for value, _ in leftovers(before, everything)} == set(everything)

    delete_member(member=world.alice, keep_posts=keep_posts)

    after = dump_database()
    assert leftovers(after, h.PERSONAL, skip=[APPEND_ONLY]) == []
    assert leftovers(after, [h.EMAIL, h.SECOND_EMAIL]) == []  # the log included
    assert leftovers(after, [h.DRAFT_BODY]) == []  # drafts never stay
    if keep_posts:
        assert ("discussions_post", h.REPLY_BODY) in [
            (t, v) for v, t in leftovers(after, h.POST_TEXT)
        ]
    else:
        assert leftovers(after, h.POST_TEXT) == []

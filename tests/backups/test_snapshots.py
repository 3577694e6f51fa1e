"""``manage.py backup`` and ``restore`` on the engine the suite runs on: SQLite, then PostgreSQL.

Transactional, so what the tests seed is committed and visible to the backup's own
connection (SQLite) or to pg_dump (PostgreSQL). Like the suite's other transactional
tests, they rely on no row that a data migration made: the flush after each removes them.
"""

import re
import sqlite3
import stat
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

from forum.accounts.models import User
from forum.backups import snapshots
from forum.discussions import services as discussions
from forum.discussions.models import Post
from forum.moderation import services as moderation
from forum.moderation.models import Report
from forum.notifications.models import Notification
from tests.factories import UserFactory, make_question

pytestmark = pytest.mark.django_db(transaction=True)

SEEDED_TABLES = [
    "accounts_user",
    "discussions_thread",
    "discussions_post",
    "moderation_report",
    "moderation_logentry",
    "notifications_notification",
]


@pytest.fixture
def seeded(member, other_member, condition):
    """alice's question, bob's reply and her answer, a report, a hidden post, notifications."""
    moderator = UserFactory(username="mod", is_staff=True)
    question = make_question(author=member, conditions=[condition])
    reply = discussions.post_reply(
        parent=question.opening_post, author=other_member, body="A pillow between the knees."
    )
    discussions.post_reply(parent=reply, author=member, body="Thank you, I will try it tonight.")
    discussions.mark_helpful(post=reply, user=member)
    moderation.report_post(post=reply, reporter=member, reason=Report.Reason.SPAM)
    moderation.hide_post(post=reply, moderator=moderator, reason="Advertising")
    assert Notification.objects.exists()
    return question


def take_backup(directory: Path) -> Path:
    out = StringIO()
    call_command("backup", directory=directory, stdout=out)
    return Path(out.getvalue().strip())


# Every table, row for row (sorted, since a copy need not keep the physical order).

# Django's own connection converts values by declared type; so do ours, to compare like
# with like (the converters are registered process-wide by Django's SQLite backend).
DETECT_TYPES = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES


def sqlite_tables(conn: sqlite3.Connection) -> dict[str, list[str]]:
    names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {name: sorted(map(repr, conn.execute(f'SELECT * FROM "{name}"'))) for name in names}  # noqa: S608


def pg_connect(db: dict):
    return psycopg.connect(
        host=db["HOST"],
        port=db["PORT"],
        user=db["USER"],
        password=db["PASSWORD"],
        dbname=db["NAME"],
        autocommit=True,
    )


def pg_tables(db: dict) -> dict[str, list[str]]:
    tables = {}
    with pg_connect(db) as conn:
        names = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        for (name,) in names.fetchall():
            rows = conn.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(name)))
            tables[name] = sorted(map(repr, rows))
        sequences = conn.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        )
        tables["(sequences)"] = sorted(map(repr, sequences))
    return tables


def live_tables() -> dict[str, list[str]]:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return sqlite_tables(connection.connection)
    return pg_tables(connection.settings_dict)


@contextmanager
def fresh_pg_database(name: str):
    """A second, empty database on the same throwaway cluster."""
    db = connection.settings_dict | {"NAME": name}
    with pg_connect(connection.settings_dict | {"NAME": "postgres"}) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield db
    finally:
        with pg_connect(connection.settings_dict | {"NAME": "postgres"}) as admin:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def test_a_backup_restored_into_a_fresh_database_matches_every_table_row_for_row(seeded, tmp_path):
    path = take_backup(tmp_path)

    assert path.parent == tmp_path
    assert re.fullmatch(r"medius-\d{8}T\d{6}Z\.(sqlite3|dump)", path.name)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # every member's data is in there
    if connection.vendor == "sqlite":
        fresh = sqlite3.connect(tmp_path / "fresh.sqlite3", detect_types=DETECT_TYPES)
        snapshots.restore_sqlite(path=path, target=fresh)
        restored = sqlite_tables(fresh)
        fresh.close()
    else:
        with fresh_pg_database("medius_restored") as db:
            snapshots.pg_restore(db=db, path=path)
            restored = pg_tables(db)
    live = live_tables()

    assert sorted(restored) == sorted(live)
    for name, rows in live.items():
        assert restored[name] == rows, f"{name} differs"
    for name in SEEDED_TABLES:
        assert restored[name], f"{name} was seeded but is empty"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's snapshot is a database file")
def test_a_sqlite_snapshot_is_one_self_contained_file(seeded, tmp_path):
    path = take_backup(tmp_path)

    snapshot = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, detect_types=DETECT_TYPES)
    assert snapshot.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert sqlite_tables(snapshot) == live_tables()
    snapshot.close()
    beside = sorted(p.name for p in tmp_path.iterdir())
    # no -wal or -shm beside it; the uploaded images have their own tar, by design
    assert beside == [path.name, snapshots.media_archive(path).name]


def test_restore_brings_the_database_back_to_the_snapshot(seeded, other_member, tmp_path):
    path = take_backup(tmp_path)
    at_backup = live_tables()
    Post.objects.filter(author=other_member).delete()
    UserFactory(username="after_the_backup")
    assert live_tables() != at_backup

    out = StringIO()
    call_command("restore", str(path), "--yes", stdout=out)

    restored = live_tables()
    # and then gives the page cache a new site version: pages kept since are newer than the data
    assert restored.pop("medius_page_cache") != at_backup.pop("medius_page_cache")
    assert restored == at_backup
    assert not User.objects.filter(username="after_the_backup").exists()
    assert f"Restored {snapshots.describe()}" in out.getvalue()


def test_restore_without_yes_says_what_it_would_overwrite_and_changes_nothing(seeded, tmp_path):
    path = take_backup(tmp_path)
    UserFactory(username="after_the_backup")

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path))

    message = str(refused.value)
    assert f"replace every table in {snapshots.describe()}" in message
    assert connection.settings_dict["NAME"] in message
    assert "--yes" in message
    assert User.objects.filter(username="after_the_backup").exists()


def test_restore_refuses_a_missing_file_or_another_engines_snapshot(tmp_path):
    with pytest.raises(CommandError, match="There is no snapshot"):
        call_command("restore", str(tmp_path / "medius-nothing.sqlite3"), "--yes")
    other = ".dump" if connection.vendor == "sqlite" else ".sqlite3"
    wrong = tmp_path / f"medius-20260101T000000Z{other}"
    wrong.write_bytes(b"not ours")
    with pytest.raises(CommandError, match="not a snapshot of this database engine"):
        call_command("restore", str(wrong), "--yes")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="checks the SQLite snapshot's content")
def test_restore_refuses_a_file_that_is_not_a_medius_database(tmp_path):
    junk = tmp_path / "medius-junk.sqlite3"
    junk.write_bytes(b"This is not a database at all, just text." * 100)
    empty = tmp_path / "medius-empty.sqlite3"
    sqlite3.connect(empty).execute("CREATE TABLE t (x)").connection.close()

    with pytest.raises(CommandError, match="not a SQLite database"):
        call_command("restore", str(junk), "--yes")
    with pytest.raises(CommandError, match="not a Medius snapshot"):
        call_command("restore", str(empty), "--yes")


def test_the_postgresql_password_travels_in_the_environment_never_on_the_command_line():
    db = {
        "HOST": "db.internal",
        "PORT": 5433,
        "USER": "medius",
        "PASSWORD": "s3cret-pw",
        "NAME": "medius",
        "OPTIONS": {"sslmode": "require"},
    }

    args, env = snapshots._libpq(db)

    assert not any("s3cret-pw" in arg for arg in args)
    assert env["PGPASSWORD"] == "s3cret-pw"
    assert env["PGSSLMODE"] == "require"
    assert {"--host=db.internal", "--port=5433", "--username=medius", "--dbname=medius"} <= set(
        args
    )
    assert "--no-password" in args  # never waits for a prompt nobody sees

"""The search index tables and the database triggers that keep them in step.

One index row per post, whatever its status: the search query joins each hit to the
live post and thread and applies the visibility rules there, so hiding, holding,
restoring or deleting a post needs no index write at all. Only changes to what is
indexed do: a post's body, a thread's title, conditions and accepted answer. Triggers
on ``discussions_post``, ``discussions_thread`` and ``discussions_thread_conditions``
make those changes, so every service, the admin and ``bulk_create`` are covered
without a line of application code.

An opening post's row carries the thread's title, its body and, as tokens no typed
word is matched against, its condition ids (``c12``: a query naming a condition also
finds what is tagged with it), its kind (``kquestion``, ``karticle``) and whether it
has an accepted answer (``answered``), so that those filters are part of the match; a
reply's row carries only its body.

- SQLite: two FTS5 tables with the porter stemmer (rowid = post id): ``search_opening``
  (title, body, condition ids) for opening posts and ``search_reply`` for replies.
- PostgreSQL: a table ``search_document`` holding a weighted tsvector (A title,
  B opening post, C reply, D the tokens above as ``~c12``, ``~kquestion``, ``~answered``,
  a form no typed word takes) with a partial GIN index for opening
  posts and another for replies, plus the title for pg_trgm's typo-tolerant fallback.

Migration 0001 calls ``create``; ``rebuild_search_index`` calls ``rebuild``. A change
to the shape of the index belongs in a new migration that calls ``rebuild``, and so
does a discussions migration that renames or drops a column named below (``body``,
``depth``, ``thread_id``, ``title``, ``condition_id``): the trigger SQL names them,
and on PostgreSQL a stale name makes every new post fail to save.
"""

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

# --- SQLite -----------------------------------------------------------------------------

SQLITE_TRIGGER_NAMES = [
    "search_post_insert",
    "search_post_update",
    "search_post_delete",
    "search_thread_title",
    "search_thread_answered",
    "search_tag_insert",
    "search_tag_delete",
]

TOKENIZE = "tokenize = 'porter unicode61 remove_diacritics 2'"
# One table per tier (see backends.py): the opening posts' 20,000 rows are ranked
# without reading the replies' 210,000.
SQLITE_TABLES = {
    "search_opening": (
        f"CREATE VIRTUAL TABLE search_opening USING fts5(title, body, conditions, {TOKENIZE})"
    ),
    "search_reply": f"CREATE VIRTUAL TABLE search_reply USING fts5(body, {TOKENIZE})",
}
LEGACY_SQLITE_TABLES = ["search_index"]  # one table for both, before migration 0002

_SQLITE_INSERT_OPENING = """
INSERT INTO search_opening (rowid, title, body, conditions)
SELECT p.id, t.title, p.body,
       coalesce((SELECT group_concat('c' || tc.condition_id, ' ')
                 FROM discussions_thread_conditions tc WHERE tc.thread_id = p.thread_id), '')
       || ' k' || t.kind || CASE WHEN t.accepted_post_id IS NULL THEN '' ELSE ' answered' END
FROM discussions_post p JOIN discussions_thread t ON t.id = p.thread_id
WHERE p.depth = 0 AND {where}
"""
_SQLITE_INSERT_REPLY = """
INSERT INTO search_reply (rowid, body)
SELECT p.id, p.body FROM discussions_post p WHERE p.depth > 0 AND {where}
"""


def _sqlite_insert(where: str) -> str:
    """Statements that index the posts matching ``where`` (a condition on ``p``)."""
    return (
        f"{_SQLITE_INSERT_OPENING.format(where=where)}; {_SQLITE_INSERT_REPLY.format(where=where)};"
    )


def _sqlite_delete(ids: str) -> str:
    return "".join(f"DELETE FROM {table} WHERE rowid IN ({ids}); " for table in SQLITE_TABLES)  # noqa: S608


def _sqlite_refresh(where: str) -> str:
    """Statements that re-index the posts matching ``where`` (a condition on ``p``)."""
    ids = f"SELECT p.id FROM discussions_post p WHERE {where}"  # noqa: S608 (constant SQL)
    return _sqlite_delete(ids) + _sqlite_insert(where)


SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER search_post_insert AFTER INSERT ON discussions_post BEGIN
        {_sqlite_insert("p.id = NEW.id")} END""",
    f"""CREATE TRIGGER search_post_update AFTER UPDATE OF body ON discussions_post BEGIN
        {_sqlite_refresh("p.id = NEW.id")} END""",
    f"""CREATE TRIGGER search_post_delete AFTER DELETE ON discussions_post BEGIN
        {_sqlite_delete("OLD.id")} END""",
    f"""CREATE TRIGGER search_thread_title AFTER UPDATE OF title ON discussions_thread BEGIN
        {_sqlite_refresh("p.thread_id = NEW.id AND p.depth = 0")} END""",
    f"""CREATE TRIGGER search_thread_answered AFTER UPDATE OF accepted_post_id ON discussions_thread
        BEGIN {_sqlite_refresh("p.thread_id = NEW.id AND p.depth = 0")} END""",
    f"""CREATE TRIGGER search_tag_insert AFTER INSERT ON discussions_thread_conditions BEGIN
        {_sqlite_refresh("p.thread_id = NEW.thread_id AND p.depth = 0")} END""",
    f"""CREATE TRIGGER search_tag_delete AFTER DELETE ON discussions_thread_conditions BEGIN
        {_sqlite_refresh("p.thread_id = OLD.thread_id AND p.depth = 0")} END""",
]

# --- PostgreSQL -------------------------------------------------------------------------

POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE TABLE search_document (
        post_id bigint PRIMARY KEY,
        reply boolean NOT NULL,
        title text NOT NULL,
        document tsvector NOT NULL
    )""",
    # One GIN index per tier (see backends.py): a word found in every post costs the
    # first tier's 20,000 opening posts, not the 230,000 posts of both.
    "CREATE INDEX search_document_openings ON search_document USING gin (document) WHERE NOT reply",
    "CREATE INDEX search_document_replies ON search_document USING gin (document) WHERE reply",
    "CREATE INDEX search_document_title ON search_document USING gin (title gin_trgm_ops)",
    """CREATE FUNCTION search_index_posts(ids bigint[]) RETURNS void LANGUAGE sql AS $$
        INSERT INTO search_document (post_id, reply, title, document)
        SELECT p.id,
               p.depth > 0,
               CASE WHEN p.depth = 0 THEN t.title ELSE '' END,
               CASE WHEN p.depth = 0 THEN
                   setweight(to_tsvector('english', t.title), 'A')
                   || setweight(to_tsvector('english', p.body), 'B')
                   -- Lexemes with a "~", which no typed word can become.
                   || setweight(array_to_tsvector(
                       ARRAY(SELECT '~c' || tc.condition_id FROM discussions_thread_conditions tc
                             WHERE tc.thread_id = p.thread_id)
                       || ('~k' || t.kind)
                       || CASE WHEN t.accepted_post_id IS NULL THEN '{}'::text[]
                               ELSE ARRAY['~answered'] END), 'D')
               ELSE setweight(to_tsvector('english', p.body), 'C') END
        FROM discussions_post p JOIN discussions_thread t ON t.id = p.thread_id
        WHERE p.id = ANY (ids)
        ON CONFLICT (post_id) DO UPDATE SET title = EXCLUDED.title, document = EXCLUDED.document
    $$""",
    # Statement-level with transition tables, so a bulk_create of 5,000 posts is one call.
    """CREATE FUNCTION search_posts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            PERFORM search_index_posts(ARRAY(SELECT id FROM changed));
        ELSIF TG_OP = 'DELETE' THEN
            DELETE FROM search_document WHERE post_id IN (SELECT id FROM changed);
        ELSE
            TRUNCATE search_document;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_posts_inserted AFTER INSERT ON discussions_post
        REFERENCING NEW TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION search_posts_changed()""",
    """CREATE TRIGGER search_posts_deleted AFTER DELETE ON discussions_post
        REFERENCING OLD TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION search_posts_changed()""",
    # Django's test flush truncates tables, which fires no row or DELETE trigger.
    """CREATE TRIGGER search_posts_truncated AFTER TRUNCATE ON discussions_post
        FOR EACH STATEMENT EXECUTE FUNCTION search_posts_changed()""",
    """CREATE FUNCTION search_post_edited() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM search_index_posts(ARRAY[NEW.id]);
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_post_edited AFTER UPDATE OF body ON discussions_post
        FOR EACH ROW EXECUTE FUNCTION search_post_edited()""",
    """CREATE FUNCTION search_thread_retitled() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM search_index_posts(
            ARRAY(SELECT id FROM discussions_post WHERE thread_id = NEW.id AND depth = 0));
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_thread_retitled AFTER UPDATE OF title, accepted_post_id
        ON discussions_thread FOR EACH ROW EXECUTE FUNCTION search_thread_retitled()""",
    """CREATE FUNCTION search_tags_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM search_index_posts(ARRAY(
            SELECT p.id FROM discussions_post p
            WHERE p.depth = 0 AND p.thread_id IN (SELECT thread_id FROM changed)));
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_tags_inserted AFTER INSERT ON discussions_thread_conditions
        REFERENCING NEW TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION search_tags_changed()""",
    """CREATE TRIGGER search_tags_deleted AFTER DELETE ON discussions_thread_conditions
        REFERENCING OLD TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION search_tags_changed()""",
]

POSTGRES_DROP = [
    "DROP TABLE IF EXISTS search_document",
    "DROP FUNCTION IF EXISTS search_posts_changed, search_post_edited, search_thread_retitled, "
    "search_tags_changed, search_index_posts CASCADE",
]

# --- Both ---------------------------------------------------------------------------------


def create(connection: BaseDatabaseWrapper) -> None:
    """Create the index and its triggers, and index every existing post."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for statement in [*SQLITE_TABLES.values(), *SQLITE_TRIGGERS]:
                cursor.execute(statement)
            cursor.execute(_SQLITE_INSERT_OPENING.format(where="1"))
            cursor.execute(_SQLITE_INSERT_REPLY.format(where="1"))
        elif connection.vendor == "postgresql":
            for statement in POSTGRES_CREATE:
                cursor.execute(statement)
            cursor.execute("SELECT search_index_posts(ARRAY(SELECT id FROM discussions_post))")


def drop(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in SQLITE_TRIGGER_NAMES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            for table in [*SQLITE_TABLES, *LEGACY_SQLITE_TABLES]:
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
        elif connection.vendor == "postgresql":
            for statement in POSTGRES_DROP:
                cursor.execute(statement)


def rebuild(connection: BaseDatabaseWrapper) -> None:
    """Drop and recreate the index, triggers included, from the posts as they are now."""
    drop(connection)
    create(connection)


def restore_triggers(using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """After ``migrate``: rebuild the SQLite index if a migration has dropped its triggers.

    Django's SQLite backend alters a table by copying it to a new table and dropping
    the old one, and the old table's triggers go with it. A later migration that
    alters ``discussions_post`` or ``discussions_thread`` would otherwise leave the
    index silently stale. PostgreSQL alters tables in place and keeps its triggers.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE name = 'search_opening' OR "
            "(type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\')"
        )
        names = {row[0] for row in cursor.fetchall()}
    if "search_opening" in names and not names.issuperset(SQLITE_TRIGGER_NAMES):
        rebuild(connection)

"""One search interface over two engines: SQLite's FTS5 and PostgreSQL's full-text search.

Views call ``get_backend().search(query, viewer, filters)`` and never see engine SQL.
Each backend joins its index (see schema.py) to ``findable_posts``, an ordinary
queryset built from the discussions' own visibility rules, so both engines show a
viewer exactly what the rest of the site would, and the index itself never needs
to know a post's status.

Ranking puts titles above opening posts above replies: FTS5's bm25 with column
weights on SQLite, ``ts_rank`` over A/B/C-weighted lexemes on PostgreSQL.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from forum.conditions.models import Condition
from forum.discussions.models import Post, Status, Thread
from forum.discussions.permissions import is_moderator

from . import schema
from .highlight import START, STOP, marked, plain
from .query import ParsedQuery, parse

PER_PAGE = 20
REPLY = "reply"


@dataclass(frozen=True)
class Filters:
    kind: str = ""  # Thread.Kind.QUESTION, Thread.Kind.ARTICLE, REPLY, or "" for everything
    condition: Condition | None = None
    answered: bool | None = None  # an accepted answer, or not
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class Hit:
    post_id: int
    thread_id: int
    depth: int
    thread_kind: str
    thread_slug: str
    title: SafeString  # an opening post's thread title, matched words marked; "" for a reply
    snippet: SafeString

    @property
    def is_opening(self) -> bool:
        return self.depth == 0

    def get_absolute_url(self) -> str:
        if self.is_opening:
            thread = Thread(pk=self.thread_id, kind=self.thread_kind, slug=self.thread_slug)
            return thread.get_absolute_url()
        return reverse("discussions:permalink", kwargs={"pk": self.post_id})


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def findable_posts(viewer, filters: Filters = Filters()):
    """The posts ``viewer`` may find, narrowed by ``filters``: the rows an index is joined to.

    ``Thread.objects.visible_to`` and ``Post.objects.visible_to`` decide, as on every
    page: drafts only for their author, held and hidden posts for their author and
    moderators. A deleted post shows only "[deleted]" on its page, so its words are
    findable by moderators alone.
    """
    threads = Thread.objects.visible_to(viewer)
    if filters.kind in Thread.Kind.values:
        threads = threads.filter(kind=filters.kind)
    if filters.condition is not None:
        threads = threads.tagged(filters.condition)
    if filters.answered is True:
        threads = threads.filter(accepted_post__isnull=False)
    elif filters.answered is False:
        threads = threads.questions().unsolved()
    posts = Post.objects.visible_to(viewer).filter(Exists(threads.filter(pk=OuterRef("thread_id"))))
    if not is_moderator(viewer):
        posts = posts.exclude(status=Status.DELETED)
    if filters.kind == REPLY:
        posts = posts.replies()
    elif filters.kind:
        posts = posts.filter(depth=0)
    if filters.date_from:
        posts = posts.filter(created_at__gte=_start_of(filters.date_from))
    if filters.date_to:
        posts = posts.filter(created_at__lt=_start_of(filters.date_to + timedelta(days=1)))
    return posts.values(
        "id", "thread_id", "depth", thread_kind=F("thread__kind"), thread_slug=F("thread__slug")
    )


class SearchBackend:
    """What the site needs from a search engine. Subclasses write the SQL."""

    typo_tolerant = False  # has close_titles_sql

    def search_sql(self, query: ParsedQuery, findable, *, offset: int, limit: int):
        """SQL and parameters for one page of hits, best first.

        Each row: post id, thread id, depth, thread kind, thread slug, the title and
        a snippet of the text, both with matched words between START and STOP.
        """
        raise NotImplementedError

    def close_titles_sql(self, words: list[str], findable, *, limit: int):
        """SQL for titles with words like ``words`` misspelt."""
        raise NotImplementedError

    def size_sql(self) -> str:
        raise NotImplementedError

    def count_sql(self, query: ParsedQuery):
        raise NotImplementedError

    def search(
        self, query: ParsedQuery, viewer, filters: Filters = Filters(), *, offset=0, limit=PER_PAGE
    ) -> list[Hit]:
        if not query:
            return []
        sql, params = self.search_sql(
            query, findable_posts(viewer, filters), offset=offset, limit=limit
        )
        return self._hits(sql, params)

    def close_titles(self, query: ParsedQuery, viewer, *, limit=5) -> list[Hit]:
        """Threads whose titles resemble the query's words: the fallback when nothing matched.

        Words of three letters or fewer are left out: their few trigrams resemble too much.
        """
        words = [word for term in query.terms for word in term.words if len(word) > 3]
        if not (self.typo_tolerant and words):
            return []
        findable = findable_posts(viewer).filter(depth=0)
        return self._hits(*self.close_titles_sql(words, findable, limit=limit))

    def rebuild(self) -> int:
        """Recreate the index and its triggers from scratch; returns the rows indexed."""
        schema.rebuild(connection)
        with connection.cursor() as cursor:
            cursor.execute(self.size_sql())
            return cursor.fetchone()[0]

    def count_matches(self, query: ParsedQuery) -> int:
        """Posts matching ``query`` before any visibility rule: the rows ranking must weigh.

        The benchmark reports it; pages never count (they show "Next" instead of a total).
        """
        with connection.cursor() as cursor:
            cursor.execute(*self.count_sql(query))
            return cursor.fetchone()[0]

    @staticmethod
    def _hits(sql, params) -> list[Hit]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [
            Hit(*row[:5], title=marked(row[5] or ""), snippet=marked(plain(row[6] or "")))
            for row in rows
        ]


def _fts5_phrase(words) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


class SQLiteBackend(SearchBackend):
    """FTS5: ``MATCH`` on the index, bm25 with weights for title, body, reply and conditions."""

    RANK = "bm25(search_index, 10.0, 4.0, 1.0, 2.0)"

    def match(self, query: ParsedQuery) -> str:
        """The FTS5 query: every word quoted, so no typed text is read as syntax."""
        terms = []
        for term in query.terms:
            options = [_fts5_phrase(words) + ("*" if term.prefix else "") for words in term.phrases]
            if term.condition_ids:
                tags = " OR ".join(f'"c{pk}"' for pk in term.condition_ids)
                options.append(f"conditions : ({tags})")
            terms.append("(" + " OR ".join(options) + ")")
        if query.like_title:
            return "title : (" + " OR ".join(terms) + ")"
        return " AND ".join(terms)

    def search_sql(self, query, findable, *, offset, limit):
        """Rank first, then snippet the page's rows only: SQLite would otherwise compute
        a snippet for every match before sorting them."""
        findable_sql, findable_params = findable.query.sql_with_params()
        match = self.match(query)
        sql = f"""
            SELECT hit.id, hit.thread_id, hit.depth, hit.thread_kind, hit.thread_slug,
                   highlight(search_index, 0, %s, %s),
                   snippet(search_index, CASE hit.depth WHEN 0 THEN 1 ELSE 2 END,
                           %s, %s, '…', 24)
            FROM (
                SELECT findable.*, {self.RANK} AS rank
                FROM search_index
                JOIN ({findable_sql}) AS findable ON findable.id = search_index.rowid
                WHERE search_index MATCH %s
                ORDER BY rank, search_index.rowid DESC
                LIMIT %s OFFSET %s
            ) AS hit
            JOIN search_index ON search_index.rowid = hit.id
            WHERE search_index MATCH %s
            ORDER BY hit.rank, hit.id DESC
        """  # noqa: S608 (only our SQL and Django's compiled SQL; values are parameters)
        params = [START, STOP, START, STOP, *findable_params, match, limit, offset, match]
        return sql, params

    def size_sql(self):
        return "SELECT count(*) FROM search_index"

    def count_sql(self, query):
        return "SELECT count(*) FROM search_index WHERE search_index MATCH %s", [self.match(query)]


class PostgreSQLBackend(SearchBackend):
    """A GIN-indexed tsvector, ``websearch_to_tsquery``, ``ts_rank`` and ``ts_headline``."""

    typo_tolerant = True

    TITLE_HEADLINE = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
    BODY_HEADLINE = (
        f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, MaxFragments=2, "
        'FragmentDelimiter=" … "'
    )

    def tsquery(self, query: ParsedQuery):
        """SQL for the tsquery and its parameters.

        Words and phrases go through ``websearch_to_tsquery``, which accepts any text.
        Prefixes and title-only words (``word:*``, ``word:A``) need ``to_tsquery``,
        which is safe here because the parser leaves only letters and digits in a
        word. Condition ids match only the D-weighted tag lexemes.
        """
        terms, params = [], []
        for term in query.terms:
            options = []
            for words in term.phrases:
                if query.like_title:
                    star = "*" if term.prefix else ""
                    options.append("to_tsquery('english', %s)")
                    params.append(" <-> ".join(f"{word}:{star}A" for word in words))
                elif term.prefix:
                    options.append("to_tsquery('english', %s)")
                    params.append(f"{words[0]}:*")
                else:
                    options.append("websearch_to_tsquery('english', %s)")
                    params.append('"' + " ".join(words) + '"')
            if term.condition_ids:
                options.append("to_tsquery('simple', %s)")
                params.append(" | ".join(f"c{pk}:D" for pk in term.condition_ids))
            terms.append("(" + " || ".join(options) + ")")
        return (" || " if query.like_title else " && ").join(terms), params

    def search_sql(self, query, findable, *, offset, limit):
        findable_sql, findable_params = findable.query.sql_with_params()
        tsquery_sql, tsquery_params = self.tsquery(query)
        sql = f"""
            SELECT hit.id, hit.thread_id, hit.depth, hit.thread_kind, hit.thread_slug,
                   ts_headline('english', hit.title, hit.q, %s),
                   ts_headline('english', post.body, hit.q, %s)
            FROM (
                SELECT findable.*, document.title, query.q,
                       ts_rank(document.document, query.q) AS rank
                FROM search_document document
                JOIN ({findable_sql}) AS findable ON findable.id = document.post_id
                CROSS JOIN (SELECT {tsquery_sql}) AS query (q)
                WHERE document.document @@ query.q
                ORDER BY rank DESC, document.post_id DESC
                LIMIT %s OFFSET %s
            ) AS hit
            JOIN discussions_post post ON post.id = hit.id
            ORDER BY hit.rank DESC, hit.id DESC
        """  # noqa: S608 (only our SQL and Django's compiled SQL; values are parameters)
        params = [self.TITLE_HEADLINE, self.BODY_HEADLINE, *findable_params, *tsquery_params]
        return sql, [*params, limit, offset]

    def close_titles_sql(self, words, findable, *, limit):
        """Titles with a word like one of ``words`` (pg_trgm's ``<%``, through its GIN index),
        closest to all of them first."""
        findable_sql, params = findable.query.sql_with_params()
        close = " OR ".join(["%s <%% document.title"] * len(words))
        sql = f"""
            SELECT findable.id, findable.thread_id, findable.depth, findable.thread_kind,
                   findable.thread_slug, document.title, ''
            FROM search_document document
            JOIN ({findable_sql}) AS findable ON findable.id = document.post_id
            WHERE {close}
            ORDER BY word_similarity(%s, document.title) DESC, document.post_id DESC
            LIMIT %s
        """  # noqa: S608 (only our SQL and Django's compiled SQL; values are parameters)
        return sql, [*params, *words, " ".join(words), limit]

    def size_sql(self):
        return "SELECT count(*) FROM search_document"

    def count_sql(self, query):
        tsquery_sql, params = self.tsquery(query)
        sql = f"SELECT count(*) FROM search_document WHERE document @@ ({tsquery_sql})"  # noqa: S608
        return sql, params


BACKENDS = {"sqlite": SQLiteBackend, "postgresql": PostgreSQLBackend}


def get_backend() -> SearchBackend:
    return BACKENDS[connection.vendor]()


def similar_questions(title: str, *, limit=5) -> list[Hit]:
    """Public questions whose titles share words with ``title``, best first: one query.

    Any word counts (a draft title rarely repeats an old one word for word); bm25
    and ts_rank put the titles sharing the most, and the rarest, words first.
    """
    query = parse(title, like_title=True)
    if not query:
        return []
    filters = Filters(kind=Thread.Kind.QUESTION)
    return get_backend().search(query, AnonymousUser(), filters, limit=limit)

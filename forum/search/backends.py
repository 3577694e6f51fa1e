"""One search interface over two engines: SQLite's FTS5 and PostgreSQL's full-text search.

Views call ``get_backend().search(query, viewer, filters)`` and never see engine SQL.

**Ranked first, checked second.** A tier's hits are found in one statement: the engine
ranks the matches in its own index and keeps only the best few (a *window*: FTS5's
``bm25() ... ORDER BY ... LIMIT``, ``ts_rank`` over a partial GIN index with ``LIMIT``),
and only that window is checked against ``findable_posts``, an ordinary queryset built
from the discussions' own visibility rules, so both engines show a viewer exactly what
the rest of the site would and the index never needs to know a post's status. Most
windows hold enough visible posts for the page. When one does not, or when a filter on
threads or dates may keep few of the matches, the tier is searched the other way round:
every match checked first, only the visible ones ranked. Either way the page is exact:
the visible posts, in rank order, from ``offset`` on.

**Tiers.** Opening posts (questions and articles: title, body, conditions) rank above
replies, as two tiers with an index each, searched in turn, so a word found in every
post ranks the 20,000 opening posts for the first pages, never the 210,000 replies
behind them. Within a tier, titles weigh most: FTS5's bm25 with column weights on
SQLite, ``ts_rank`` over A/B/C/D-weighted lexemes on PostgreSQL. On SQLite a tier's
newest BAND matches rank before its older ones.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, TypedDict

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from forum.accounts.models import User
from forum.conditions.models import Condition
from forum.discussions.models import Post, Status, Thread
from forum.discussions.permissions import is_moderator

from . import schema
from .highlight import START, STOP, marked, plain
from .query import ParsedQuery, Term, Vocabulary, parse

PER_PAGE = 20
REPLY = "reply"

Viewer = User | AnonymousUser
SQL = tuple[str, list[Any]]


class FindableRow(TypedDict):
    """A row of ``findable_posts``: the id a search index is joined on."""

    id: int


OPENINGS, REPLIES = "openings", "replies"
# A window this many times the rows still wanted, at least MIN_WINDOW: visibility rules
# drop few posts, so one window nearly always fills the page.
WINDOW_PER_HIT = 2
MIN_WINDOW = 50
# On SQLite a tier's newest BAND matches rank first, then the older ones, so a word in
# every post costs one ranking of BAND posts. Such a word says little about any one post
# (bm25's idf is near zero), so recency is a fair first order among them. FTS5 keeps a
# word's posts in id order, which makes the band's start cheap to find; a GIN index
# does not, so PostgreSQL ranks every match of a tier (see README, "Search").
BAND = 10_000
# Similar questions: the fields a term is looked for in, and what a match in each is
# worth (times the term's idf); each term is looked up in at most SIMILAR_CAP opening
# posts, the newest; the best SIMILAR_WINDOW are checked for visibility.
TITLE, BODY, TAGS = 0, 1, 2
FIELDS = (TITLE, BODY, TAGS)
FIELD_WEIGHTS = {TITLE: 1.0, BODY: 0.5, TAGS: 0.8}
SIMILAR_CAP = 200
SIMILAR_WINDOW = 50
SIMILAR_LIMIT = 10


@dataclass(frozen=True)
class Filters:
    kind: str = ""  # Thread.Kind.QUESTION, Thread.Kind.ARTICLE, REPLY, or "" for everything
    condition: Condition | None = None
    answered: bool | None = None  # an accepted answer, or not
    date_from: date | None = None
    date_to: date | None = None

    def may_keep_few(self, tier: str) -> bool:
        """A filter that may keep few of a tier's matches and that the index cannot apply.

        Opening posts carry their thread's kind, conditions and accepted answer in the
        index (see schema.py), so only dates remain; replies carry none of them.
        """
        if tier == OPENINGS:
            return bool(self.date_from or self.date_to)
        return bool(self.condition or self.answered is not None or self.date_from or self.date_to)

    def index_tokens(self) -> tuple[list[str], list[str]]:
        """The opening posts' index tokens a match must have, and those it must not."""
        required, excluded = [], []
        if self.kind in Thread.Kind.values or self.answered is False:
            required.append(f"k{self.kind or Thread.Kind.QUESTION}")
        if self.condition is not None:
            required.append(f"c{self.condition.pk}")
        if self.answered is True:
            required.append("answered")
        elif self.answered is False:
            excluded.append("answered")
        return required, excluded

    def tiers(self) -> list[str]:
        if self.kind == REPLY:
            return [REPLIES]
        if self.kind:
            return [OPENINGS]
        return [OPENINGS, REPLIES]


@dataclass(frozen=True)
class Hit:
    post_id: int
    thread_id: int
    depth: int
    thread_kind: str
    thread_slug: str
    reply_count: int  # the thread's
    answered: bool  # the thread has an accepted answer
    title: SafeString  # an opening post's thread title, matched words marked; "" for a reply
    snippet: SafeString

    @property
    def is_opening(self) -> bool:
        return self.depth == 0

    def get_absolute_url(self) -> str:
        if self.is_opening:
            thread = Thread(pk=self.thread_id, kind=self.thread_kind, slug=self.thread_slug)
            return str(thread.get_absolute_url())
        return reverse("discussions:permalink", kwargs={"pk": self.post_id})


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def findable_posts(viewer: Viewer, filters: Filters = Filters()) -> QuerySet[Post, FindableRow]:
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
    findable: QuerySet[Post, FindableRow] = posts.values("id")
    return findable


# Every statement returns these columns after a first one (the window's size in a
# ranked statement): a visible post and its thread, then its title and snippet with
# the matched words between START and STOP (NULL for rows before the page).
HIT_COLUMNS = (
    "post.id, post.thread_id, post.depth, thread.kind, thread.slug, thread.reply_count, "
    "thread.accepted_post_id"
)
HIT_JOINS = (
    "JOIN discussions_post post ON post.id = hit.id "
    "JOIN discussions_thread thread ON thread.id = post.thread_id"
)


class SearchBackend:
    """What the site needs from a search engine. Subclasses write the SQL."""

    typo_tolerant = False  # has close_titles_sql

    def ranked_sql(
        self,
        query: ParsedQuery,
        tier: str,
        findable: QuerySet[Post, FindableRow],
        *,
        filters: Filters = Filters(),
        window: int | None,
        skip: int,
        want: int,
    ) -> SQL:
        """SQL for the best ``want`` visible posts of one tier, snippets from ``skip`` on.

        With a ``window``, the engine ranks its matches and keeps the best ``window``,
        and only those are checked against ``findable``; with ``None``, every match is
        checked first and only the findable ones are ranked. Rows: the window's size,
        then HIT_COLUMNS, title, snippet; with no visible post, one row of NULLs after
        the size.
        """
        raise NotImplementedError

    def newest_matches_sql(self, term: Term, *, number: int) -> SQL:
        """SQL for the newest SIMILAR_CAP opening posts with ``term``, as (number, post id)."""
        raise NotImplementedError

    def field_matches_sql(self, query: ParsedQuery) -> SQL:
        """SQL for (term number, field, post id): each row of ``found`` whose post has the
        term in that field (title, body or, for a condition's name, its tags)."""
        raise NotImplementedError

    def similar_sql(self, query: ParsedQuery, findable: QuerySet[Post, FindableRow]) -> SQL:
        """SQL for the questions most like ``query``, best first; see ``similar_questions``.

        Each term is looked up in the newest SIMILAR_CAP opening posts that have it, so
        a word in every question costs SIMILAR_CAP rows, not all of them. Its document
        frequency (for the idf) is then estimated from how recent those are: found among
        the newest tenth of the threads, it is in about ten times as many.
        """
        parts: list[str] = []
        params: list[Any] = []
        for number, term in enumerate(query.terms):
            sql, term_params = self.newest_matches_sql(term, number=number)
            parts.append(f"SELECT * FROM ({sql}) AS m{number}")  # noqa: S608
            params += term_params
        fields_sql, fields_params = self.field_matches_sql(query)
        findable_sql, findable_params = findable.query.sql_with_params()
        sql = f"""
            WITH found (term, id) AS MATERIALIZED ({" UNION ALL ".join(parts)}),
            oldest AS MATERIALIZED (
                SELECT term, count(*) AS n, min(id) AS id FROM found GROUP BY term),
            matched (term, field, id) AS MATERIALIZED ({fields_sql}),
            threads AS (SELECT count(*) AS n FROM discussions_thread),
            estimate AS MATERIALIZED (
                SELECT oldest.term, threads.n AS threads, CASE
                    WHEN oldest.n < %s THEN oldest.n
                    ELSE oldest.n * threads.n / (
                        SELECT count(*) + 1 FROM discussions_thread newer
                        WHERE newer.opening_post_id >= oldest.id)
                    END AS df
                FROM oldest CROSS JOIN threads),
            weight AS MATERIALIZED (
                SELECT term,
                       ln(1.0 + (threads - (CASE WHEN df > threads THEN threads ELSE df END)
                                 + 0.5) / (df + 0.5)) AS idf
                FROM estimate),
            scored AS MATERIALIZED (
                SELECT matched.id,
                       sum(weight.idf * CASE matched.field WHEN {TITLE} THEN %s
                                                           WHEN {BODY} THEN %s ELSE %s END)
                           AS score
                FROM matched JOIN weight ON weight.term = matched.term
                GROUP BY matched.id
                ORDER BY score DESC, matched.id DESC LIMIT %s),
            hit AS (
                SELECT id, score FROM scored
                WHERE EXISTS (SELECT 1 FROM ({findable_sql}) AS findable
                              WHERE findable.id = scored.id)
                ORDER BY score DESC, id DESC LIMIT %s)
            SELECT NULL, NULL, {HIT_COLUMNS}, thread.title, '' FROM hit {HIT_JOINS}
            ORDER BY hit.score DESC, hit.id DESC
        """  # noqa: S608 (only our SQL and Django's compiled SQL; values are parameters)
        weights = [FIELD_WEIGHTS[TITLE], FIELD_WEIGHTS[BODY], FIELD_WEIGHTS[TAGS]]
        return sql, [
            *params,
            *fields_params,
            SIMILAR_CAP,
            *weights,
            SIMILAR_WINDOW,
            *findable_params,
            SIMILAR_LIMIT,
        ]

    def close_titles_sql(
        self, words: list[str], findable: QuerySet[Post, FindableRow], *, limit: int
    ) -> SQL:
        """SQL for titles with words like ``words`` misspelt."""
        raise NotImplementedError

    def size_sql(self) -> str:
        raise NotImplementedError

    def count_sql(self, query: ParsedQuery) -> SQL:
        raise NotImplementedError

    def search(
        self,
        query: ParsedQuery,
        viewer: Viewer,
        filters: Filters = Filters(),
        *,
        offset: int = 0,
        limit: int = PER_PAGE,
    ) -> list[Hit]:
        """Visible hits ``offset`` to ``offset + limit``, best first: tier by tier."""
        if not query:
            return []
        findable = findable_posts(viewer, filters)
        needed = offset + limit
        hits: list[Hit] = []
        for tier in filters.tiers():
            hits += self._ranked(
                query,
                tier,
                findable,
                skip=max(offset - len(hits), 0),
                want=needed - len(hits),
                filters=filters,
            )
            if len(hits) >= needed:
                break
        return hits[offset:needed]

    def _ranked(
        self,
        query: ParsedQuery,
        tier: str,
        findable: QuerySet[Post, FindableRow],
        *,
        skip: int,
        want: int,
        filters: Filters,
    ) -> list[Hit]:
        """One tier's hits: a window first, and every match checked if it falls short.

        Visibility rules drop few posts, so the window nearly always suffices. A filter
        on threads or dates may keep only a few of the matches, and then every match
        is checked first without trying a window.
        """
        if not filters.may_keep_few(tier):
            window = max(WINDOW_PER_HIT * want, MIN_WINDOW)
            rows = self._rows(
                *self.ranked_sql(
                    query, tier, findable, filters=filters, window=window, skip=skip, want=want
                )
            )
            hits = self._hits(rows)
            in_window, older_band = rows[0][0], rows[0][1]
            if len(hits) >= want or (in_window < window and not older_band):
                return hits  # enough, or every match was in the window
        sql, params = self.ranked_sql(
            query, tier, findable, filters=filters, window=None, skip=skip, want=want
        )
        return self._hits(self._rows(sql, params))

    def close_titles(self, query: ParsedQuery, viewer: Viewer, *, limit: int = 5) -> list[Hit]:
        """Threads whose titles resemble the query's words: the fallback when nothing matched.

        Words of three letters or fewer are left out: their few trigrams resemble too much.
        """
        words = [word for term in query.terms for word in term.words if len(word) > 3]
        if not (self.typo_tolerant and words):
            return []
        findable = findable_posts(viewer).filter(depth=0)
        return self._hits(self._rows(*self.close_titles_sql(words, findable, limit=limit)))

    def similar(self, query: ParsedQuery, *, limit: int) -> list[Hit]:
        if not query:
            return []
        findable = findable_posts(AnonymousUser(), Filters(kind=Thread.Kind.QUESTION))
        return self._hits(self._rows(*self.similar_sql(query, findable)))[:limit]

    def rebuild(self) -> int:
        """Recreate the index and its triggers from scratch; returns the rows indexed."""
        schema.rebuild(connection)
        with connection.cursor() as cursor:
            cursor.execute(self.size_sql())
            return int(cursor.fetchone()[0])

    def count_matches(self, query: ParsedQuery) -> int:
        """Posts matching ``query`` before any visibility rule.

        The benchmark reports it; pages never count (they show "Next" instead of a total).
        """
        with connection.cursor() as cursor:
            cursor.execute(*self.count_sql(query))
            return int(cursor.fetchone()[0])

    @staticmethod
    def _rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows: list[tuple[Any, ...]] = cursor.fetchall()
            return rows

    @staticmethod
    def _hits(rows: list[tuple[Any, ...]]) -> list[Hit]:
        """Rows of (two columns of the window, *HIT_COLUMNS, title, snippet); a row without
        a post is skipped."""
        return [
            Hit(
                post_id=row[2],
                thread_id=row[3],
                depth=row[4],
                thread_kind=row[5],
                thread_slug=row[6],
                reply_count=row[7],
                answered=row[8] is not None,
                title=marked(row[9] or ""),
                snippet=marked(plain(row[10] or "")),
            )
            for row in rows
            if row[2] is not None
        ]


def _fts5_phrase(words: Sequence[str]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


class SQLiteBackend(SearchBackend):
    """FTS5: ``MATCH`` on one table per tier, bm25 with weights for title, body and conditions."""

    TABLE = {OPENINGS: "search_opening", REPLIES: "search_reply"}
    RANK = {OPENINGS: "bm25(search_opening, 10.0, 4.0, 2.0)", REPLIES: "bm25(search_reply)"}
    SNIPPET_COLUMN = {OPENINGS: 1, REPLIES: 0}
    FIELD_COLUMNS = {TITLE: "title : ", BODY: "body : ", TAGS: "conditions : "}

    @staticmethod
    def _term(term: Term, tier: str = OPENINGS) -> str:
        """One term: its words in an opening post's title or body (never in the tokens of
        its conditions, kind and answer), or its condition's tag; or in a reply's body."""
        options = [_fts5_phrase(words) + ("*" if term.prefix else "") for words in term.phrases]
        options += [_fts5_phrase((word,)) for word in term.completions]
        if tier == REPLIES:
            return "(" + " OR ".join(options) + ")"
        found = ["{title body} : (" + " OR ".join(options) + ")"]
        if term.condition_ids:
            names = " OR ".join(f'"c{pk}"' for pk in term.condition_ids)
            found.append(f"conditions : ({names})")
        return "(" + " OR ".join(found) + ")"

    def match(self, query: ParsedQuery, tier: str = OPENINGS, filters: Filters = Filters()) -> str:
        """The FTS5 query for one tier's table: every word quoted, so no typed text is read
        as syntax. The opening posts' filters are index tokens too."""
        terms = [self._term(term, tier) for term in query.terms]
        expression = (" OR " if query.match_any else " AND ").join(terms)
        if tier == REPLIES:
            return expression
        required, excluded = filters.index_tokens()
        if required:
            tokens = " AND ".join(_fts5_phrase((token,)) for token in required)
            expression = f"({expression}) AND conditions : ({tokens})"
        for token in excluded:
            expression = f"({expression}) NOT conditions : {_fts5_phrase((token,))}"
        return expression

    def ranked_sql(
        self,
        query: ParsedQuery,
        tier: str,
        findable: QuerySet[Post, FindableRow],
        *,
        filters: Filters = Filters(),
        window: int | None,
        skip: int,
        want: int,
    ) -> SQL:
        """See SearchBackend.ranked_sql. Findable is an EXISTS per candidate and the posts
        and threads are joined by primary key alone: a join carrying the visibility
        conditions makes SQLite's planner build a Bloom filter over every post first
        (test_query_plan.py pins the plan)."""
        findable_sql, findable_params = findable.query.sql_with_params()
        table, rank = self.TABLE[tier], self.RANK[tier]
        match = self.match(query, tier, filters)
        # The newest BAND matches rank first; ``boundary`` is the oldest of them, or 0.
        band = f"""
            boundary AS MATERIALIZED (SELECT coalesce((
                SELECT rowid FROM {table} WHERE {table} MATCH %s
                ORDER BY rowid DESC LIMIT 1 OFFSET %s), 0) AS id)"""  # noqa: S608
        params: list[Any] = [match, BAND - 1]
        if window is not None:
            ranked = f"""
                candidate AS MATERIALIZED (
                    SELECT rowid AS id, {rank} AS rank FROM {table}
                    WHERE {table} MATCH %s AND rowid >= (SELECT id FROM boundary)
                    ORDER BY rank, rowid DESC LIMIT %s
                ),
                ranked AS (
                    SELECT id, 1 AS newest, rank FROM candidate
                    WHERE EXISTS (SELECT 1 FROM ({findable_sql}) AS findable
                                  WHERE findable.id = candidate.id)
                    ORDER BY rank, id DESC LIMIT %s
                ),
                total AS (
                    SELECT count(*) AS n, (SELECT id FROM boundary) > 0 AS older
                    FROM candidate)"""  # noqa: S608
            params += [match, window, *findable_params, want]
        else:
            ranked = f"""
                ranked AS (
                    SELECT {table}.rowid AS id,
                           {table}.rowid >= (SELECT id FROM boundary) AS newest,
                           {rank} AS rank
                    FROM {table}
                    JOIN ({findable_sql}) AS findable ON findable.id = {table}.rowid
                    WHERE {table} MATCH %s
                    ORDER BY newest DESC, rank, {table}.rowid DESC LIMIT %s
                ),
                total AS (SELECT NULL AS n, NULL AS older)"""  # noqa: S608
            params += [*findable_params, match, want]
        title = f"highlight({table}, 0, %s, %s)" if tier == OPENINGS else "NULL"
        # Titles and snippets for the page's rows only, in one more pass over the matches
        # (``+rowid`` keeps FTS5 from looking each row up on its own, which would merge
        # a prefix's whole doclist once per row).
        sql = f"""
            WITH {band}, {ranked},
            hit AS MATERIALIZED (
                SELECT id, row_number() OVER (ORDER BY newest DESC, rank, id DESC) AS position
                FROM ranked),
            page AS (
                SELECT rowid AS id, {title} AS title,
                       snippet({table}, {self.SNIPPET_COLUMN[tier]}, %s, %s, '…', 24) AS snippet
                FROM {table}
                WHERE {table} MATCH %s AND +rowid IN (SELECT id FROM hit WHERE position > %s))
            SELECT total.n, total.older, {HIT_COLUMNS}, page.title, page.snippet
            FROM total LEFT JOIN (hit {HIT_JOINS} LEFT JOIN page ON page.id = hit.id)
            ORDER BY hit.position
        """  # noqa: S608 (only our SQL and Django's compiled SQL; values are parameters)
        markers = [START, STOP] * (2 if tier == OPENINGS else 1)
        return sql, [*params, *markers, match, skip]

    def newest_matches_sql(self, term: Term, *, number: int) -> SQL:
        sql = (
            f"SELECT {number} AS term, rowid AS id FROM search_opening "  # noqa: S608
            "WHERE search_opening MATCH %s ORDER BY rowid DESC LIMIT %s"
        )
        return sql, [self._term(term), SIMILAR_CAP]

    def field_matches_sql(self, query: ParsedQuery) -> SQL:
        """One more lookup per term and field, from the term's oldest found match on: FTS5
        seeks to that rowid, so a word in every post reads SIMILAR_CAP rows again."""
        parts, params = [], []
        for number, term in enumerate(query.terms):
            for field in FIELDS:
                if field == TAGS and not term.condition_ids:
                    continue
                parts.append(
                    f"SELECT {number}, {field}, rowid FROM search_opening "  # noqa: S608
                    "WHERE search_opening MATCH %s "
                    f"AND rowid >= (SELECT id FROM oldest WHERE term = {number})"
                )
                params.append(self.FIELD_COLUMNS[field] + self._term(term))
        return " UNION ALL ".join(parts), params

    def size_sql(self) -> str:
        return "SELECT (SELECT count(*) FROM search_opening) + (SELECT count(*) FROM search_reply)"

    def count_sql(self, query: ParsedQuery) -> SQL:
        sql = (
            "SELECT (SELECT count(*) FROM search_opening WHERE search_opening MATCH %s) "
            "+ (SELECT count(*) FROM search_reply WHERE search_reply MATCH %s)"
        )
        return sql, [self.match(query, OPENINGS), self.match(query, REPLIES)]


class PostgreSQLBackend(SearchBackend):
    """A tsvector per post with a partial GIN index per tier, ``ts_rank``, ``ts_headline``."""

    typo_tolerant = True

    TITLE_HEADLINE = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
    BODY_HEADLINE = (
        f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, MaxFragments=2, "
        'FragmentDelimiter=" … "'
    )
    # Literal, not a parameter: the planner picks a partial index only for a predicate
    # it can see.
    TIER = {OPENINGS: "NOT document.reply", REPLIES: "document.reply"}

    @staticmethod
    def _term(term: Term) -> SQL:
        """One term's tsquery.

        Words and phrases go through ``websearch_to_tsquery``, which accepts any text.
        Prefixes need ``to_tsquery`` (``word:*``), which is safe here because the
        parser leaves only letters and digits in a word. Condition ids match only the
        D-weighted ``~c12`` tag lexemes, written as tsquery literals.
        """
        options, params = [], []
        for words in term.phrases:
            if term.prefix:
                options.append("to_tsquery('english', %s)")
                params.append(f"{words[0]}:*")
            else:
                options.append("websearch_to_tsquery('english', %s)")
                params.append('"' + " ".join(words) + '"')
        for word in term.completions:
            options.append("websearch_to_tsquery('english', %s)")
            params.append(word)
        if term.condition_ids:
            options.append("%s::tsquery")
            params.append(" | ".join(f"'~c{pk}':D" for pk in term.condition_ids))
        return "(" + " || ".join(options) + ")", params

    def tsquery(
        self, query: ParsedQuery, tier: str = OPENINGS, filters: Filters = Filters()
    ) -> SQL:
        """SQL for the tsquery and its parameters; the opening posts' filters are lexemes
        too (D-weighted, like the condition tags)."""
        sqls, params = [], []
        for term in query.terms:
            sql, term_params = self._term(term)
            sqls.append(sql)
            params += term_params
        tsquery = (" || " if query.match_any else " && ").join(sqls)
        required, excluded = filters.index_tokens() if tier == OPENINGS else ([], [])
        if required or excluded:
            tokens = [f"'~{token}':D" for token in required]
            tokens += [f"!'~{token}':D" for token in excluded]
            tsquery = f"({tsquery}) && %s::tsquery"
            params.append(" & ".join(tokens))
        return tsquery, params

    def ranked_sql(
        self,
        query: ParsedQuery,
        tier: str,
        findable: QuerySet[Post, FindableRow],
        *,
        filters: Filters = Filters(),
        window: int | None,
        skip: int,
        want: int,
    ) -> SQL:
        findable_sql, findable_params = findable.query.sql_with_params()
        tsquery_sql, tsquery_params = self.tsquery(query, tier, filters)
        where = f"{self.TIER[tier]} AND document.document @@ query.q"
        # No band (see BAND): finding a tier's newest matches would cost a pass over the
        # heap rows of every match, about what ranking them costs.
        band = f"query (q) AS NOT MATERIALIZED (SELECT {tsquery_sql})"
        params: list[Any] = [*tsquery_params]
        if window is not None:
            ranked = f"""
                candidate AS MATERIALIZED (
                    SELECT document.post_id AS id, ts_rank(document.document, query.q) AS rank
                    FROM search_document document CROSS JOIN query
                    WHERE {where}
                    ORDER BY rank DESC, document.post_id DESC LIMIT %s
                ),
                ranked AS (
                    SELECT id, true AS newest, rank FROM candidate
                    WHERE EXISTS (SELECT 1 FROM ({findable_sql}) AS findable
                                  WHERE findable.id = candidate.id)
                    ORDER BY rank DESC, id DESC LIMIT %s
                ),
                total AS (SELECT count(*) AS n, false AS older FROM candidate)"""  # noqa: S608
            params += [window, *findable_params, want]
        else:
            ranked = f"""
                ranked AS (
                    SELECT document.post_id AS id, true AS newest,
                           ts_rank(document.document, query.q) AS rank
                    FROM search_document document CROSS JOIN query
                    JOIN ({findable_sql}) AS findable ON findable.id = document.post_id
                    WHERE {where}
                    ORDER BY rank DESC, document.post_id DESC LIMIT %s
                ),
                total AS (SELECT NULL::bigint AS n, NULL::boolean AS older)"""  # noqa: S608
            params += [*findable_params, want]
        sql = f"""
            WITH {band}, {ranked},
            hit AS (SELECT id, row_number() OVER (ORDER BY newest DESC, rank DESC, id DESC)
                               AS position
                    FROM ranked)
            SELECT total.n, total.older, {HIT_COLUMNS},
                   CASE WHEN hit.position > %s AND post.depth = 0
                        THEN ts_headline('english', thread.title, query.q, %s) END,
                   CASE WHEN hit.position > %s
                        THEN ts_headline('english', post.body, query.q, %s) END
            FROM total CROSS JOIN query
            LEFT JOIN (hit {HIT_JOINS}) ON true
            ORDER BY hit.position
        """  # noqa: S608 (only our SQL and Django's compiled SQL; values are parameters)
        page = [skip, self.TITLE_HEADLINE, skip, self.BODY_HEADLINE]
        return sql, [*params, *page]

    def newest_matches_sql(self, term: Term, *, number: int) -> SQL:
        term_sql, params = self._term(term)
        sql = (
            f"SELECT {number} AS term, document.post_id AS id "  # noqa: S608
            "FROM search_document document "
            f"WHERE NOT document.reply AND document.document @@ {term_sql} "
            "ORDER BY document.post_id DESC LIMIT %s"
        )
        return sql, [*params, SIMILAR_CAP]

    def field_matches_sql(self, query: ParsedQuery) -> SQL:
        """Each found post's tsvector is matched against the term with weights (``word:A``
        for titles, ``word:B`` for bodies, the D-weighted tags). These need ``to_tsquery``,
        safe here as the parser leaves only letters and digits in a word; the tags are
        tsquery literals, as ``~`` would not survive parsing."""
        rows, params = [], []
        for number, term in enumerate(query.terms):
            for field in FIELDS:
                if field == TAGS:
                    if not term.condition_ids:
                        continue
                    rows.append(f"({number}, {field}, %s::tsquery)")
                    params.append(" | ".join(f"'~c{pk}':D" for pk in term.condition_ids))
                    continue
                weight = "A" if field == TITLE else "B"
                star = "*" if term.prefix else ""
                options = [
                    " <-> ".join(f"{word}:{star}{weight}" for word in words)
                    for words in term.phrases
                ]
                options += [f"{word}:{weight}" for word in term.completions]
                rows.append(f"({number}, {field}, to_tsquery('english', %s))")
                params.append(" | ".join(f"({option})" for option in options))
        sql = f"""
            SELECT found.term, fields.field, found.id FROM found
            JOIN search_document document ON document.post_id = found.id
            JOIN (VALUES {", ".join(rows)}) AS fields (term, field, q) ON fields.term = found.term
            WHERE document.document @@ fields.q
        """  # noqa: S608 (only our SQL; values are parameters)
        return sql, params

    def close_titles_sql(
        self, words: list[str], findable: QuerySet[Post, FindableRow], *, limit: int
    ) -> SQL:
        """Titles with a word like one of ``words`` (pg_trgm's ``<%``, through its GIN index),
        closest to all of them first."""
        findable_sql, params = findable.query.sql_with_params()
        close = " OR ".join(["%s <%% document.title"] * len(words))
        sql = f"""
            WITH hit AS (
                SELECT document.post_id AS id, document.title,
                       word_similarity(%s, document.title) AS closeness
                FROM search_document document
                JOIN ({findable_sql}) AS findable ON findable.id = document.post_id
                WHERE {close}
                ORDER BY closeness DESC, document.post_id DESC
                LIMIT %s)
            SELECT NULL, NULL, {HIT_COLUMNS}, hit.title, '' FROM hit {HIT_JOINS}
            ORDER BY hit.closeness DESC, hit.id DESC
        """  # noqa: S608 (only our SQL and Django's compiled SQL; values are parameters)
        return sql, [" ".join(words), *params, *words, limit]

    def size_sql(self) -> str:
        return "SELECT count(*) FROM search_document"

    def count_sql(self, query: ParsedQuery) -> SQL:
        tsquery_sql, params = self.tsquery(query)
        counts = [
            f"(SELECT count(*) FROM search_document document WHERE {self.TIER[tier]} "  # noqa: S608
            f"AND document.document @@ ({tsquery_sql}))"
            for tier in (OPENINGS, REPLIES)
        ]
        return "SELECT " + " + ".join(counts), params * 2


BACKENDS: dict[str, type[SearchBackend]] = {
    "sqlite": SQLiteBackend,
    "postgresql": PostgreSQLBackend,
}


def get_backend() -> SearchBackend:
    return BACKENDS[connection.vendor]()


def similar_questions(title: str, *, limit: int = 5) -> list[Hit]:
    """Public questions like a draft title, best first.

    Any word counts (a draft title rarely repeats an old one word for word), in the
    title, the body or the conditions; a condition named in the title finds what is
    tagged with it.
    """
    query = parse(title, Vocabulary.load(), match_any=True)
    return get_backend().similar(query, limit=limit)

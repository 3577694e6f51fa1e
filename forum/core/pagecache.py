"""Whole pages for visitors, kept until something they show changes.

A visitor (no session cookie, no message waiting) who asks for a registered page with GET
or HEAD gets the copy made for the last visitor, as long as the versions it was made with
are still current; the URL names and what each depends on are registered in
``forum/urls.py``. A version is a random token in the "pages" cache, replaced (after the
write's transaction commits) by every write that changes what pages show:

- ``thread:<id>``: a thread's pages, its continued branches and its feed (a reply, an
  edit, a status change, a helpful mark, an accepted answer);
- ``lists``: every page that lists threads (home, the lists, condition pages, profiles,
  feeds, the sitemap), replaced by any change to any thread;
- ``site``: every page (a moderation action, any change made through the admin, a member's
  new display name, a deleted account, a restored backup).

The key is the release (a hash of the code and templates, so machines running different
code never share pages), scheme, host, path and query; a query with any parameter the
page does not declare is never cached, so junk parameters cannot fill the cache.

Each worker also keeps the pages it served last (up to ``MEDIUS_PAGE_CACHE_WORKER_MB`` of
them, least recently served out first) and the versions it read, which it trusts for
``VERSIONS_MEMO_SECONDS`` (a quarter of a second). A hit on a page the worker holds costs no
round trip while its memo of the versions is that young, and one small read of the versions
after; a page it does not hold comes with its versions in one round trip. Either way a copy
is served only if it was made with the current versions, so a write is on every worker's
pages at most a quarter of a second after its new version reached the cache (the promise is
a second, measured by ``make cluster-test``); the worker that wrote forgets those versions
at once. A hit is served as stored: the ETag is kept with the body and headers, and nothing
is re-encoded or re-hashed, so a held 2 MB page costs what a 20 kB one does.

A page is kept only if it is a 200 that set no cookie, used no CSRF token and carries no
``Cache-Control`` of its own; members (anyone with a session cookie) always get a fresh
page, and their own pages are marked ``Cache-Control: private, no-store``. A page is made,
on a miss, from the primary, after its versions were read, so a copy is never older than
the versions it is filed under. Public pages carry an ``ETag`` (and
a feed its ``Last-Modified``): a browser or proxy that sends it back gets a
``304 Not Modified``. If the cache fails, pages are served uncached.
"""

import base64
import hashlib
import logging
import pickle
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache, partial
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe, quote_etag, urlencode

from . import db_router
from .views import PRIVATE_PREFIXES

logger = logging.getLogger(__name__)

SITE = "site"
LISTS = "lists"
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage.cookie_name
Versions = Callable[[Mapping[str, Any]], Sequence[str] | None]
# What a kept page stores: the versions it was made with, its ETag, headers, body, and the
# time (seconds since the epoch) after which it is no longer served.
Entry = tuple[tuple[str, ...], str, list[tuple[str, str]], bytes, float]
# How long a worker trusts the versions it read: well under the second within which a write
# must be on every worker's pages (see the module's docstring).
VERSIONS_MEMO_SECONDS = 0.25
_NOT_KEPT_HEADERS = frozenset({"cache-control", "etag", "x-page-cache"})
# Besides everything under PRIVATE_PREFIXES (account, notifications, admin): pages that show
# a member their own drafts, choices or half-written text.
MEMBERS_OWN_PAGES = frozenset(
    {
        "discussions:articles",  # lists their draft articles
        "discussions:ask",
        "discussions:article_new",
        "discussions:article_edit",
        "discussions:edit",
        "discussions:reply",
        "discussions:delete",
        "discussions:preview",
        "discussions:needs_answer",  # a clinician's own waiting list
        "conditions:answering",
        "moderation:report",
    }
)


def thread(pk: int | str) -> str:
    return f"thread:{pk}"


@dataclass(frozen=True)
class Rule:
    versions: Versions
    params: frozenset[str]
    timeout: int | None


_rules: dict[str, Rule] = {}


def register(
    view_name: str,
    *,
    versions: Versions | Sequence[str] = (),
    params: Iterable[str] = (),
    timeout: int | None = None,
) -> None:
    """Let visitors get the page named ``view_name`` from the cache.

    ``versions``: what it shows besides the site (``[LISTS]``), or a function of the URL's
    arguments giving them (``lambda kwargs: [thread(kwargs["pk"])]``; None: do not cache).
    ``params``: the query parameters the page reads. ``timeout``: seconds to keep it, if
    less than ``MEDIUS_PAGE_CACHE_SECONDS`` (pages that say "5 minutes ago").
    """
    if not callable(versions):
        names = tuple(versions)
        versions = partial(_constant, names)
    _rules[view_name] = Rule(versions=versions, params=frozenset(params), timeout=timeout)


def _constant(names: tuple[str, ...], kwargs: Mapping[str, Any]) -> tuple[str, ...]:
    return names


def bump(*names: str) -> None:
    """Once the current transaction commits (at once outside one), every page that
    depends on ``names`` is out of date, on every machine."""
    transaction.on_commit(partial(_replace_versions, names), robust=True)


def thread_changed(pk: int | str) -> None:
    """A thread changed: its own pages, and every list (which shows its counts)."""
    bump(thread(pk), LISTS)


def site_changed() -> None:
    bump(SITE)


def _replace_versions(names: Iterable[str]) -> None:
    versions = {_version_key(name): _token() for name in names}
    pages = _cache()
    if not versions:
        return
    if isinstance(pages, DatabaseCache):
        _upsert_versions(pages, versions)
    else:
        pages.set_many(versions, timeout=None)
    worker_memory.forget_versions(versions)


def _upsert_versions(pages: DatabaseCache, versions: dict[str, str]) -> None:
    """Write every version in one statement: the database cache's ``set_many`` costs five
    queries a key (a count for culling, a transaction, a read, a write).

    The rows are the ones ``DatabaseCache.set`` would write (its key, its pickled value,
    no expiry). Culling is left to the pages themselves, which are many more and go through
    ``set``: a version row is one per thread at most.
    """
    db = router.db_for_write(pages.cache_model_class)
    connection = connections[db]
    if connection.vendor not in {"sqlite", "postgresql"}:
        pages.set_many(versions, timeout=None)
        return
    quote = connection.ops.quote_name
    table = quote(pages.cache_model_class._meta.db_table)
    expires = connection.ops.adapt_datetimefield_value(datetime.max.replace(microsecond=0))
    rows: list[Any] = []
    for key, token in versions.items():
        value = base64.b64encode(pickle.dumps(token, pages.pickle_protocol)).decode("latin1")
        rows += [pages.make_and_validate_key(key), value, expires]
    key_column, value_column, expires_column = map(quote, ("cache_key", "value", "expires"))
    placeholders = ", ".join(["(%s, %s, %s)"] * len(versions))
    with connection.cursor() as cursor:
        cursor.execute(
            # Only quoted names of the cache table and its columns; the values are parameters.
            f"INSERT INTO {table} ({key_column}, {value_column}, {expires_column})"  # noqa: S608
            f" VALUES {placeholders} ON CONFLICT ({key_column}) DO UPDATE SET"
            f" {value_column} = excluded.{value_column},"
            f" {expires_column} = excluded.{expires_column}",
            rows,
        )


def _cache() -> Any:
    return caches["pages"]


def _token() -> str:
    return secrets.token_hex(6)


def _version_key(name: str) -> str:
    return f"pv:{name}"


@cache
def release() -> str:
    """A hash of the code, templates and static manifest this process serves."""
    digest = hashlib.blake2b(digest_size=8)
    base = settings.BASE_DIR
    for root in (base / "forum", base / "templates"):
        for path in sorted(root.rglob("*")):
            if path.suffix in {".py", ".html", ".txt", ".xml"} and path.is_file():
                digest.update(path.relative_to(base).as_posix().encode())
                digest.update(path.read_bytes())
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()


@cache
def _admin_root() -> str:
    return reverse("admin:index")


class WorkerMemory:
    """This worker's own copies of kept pages and of the versions it last read.

    Pages are kept up to ``MEDIUS_PAGE_CACHE_WORKER_MB`` of bodies, the least recently
    served going first; a page bigger than a quarter of that is never kept here. Safe for
    threaded workers.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._versions: dict[str, tuple[str, float]] = {}
        self._pages: OrderedDict[str, Entry] = OrderedDict()
        self._bytes = 0

    def versions(self, keys: Sequence[str]) -> tuple[str, ...] | None:
        """The versions read less than ``VERSIONS_MEMO_SECONDS`` ago, or None if any is older."""
        oldest = monotonic() - VERSIONS_MEMO_SECONDS
        found = []
        for key in keys:
            memo = self._versions.get(key)
            if memo is None or memo[1] <= oldest:
                return None
            found.append(memo[0])
        return tuple(found)

    def remember_versions(self, tokens: Mapping[str, str], read_at: float) -> None:
        """``read_at``: the monotonic time just before the read, so a memo never outlives
        the moment its tokens were known to be current."""
        with self._lock:
            for key, token in tokens.items():
                self._versions[key] = (token, read_at)

    def forget_versions(self, keys: Iterable[str]) -> None:
        with self._lock:
            for key in keys:
                self._versions.pop(key, None)

    def page(self, key: str) -> Entry | None:
        with self._lock:
            entry = self._pages.get(key)
            if entry is not None:
                self._pages.move_to_end(key)
            return entry

    def keep(self, key: str, entry: Entry) -> None:
        budget = settings.MEDIUS_PAGE_CACHE_WORKER_MB * 1024 * 1024
        size = len(entry[3])
        with self._lock:
            self._pop(key)
            if size > budget // 4:
                return
            self._pages[key] = entry
            self._bytes += size
            while self._bytes > budget:
                self._pop(next(iter(self._pages)))

    def drop(self, key: str) -> None:
        with self._lock:
            self._pop(key)

    def _pop(self, key: str) -> None:
        old = self._pages.pop(key, None)
        if old is not None:
            self._bytes -= len(old[3])

    def clear(self) -> None:
        """Forget everything (the tests do, with the cache they clear)."""
        with self._lock:
            self._versions.clear()
            self._pages.clear()
            self._bytes = 0


worker_memory = WorkerMemory()
monotonic = time.monotonic
wall_clock = time.time


class PageCacheMiddleware:
    """Serves and keeps visitors' copies of registered pages; sets every page's caching headers.

    Sits before the session middleware, so a cached page costs no session, user or CSRF
    work. A successful POST through the admin changes the site version, since the admin
    can edit anything a page shows.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        page = _visitor_page(request)
        if page is not None:
            return page.respond(self.get_response)
        response = self.get_response(request)
        _mark_private(request, response)
        if (
            request.method == "POST"
            and response.status_code < 400
            and request.path.startswith(_admin_root())
        ):
            site_changed()
        return response


def _visitor_page(request: HttpRequest) -> "VisitorPage | None":
    if request.method not in {"GET", "HEAD"}:
        return None
    cookies = request.COOKIES
    if cookies.get(settings.SESSION_COOKIE_NAME) or cookies.get(MESSAGES_COOKIE):
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    rule = _rules.get(match.view_name)
    if rule is None:
        return None
    query = request.GET
    if any(name not in rule.params or len(query.getlist(name)) > 1 for name in query):
        return None
    names = rule.versions(match.kwargs)
    if names is None:
        return None
    canonical_query = urlencode(sorted((name, query[name]) for name in query))
    url = f"{release()}|{request.scheme}://{request.get_host()}{request.path}?{canonical_query}"
    key = "page:" + hashlib.blake2b(url.encode(), digest_size=16).hexdigest()
    return VisitorPage(request, key, (SITE, *names), rule.timeout)


class VisitorPage:
    def __init__(
        self, request: HttpRequest, key: str, names: tuple[str, ...], timeout: int | None
    ) -> None:
        self.request = request
        self.key = key
        self.version_keys = [_version_key(name) for name in names]
        self.timeout = min(timeout or settings.MEDIUS_PAGE_CACHE_SECONDS,
                           settings.MEDIUS_PAGE_CACHE_SECONDS)  # fmt: skip

    def respond(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> HttpResponseBase:
        enabled = settings.MEDIUS_PAGE_CACHE
        versions: tuple[str, ...] = ()
        if enabled:
            try:
                entry, versions = self._lookup()
                if entry is not None:
                    return self._from_entry(entry)
            except Exception:
                logger.exception("Page cache unavailable; serving %s uncached", self.request.path)
                enabled = False
        if enabled:
            with db_router.primary():
                response = get_response(self.request)
        else:
            response = get_response(self.request)
        if not _keepable(self.request, response):
            _mark_private(self.request, response)
            return response
        assert isinstance(response, HttpResponse)
        etag = quote_etag(hashlib.blake2b(response.content, digest_size=16).hexdigest())
        response.headers["ETag"] = etag
        response.headers["Cache-Control"] = _public_cache_control()
        patch_vary_headers(response, ["Cookie"])
        if enabled and self.request.method == "GET":
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in _NOT_KEPT_HEADERS
            ]
            expires = wall_clock() + self.timeout
            made: Entry = (versions, etag, headers, response.content, expires)
            try:
                _cache().set(self.key, made, timeout=self.timeout)
            except Exception:
                logger.exception("Page cache unavailable; %s not kept", self.request.path)
            else:
                worker_memory.keep(self.key, made)
        response.headers["X-Page-Cache"] = "miss"
        return _conditional(self.request, response)

    def _lookup(self) -> tuple[Entry | None, tuple[str, ...]]:
        """The kept page if it is current, else None and the versions to file a new one under.

        This worker's own copy needs only the versions (from memory, or one small read);
        otherwise the page and its versions come in one round trip.
        """
        held = worker_memory.page(self.key)
        if held is not None:
            current = worker_memory.versions(self.version_keys)
            if current is None:
                read_at = monotonic()
                found = _cache().get_many(self.version_keys)
                current = self._learn(found, read_at)
            if current is not None and self._serves(held, current):
                return held, current
            worker_memory.drop(self.key)
        read_at = monotonic()
        found = _cache().get_many([self.key, *self.version_keys])
        current = self._learn(found, read_at)
        entry: Entry | None = found.get(self.key)
        if entry is not None and current is not None and self._serves(entry, current):
            worker_memory.keep(self.key, entry)
            return entry, current
        return None, self._start_missing_versions(found)

    def _learn(self, found: Mapping[str, Any], read_at: float) -> tuple[str, ...] | None:
        tokens = {key: found[key] for key in self.version_keys if found.get(key) is not None}
        worker_memory.remember_versions(tokens, read_at)
        if len(tokens) < len(self.version_keys):
            return None
        return tuple(tokens[key] for key in self.version_keys)

    @staticmethod
    def _serves(entry: Entry, current: tuple[str, ...]) -> bool:
        return entry[0] == current and entry[4] > wall_clock()

    def _start_missing_versions(self, found: Mapping[str, Any]) -> tuple[str, ...]:
        """Versions never set (or evicted) start with fresh tokens, never with a reused one."""
        missing = {key: _token() for key in self.version_keys if found.get(key) is None}
        if missing:
            _cache().set_many(missing, timeout=None)
        return tuple(found.get(key) or missing[key] for key in self.version_keys)

    def _from_entry(self, entry: Entry) -> HttpResponseBase:
        _, etag, headers, content, _ = entry
        response = HttpResponse(content)
        for name, value in headers:
            response.headers[name] = value
        response.headers["ETag"] = etag
        response.headers["Cache-Control"] = _public_cache_control()
        response.headers["X-Page-Cache"] = "hit"
        return _conditional(self.request, response)


def _public_cache_control() -> str:
    age = settings.MEDIUS_PUBLIC_MAX_AGE
    return f"public, max-age={age}, stale-while-revalidate={age}"


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponseBase:
    last_modified = parse_http_date_safe(response.headers.get("Last-Modified", ""))
    conditional = get_conditional_response(
        request, etag=response.headers["ETag"], last_modified=last_modified, response=response
    )
    return conditional or response


def _keepable(request: HttpRequest, response: HttpResponseBase) -> bool:
    """A page anyone may be given: nothing in it or about it belongs to this visitor."""
    user = getattr(request, "user", None)
    return (
        isinstance(response, HttpResponse)
        and response.status_code == 200
        and not response.cookies
        and "Cache-Control" not in response
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (user is not None and user.is_authenticated)
        and b"csrfmiddlewaretoken" not in response.content
    )


def _mark_private(request: HttpRequest, response: HttpResponseBase) -> None:
    """A member's own pages (their account, notifications, data, drafts and forms, the
    admin) are for their browser only, and are not kept even there.

    Other pages a member reads (a thread with their name in the header) get no caching
    header: no proxy keeps them (no validator, ``Vary: Cookie``), and the service worker
    (static/js/sw.js) may keep the threads they read for reading offline.
    """
    if "Cache-Control" in response:
        return
    match = getattr(request, "resolver_match", None)
    if request.path.startswith(PRIVATE_PREFIXES) or (
        match is not None
        and match.view_name in MEMBERS_OWN_PAGES
        and request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    ):
        response.headers["Cache-Control"] = "private, no-store"

"""The page cache: visitors get kept copies of public pages, fresh after every write that
changes them; members never get one; nothing personal is ever kept; ETags give 304s."""

import os
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from forum.core import pagecache
from forum.discussions import services
from forum.discussions.models import Status, Thread
from forum.moderation import services as moderation
from forum.privacy import services as privacy
from tests.factories import make_question

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("MEDIUS_TEST_REDIS_URL")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
NOTICE = "Not medical advice."
# A hit on a page this worker holds, while its memo of the versions is young: no query.
# Otherwise a hit is one read of the "pages" cache (the versions, or the page with its
# versions): with the database cache (the default) one query; a continued branch first
# finds its thread. The first hit after a miss reads the versions (none was memoised).
HELD_HIT_QUERIES = 0
THREAD_HIT_QUERIES = 1
SUBTHREAD_HIT_QUERIES = 2


@pytest.fixture(autouse=True)
def page_cache(settings: Any) -> None:
    settings.MEDIUS_PAGE_CACHE = True


@pytest.fixture
def committing(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    """Run the after-commit callbacks (the version bumps) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def conversation(question: Thread, other_member: Any) -> dict[str, Any]:
    first = services.post_reply(
        parent=question.opening_post, author=other_member, body="Side-lying hurts me too."
    )
    deep = first
    for depth in range(6):
        deep = services.post_reply(parent=deep, author=other_member, body=f"Deeper {depth}.")
    return {"thread": question, "first": first, "deep": deep}


def visit(url: str, **headers: str) -> Any:
    return Client().get(url, headers=headers)


class Clock:
    """Stands in for the worker's monotonic clock and the wall clock, which move only when
    told to."""

    def __init__(self) -> None:
        self.monotonic = 1000.0
        self.wall = 1_800_000_000.0

    def advance(self, seconds: float) -> None:
        self.monotonic += seconds
        self.wall += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(pagecache, "monotonic", lambda: fake.monotonic)
    monkeypatch.setattr(pagecache, "wall_clock", lambda: fake.wall)
    return fake


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The keys of every read of the "pages" cache, in order."""
    seen: list[list[str]] = []
    pages = caches["pages"]
    real = pages.get_many

    def get_many(keys: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(list(keys))
        return real(keys, *args, **kwargs)

    monkeypatch.setattr(pages, "get_many", get_many)
    return seen


def test_second_visitor_gets_the_kept_copy(question: Thread, django_assert_num_queries: Any):
    url = question.get_absolute_url()
    first = visit(url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(THREAD_HIT_QUERIES):
        second = visit(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["ETag"] == first["ETag"]


def test_list_and_continued_branch_hits_cost_one_lookup(
    conversation: dict[str, Any], clock: Clock, django_assert_num_queries: Any
):
    """Once this worker's memo of the versions has run out (home and the list share one)."""
    subthread = reverse("discussions:subthread", args=[conversation["first"].pk])
    for url, queries in [
        (reverse("home"), THREAD_HIT_QUERIES),
        ("/questions/?sort=active&page=1", THREAD_HIT_QUERIES),
        (subthread, SUBTHREAD_HIT_QUERIES),
    ]:
        assert visit(url)["X-Page-Cache"] == "miss", url
        clock.advance(pagecache.VERSIONS_MEMO_SECONDS)
        with django_assert_num_queries(queries):
            assert visit(url)["X-Page-Cache"] == "hit", url


def public_urls(conversation: dict[str, Any], article: Thread, condition: Any) -> list[str]:
    thread = conversation["thread"]
    return [
        reverse("home"),
        reverse("help"),
        "/questions/",
        "/questions/?sort=helpful&show=unanswered",
        f"/questions/?condition={condition.slug}",
        reverse("discussions:needs_answer"),
        reverse("discussions:articles"),
        reverse("discussions:conditions"),
        condition.get_absolute_url(),
        thread.get_absolute_url(),
        thread.get_absolute_url() + "?view=all",
        article.get_absolute_url(),
        reverse("discussions:subthread", args=[conversation["first"].pk]),
        reverse("discussions:profile", args=[thread.author.username]),
        reverse("site_feed"),
        reverse("discussions:condition_feed", args=[condition.slug]),
        reverse("discussions:thread_feed", args=[thread.pk]),
        reverse("sitemap"),
        reverse("sitemap_section", args=["threads"]),
    ]


def test_every_public_page_is_kept_and_holds_nothing_for_one_visitor_only(
    conversation: dict[str, Any], article: Thread, condition: Any
):
    """Each page registered in forum/urls.py is kept for visitors, and what is kept has no
    CSRF token, sets no cookie and keeps the not-medical-advice notice."""
    for url in public_urls(conversation, article, condition):
        first, second = visit(url), visit(url)
        assert (first.status_code, second.status_code) == (200, 200), url
        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit"), url
        for response in (first, second):
            body = response.content.decode()
            assert "csrfmiddlewaretoken" not in body, url
            assert not response.cookies, url
            assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=60"
            assert "Cookie" in response["Vary"], url
            if response["Content-Type"].startswith("text/html"):
                assert NOTICE in body, url
                assert "Log in" in body, url


def test_members_never_get_a_kept_copy_and_their_pages_are_never_kept(
    question: Thread, member: Any, other_member: Any
):
    url = question.get_absolute_url()
    assert visit(url)["X-Page-Cache"] == "miss"
    bob = Client()
    bob.force_login(other_member)
    response = bob.get(url)
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")
    assert "bob" in response.content.decode()
    assert "csrfmiddlewaretoken" in response.content.decode()
    # A visitor after bob still gets the visitor's copy, not bob's page.
    kept = visit(url)
    assert kept["X-Page-Cache"] == "hit"
    assert "Log out" not in kept.content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "notifications:list",
        "notifications:settings",
        "accounts:settings",
        "accounts:clinician",
        "privacy:index",
        "discussions:ask",
        "discussions:articles",
        "discussions:article_new",
        "account_email",
        "usersessions_list",
    ],
)
def test_a_members_own_pages_are_private_and_not_stored(editor: Any, name: str):
    browser = Client()
    browser.force_login(editor)
    response = browser.get(reverse(name))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_a_thread_a_member_reads_may_be_kept_by_their_own_browser(
    question: Thread, member_client: Client
):
    """Not by a proxy (no validator, Vary: Cookie), but by the service worker for offline
    reading (static/js/sw.js refuses private and no-store)."""
    response = member_client.get(question.get_absolute_url())
    assert "Cache-Control" not in response
    assert "ETag" not in response and "Cookie" in response["Vary"]


def test_the_sign_in_page_is_private_for_visitors_too(client: Client):
    response = client.get(reverse("account_login"))
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


def test_a_reply_is_on_the_kept_page_once_committed(
    question: Thread, member_client: Client, committing: Callable[[], Any]
):
    url = question.get_absolute_url()
    visit(url)
    assert visit(url)["X-Page-Cache"] == "hit"
    with committing():
        response = member_client.post(
            reverse("discussions:reply", args=[question.opening_post_id]),
            {"body": "Clamshells helped me after six weeks."},
        )
    assert response.status_code == 302
    fresh = visit(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Clamshells helped me after six weeks." in fresh.content.decode()


def kept(url: str) -> bool:
    return bool(visit(url)["X-Page-Cache"] == "hit")


def warm(*urls: str) -> None:
    for url in urls:
        visit(url)
        assert kept(url), url


def test_versions_reach_only_the_pages_that_depend_on_them(
    question: Thread, member: Any, condition: Any, committing: Callable[[], Any]
):
    other = make_question(
        author=member, conditions=[condition], title="Pain on the stairs", body="Stairs hurt."
    )
    thread_url, other_url, home = (
        question.get_absolute_url(),
        other.get_absolute_url(),
        reverse("home"),
    )
    warm(thread_url, other_url, home)
    with committing():
        pagecache.bump(pagecache.thread(question.pk))
    assert (kept(thread_url), kept(other_url), kept(home)) == (False, True, True)
    warm(thread_url)
    with committing():
        pagecache.bump(pagecache.LISTS)
    assert (kept(thread_url), kept(other_url), kept(home)) == (True, True, False)
    warm(home)
    with committing():
        pagecache.site_changed()
    assert (kept(thread_url), kept(other_url), kept(home)) == (False, False, False)


def test_a_bump_waits_for_the_commit(question: Thread, django_capture_on_commit_callbacks: Any):
    url = question.get_absolute_url()
    warm(url)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pagecache.thread_changed(question.pk)
        assert kept(url), "a page re-made before the commit would show the old rows again"
    assert len(callbacks) == 1
    callbacks[0]()
    assert not kept(url)


def _reply(thread: Thread, author: Any, body: str = "Ice, then heat.") -> Any:
    return services.post_reply(parent=thread.opening_post, author=author, body=body)


WRITES: dict[str, Callable[[dict[str, Any]], Any]] = {
    "reply": lambda w: _reply(w["thread"], w["alice"], "Heat, then ice."),
    "edit": lambda w: services.edit_post(post=w["reply"], editor=w["bob"], body="Heat, then ice."),
    "delete": lambda w: services.delete_post(post=w["reply"], actor=w["bob"]),
    "helpful": lambda w: services.mark_helpful(post=w["reply"], user=w["alice"]),
    "not helpful": lambda w: (
        services.mark_helpful(post=w["reply"], user=w["alice"]),
        services.unmark_helpful(post=w["reply"], user=w["alice"]),
    ),
    "accept": lambda w: services.accept_answer(
        thread=w["thread"], post=w["reply"], actor=w["alice"]
    ),
    "hide": lambda w: moderation.hide_post(post=w["reply"], moderator=w["mod"], reason="Spam."),
    "lock": lambda w: moderation.set_thread_locked(
        thread=w["thread"], moderator=w["mod"], locked=True
    ),
    "pin": lambda w: moderation.set_thread_pinned(
        thread=w["thread"], moderator=w["mod"], pinned=True
    ),
    "ban": lambda w: moderation.ban_member(member=w["bob"], moderator=w["mod"], reason="Spam."),
    "erase": lambda w: privacy.delete_member(member=w["bob"], keep_posts=False),
}  # fmt: skip


@pytest.mark.parametrize("write", list(WRITES))
def test_every_write_that_changes_a_page_makes_its_kept_copy_stale(
    write: str,
    question: Thread,
    member: Any,
    other_member: Any,
    moderator: Any,
    committing: Callable[[], Any],
):
    world = {"thread": question, "alice": member, "bob": other_member, "mod": moderator}
    world["reply"] = _reply(question, other_member)
    url = question.get_absolute_url()
    warm(url)
    with committing():
        WRITES[write](world)
    assert not kept(url)


def test_article_update_and_profile_change_make_pages_stale(
    article: Thread, editor: Any, member_client: Client, committing: Callable[[], Any]
):
    url = article.get_absolute_url()
    warm(url)
    with committing():
        services.update_article(
            article=article,
            editor=editor,
            title=article.title,
            summary="A new summary.",
            body=article.opening_post.body,
            conditions=list(article.conditions.all()),
            publish=True,
        )
    assert not kept(url)
    warm(url)
    with committing():
        member_client.post(reverse("accounts:settings"), {"display_name": "Alice B", "bio": ""})
    assert not kept(url)


def test_any_change_through_the_admin_makes_every_page_stale(
    question: Thread, moderator_client: Client, condition: Any, committing: Callable[[], Any]
):
    url = question.get_absolute_url()
    warm(url)
    with committing():
        response = moderator_client.post(
            reverse("admin:conditions_condition_change", args=[condition.pk]),
            {
                "name": "Gluteal tendinopathy",
                "slug": condition.slug,
                "description": condition.description,
                "synonyms-TOTAL_FORMS": "0",
                "synonyms-INITIAL_FORMS": "0",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not kept(url)


def browse(client: Client, method: str, url: str) -> Any:
    """A request as a browser makes it: cookies the server deleted are gone afterwards
    (the test client would send them back empty)."""
    response = getattr(client, method)(url)
    for name, morsel in response.cookies.items():
        if morsel["max-age"] == 0:
            del client.cookies[name]
    return response


def test_pending_messages_are_shown_once_and_never_kept(member_client: Client):
    assert browse(member_client, "post", reverse("account_logout")).status_code == 302
    assert "messages" in member_client.cookies
    with_message = browse(member_client, "get", reverse("home"))
    assert "You have signed out." in with_message.content.decode()
    assert "X-Page-Cache" not in with_message
    after = browse(member_client, "get", reverse("home"))
    assert "You have signed out." not in after.content.decode()
    assert after["X-Page-Cache"] == "miss"
    assert browse(member_client, "get", reverse("home"))["X-Page-Cache"] == "hit"


def test_unknown_query_parameters_bypass_the_cache(question: Thread):
    url = question.get_absolute_url()
    for query in ["?utm_source=mail", "?from=1&from=2", "?view=all&x=1"]:
        response = visit(url + query)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response, query
    warm(url + "?view=all")


def test_a_kept_page_is_a_304_for_its_etag(question: Thread, django_assert_num_queries: Any):
    url = question.get_absolute_url()
    etag = visit(url)["ETag"]
    with django_assert_num_queries(THREAD_HIT_QUERIES):
        response = visit(url, if_none_match=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert visit(url, if_none_match='W/"something-else"').status_code == 200
    assert visit(url, if_none_match="W/" + etag).status_code == 304  # as nginx's gzip sends it


def test_feeds_answer_if_modified_since_and_pages_an_etag_without_the_cache(
    question: Thread, settings: Any
):
    feed = visit(reverse("site_feed"))
    assert feed.status_code == 200
    assert visit(reverse("site_feed"), if_modified_since=feed["Last-Modified"]).status_code == 304
    settings.MEDIUS_PAGE_CACHE = False
    page = visit(question.get_absolute_url())
    assert "X-Page-Cache" in page  # a miss each time: nothing is kept
    assert visit(question.get_absolute_url(), if_none_match=page["ETag"]).status_code == 304
    assert visit(question.get_absolute_url())["X-Page-Cache"] == "miss"


def test_kept_pages_get_the_security_headers_every_time(question: Thread):
    url = question.get_absolute_url()
    warm(url)
    response = visit(url)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_that_are_not_200_are_never_kept(question: Thread):
    wrong_slug = reverse("discussions:question", args=[question.pk, "wrong-slug"])
    assert visit(wrong_slug).status_code == 301
    missing = reverse("discussions:question", args=[question.pk + 1000, "x"])
    assert visit(missing).status_code == 404
    assert "X-Page-Cache" not in visit(wrong_slug)
    services.set_post_status(post=question.opening_post, status=Status.HELD)
    response = visit(question.get_absolute_url())
    assert response.status_code == 404
    assert "X-Page-Cache" not in visit(question.get_absolute_url())


def test_a_failing_cache_serves_pages_uncached(question: Thread, monkeypatch: pytest.MonkeyPatch):
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("cache down")

    monkeypatch.setattr(caches["pages"], "get_many", broken)
    response = visit(question.get_absolute_url())
    assert response.status_code == 200
    assert question.title in response.content.decode()


def test_a_new_release_does_not_share_pages_with_the_old_one(
    question: Thread, monkeypatch: pytest.MonkeyPatch
):
    url = question.get_absolute_url()
    warm(url)
    monkeypatch.setattr(pagecache, "release", lambda: "another-release")
    assert visit(url)["X-Page-Cache"] == "miss"


def test_release_hash_follows_the_code_and_templates(tmp_path: Any, settings: Any) -> None:
    settings.BASE_DIR = tmp_path
    settings.STATIC_ROOT = tmp_path / "static"
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "base.html"
    template.write_text("<p>one</p>")
    before = pagecache.release.__wrapped__()
    template.write_text("<p>two</p>")
    assert pagecache.release.__wrapped__() != before


@pytest.fixture
def redis_pages(settings: Any) -> Iterator[None]:
    if not REDIS_URL:
        reason = "MEDIUS_TEST_REDIS_URL not set (.ci/run starts redis-server and sets it)"
        if IN_CI:
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    settings.CACHES = settings.CACHES | {
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    yield
    caches["pages"].clear()


def test_with_redis_a_kept_page_costs_no_query(
    redis_pages: None, question: Thread, django_assert_num_queries: Any
):
    url = question.get_absolute_url()
    visit(url)
    with django_assert_num_queries(0):
        assert visit(url)["X-Page-Cache"] == "hit"


def test_a_query_value_cannot_pass_for_two_parameters(condition: Any) -> None:
    warm(f"/questions/?condition={condition.slug}&page=1")
    odd = visit(f"/questions/?condition={condition.slug}%26page%3D1")
    assert odd.status_code == 404  # no condition has that slug; not the kept list


def test_a_worker_serves_a_page_it_holds_without_a_round_trip_while_its_versions_are_young(
    question: Thread, clock: Clock, reads: list[list[str]], django_assert_num_queries: Any
):
    url = question.get_absolute_url()
    warm(url)
    reads.clear()
    with django_assert_num_queries(HELD_HIT_QUERIES):
        for _ in range(3):
            assert kept(url)
    assert reads == []
    clock.advance(pagecache.VERSIONS_MEMO_SECONDS)
    with django_assert_num_queries(THREAD_HIT_QUERIES):
        assert kept(url)
    assert len(reads) == 1
    assert all(key.startswith("pv:") for key in reads[0]), "only the versions are read"


def test_a_page_this_worker_does_not_hold_comes_with_its_versions_in_one_read(
    question: Thread, reads: list[list[str]], django_assert_num_queries: Any
):
    url = question.get_absolute_url()
    made = visit(url)
    pagecache.worker_memory.clear()  # as on another worker, which did not make the page
    reads.clear()
    with django_assert_num_queries(THREAD_HIT_QUERIES):
        response = visit(url)
    assert response["X-Page-Cache"] == "hit"
    assert response.content == made.content and response["ETag"] == made["ETag"]
    assert len(reads) == 1 and len([k for k in reads[0] if k.startswith("page:")]) == 1
    with django_assert_num_queries(HELD_HIT_QUERIES):
        assert kept(url), "and this worker holds it from now on"


def test_a_write_made_by_another_worker_is_served_once_the_memo_of_versions_runs_out(
    question: Thread, other_member: Any, clock: Clock
):
    """Another worker's bump reaches this one only through the cache: this worker serves
    its copy for at most VERSIONS_MEMO_SECONDS after it last read the versions, well
    within the promised second."""
    assert pagecache.VERSIONS_MEMO_SECONDS <= 0.5
    url = question.get_absolute_url()
    warm(url)
    _reply(question, other_member, "Stretching the piriformis eased it.")  # no commit here
    # What the other worker's commit does to the cache (not to this worker's memory):
    key = pagecache._version_key(pagecache.thread(question.pk))
    caches["pages"].set(key, "another-workers-token", timeout=None)
    clock.advance(pagecache.VERSIONS_MEMO_SECONDS / 2)
    assert kept(url)
    clock.advance(pagecache.VERSIONS_MEMO_SECONDS / 2)
    fresh = visit(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Stretching the piriformis eased it." in fresh.content.decode()
    assert kept(url)


def test_a_page_held_by_the_worker_expires_with_its_timeout(
    question: Thread, clock: Clock, settings: Any
):
    home, thread_url = reverse("home"), question.get_absolute_url()
    warm(home, thread_url)
    clock.advance(61)  # lists live 60 s, as they say "5 minutes ago"
    assert (kept(home), kept(thread_url)) == (False, True)
    clock.advance(settings.MEDIUS_PAGE_CACHE_SECONDS)
    assert not kept(thread_url)


def test_a_hit_serves_the_bytes_and_etag_as_stored(
    question: Thread, monkeypatch: pytest.MonkeyPatch
):
    url = question.get_absolute_url() + "?view=all"
    made = visit(url)
    visit(url)

    def no_hashing(*args: Any) -> str:
        raise AssertionError("a hit must not hash the body again")

    monkeypatch.setattr(pagecache, "quote_etag", no_hashing)
    for _ in range(2):
        response = visit(url)
        assert response["X-Page-Cache"] == "hit" and response["ETag"] == made["ETag"]
    held = [entry for entry in pagecache.worker_memory._pages.values()]
    assert len(held) == 1 and response.content is held[0][3], "the very bytes kept"


def _entry(size: int) -> pagecache.Entry:
    return (("v",), '"etag"', [], b"x" * size, float("inf"))


def test_worker_memory_keeps_the_pages_served_last_within_its_budget(settings: Any):
    settings.MEDIUS_PAGE_CACHE_WORKER_MB = 1
    memory = pagecache.WorkerMemory()
    for name in "abcde":
        memory.keep(name, _entry(200_000))
    assert memory.page("a") is not None  # a is now the most recently served
    memory.keep("f", _entry(200_000))
    assert [name for name in "abcdef" if memory.page(name) is None] == ["b"]
    memory.keep("huge", _entry(300_000))  # more than a quarter of the budget
    memory.keep("d", _entry(300_000))  # and its older, smaller copy goes too
    assert (memory.page("huge"), memory.page("d")) == (None, None)
    memory.keep("a", _entry(100))  # a page kept again replaces its old copy
    memory.drop("c")
    assert memory._bytes == 100 + 2 * 200_000
    settings.MEDIUS_PAGE_CACHE_WORKER_MB = 0
    memory.keep("g", _entry(1))
    assert memory.page("g") is None

"""Reads from a replica, writes to the primary, and a member who just wrote reads the primary.

"replica1" is a second alias on the test database (TEST MIRROR, tests/conftest.py), as
Django's docs describe for testing primary/replica setups: writes through "default" are
visible through it because they are the same database, so these tests check where each
query goes, not replication (``make cluster-test`` does that with a real standby).
"""

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.db import connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forum.accounts.models import User
from forum.core import db_router
from forum.discussions.models import Post, Thread
from tests.discussions.test_query_counts import EMPTY_QUESTION_VISITOR_QUERIES
from tests.factories import UserFactory, make_question

ROUTER = "forum.core.db_router.PrimaryReplicaRouter"
BOTH = ["default", "replica1"]


@pytest.fixture
def replica(settings: Any) -> None:
    settings.DATABASE_REPLICAS = ["replica1"]
    settings.DATABASE_ROUTERS = [ROUTER]
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("forum.core.pagecache.PageCacheMiddleware"),
        "forum.core.db_router.ReplicaMiddleware",
    )
    settings.MIDDLEWARE = middleware


@pytest.fixture
def reading_replica() -> Iterator[None]:
    token = db_router._replica.set("replica1")
    yield
    db_router._replica.reset(token)


def test_without_replicas_there_is_no_router_and_no_middleware(settings: Any) -> None:
    assert settings.DATABASE_ROUTERS == []
    assert "forum.core.db_router.ReplicaMiddleware" not in settings.MIDDLEWARE


def test_outside_a_request_everything_reads_the_primary() -> None:
    router = db_router.PrimaryReplicaRouter()
    assert router.db_for_read(Post) == "default"
    assert router.db_for_write(Post) == "default"


def test_a_request_reads_its_replica_except_what_must_be_fresh(reading_replica: None) -> None:
    router = db_router.PrimaryReplicaRouter()
    assert router.db_for_read(Post) == "replica1"
    assert router.db_for_read(User) == "replica1"
    assert router.db_for_read(Session) == "default"
    assert router.allow_migrate("replica1", "discussions") is False
    assert router.allow_migrate("default", "discussions") is True


def test_once_a_request_writes_it_reads_the_primary(reading_replica: None) -> None:
    router = db_router.PrimaryReplicaRouter()
    router.db_for_write(Post)
    assert router.db_for_read(Post) == "default"


def test_primary_block_reads_the_primary(reading_replica: None) -> None:
    router = db_router.PrimaryReplicaRouter()
    with db_router.primary():
        assert router.db_for_read(Post) == "default"
    assert router.db_for_read(Post) == "replica1"


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_reads_inside_a_transaction_use_the_primary(replica: None, reading_replica: None) -> None:
    router = db_router.PrimaryReplicaRouter()
    with transaction.atomic():
        assert router.db_for_read(Post) == "default"


def queries_on(alias: str) -> CaptureQueriesContext:
    return CaptureQueriesContext(connections[alias])


@pytest.fixture
def thread(transactional_db: None) -> Thread:
    return make_question(author=UserFactory(username="asker"), conditions=[])


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_visitors_page_reads_the_replica(replica: None, thread: Thread) -> None:
    with queries_on("default") as primary, queries_on("replica1") as replica_queries:
        assert Client().get(thread.get_absolute_url()).status_code == 200
    assert len(primary) == 0
    assert len(replica_queries) == EMPTY_QUESTION_VISITOR_QUERIES  # as without a replica


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_page_made_for_the_page_cache_reads_the_primary(
    replica: None, thread: Thread, settings: Any
) -> None:
    """A kept page is filed under the versions current when it was made; made from a replica
    that has not caught up, it would show old rows under a new version until the next write."""
    settings.MEDIUS_PAGE_CACHE = True
    with queries_on("replica1") as replica_queries:
        assert Client().get(thread.get_absolute_url())["X-Page-Cache"] == "miss"
        assert Client().get(thread.get_absolute_url())["X-Page-Cache"] == "hit"
    assert len(replica_queries) == 0


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_member_who_just_wrote_reads_the_primary_for_a_while(
    replica: None, thread: Thread, settings: Any
) -> None:
    member = UserFactory(username="writer")
    browser = Client()
    browser.force_login(member)
    with queries_on("replica1") as replica_queries:
        browser.get(thread.get_absolute_url())
    assert len(replica_queries) > 0, "before writing, the member reads the replica"

    with time_machine.travel(timezone.now(), tick=False) as clock:
        response = browser.post(
            reverse("discussions:reply", args=[thread.opening_post_id]),
            {"body": "Mine got better with time."},
        )
        assert response.status_code == 302
        mark = response.cookies[db_router.RECENT_WRITE_COOKIE]
        assert mark["httponly"] and mark["max-age"] == settings.MEDIUS_READ_YOUR_WRITES_SECONDS
        with queries_on("replica1") as replica_queries:
            page = browser.get(response["Location"], follow=True)
        assert "Mine got better with time." in page.content.decode()
        assert len(replica_queries) == 0

        clock.shift(settings.MEDIUS_READ_YOUR_WRITES_SECONDS + 1)
        with queries_on("replica1") as replica_queries:
            browser.get(thread.get_absolute_url())
    assert len(replica_queries) > 0, "the mark runs out"


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_forged_mark_is_ignored(replica: None, thread: Thread) -> None:
    browser = Client()
    browser.cookies[db_router.RECENT_WRITE_COOKIE] = "1"
    with queries_on("replica1") as replica_queries:
        browser.get(thread.get_absolute_url())
    assert len(replica_queries) > 0

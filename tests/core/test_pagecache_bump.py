"""Replacing page versions (forum/core/pagecache.py, the write side): with the database
cache, every version a write changes is one statement, and the rows it writes are the ones
the cache itself reads back."""

from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection

from forum.core import pagecache

pytestmark = pytest.mark.django_db


def test_a_thread_change_replaces_both_versions_in_one_query(
    django_capture_on_commit_callbacks: Any, django_assert_num_queries: Any
):
    pages = caches["pages"]
    pages.set_many({"pv:thread:7": "old", "pv:lists": "old"}, timeout=None)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pagecache.thread_changed(7)
    with django_assert_num_queries(1):
        callbacks[0]()

    versions = pages.get_many(["pv:thread:7", "pv:lists"])
    assert set(versions) == {"pv:thread:7", "pv:lists"}
    assert "old" not in versions.values()
    assert len(set(versions.values())) == 2  # each version its own fresh token
    assert pages.get("pv:site") is None  # nothing else touched


def test_a_version_never_set_is_created_and_never_expires(
    django_capture_on_commit_callbacks: Any,
):
    pages = caches["pages"]
    with django_capture_on_commit_callbacks(execute=True):
        pagecache.site_changed()
    first = pages.get("pv:site")
    assert isinstance(first, str) and first
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM medius_page_cache WHERE cache_key LIKE '%pv:site'")
        [(expires,)] = cursor.fetchall()
    assert str(expires).startswith("9999-12-31")

    with django_capture_on_commit_callbacks(execute=True):
        pagecache.site_changed()
    assert pages.get("pv:site") not in {None, first}


def test_with_another_cache_the_versions_go_through_set_many(
    settings: Any, django_capture_on_commit_callbacks: Any
):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "bump-test",
        },
    }
    pages = caches["pages"]
    with django_capture_on_commit_callbacks(execute=True):
        pagecache.thread_changed(3)
    assert set(pages.get_many(["pv:thread:3", "pv:lists"])) == {"pv:thread:3", "pv:lists"}

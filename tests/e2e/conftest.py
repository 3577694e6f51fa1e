"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Without Chromium they are skipped with a reason on a developer's machine; in CI
(``CI=true``) a missing browser fails the run instead.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.db import connections

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path() -> str | None:
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if name and (found := shutil.which(name)):
            return found
    return None


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """One Chromium for the session, started after the test databases exist.

    While Playwright's sync API runs, this thread has a running event loop, so Django's
    connection handler (an ``asgiref`` thread-critical ``Local``) hands out a second set of
    connection objects, made afresh from the settings. Those lack the migrated state that
    ``django_db_setup`` serialised onto the first set (``_test_serialized_contents``), and
    ``serialized_rollback`` skips a connection without it silently: every transactional
    test after a browser started then began without the rows the data migrations made
    (groups, red-flag phrases, the "Not sure yet" condition, the treatment vocabulary).
    The serialised state is carried over to the new connections
    (tests/e2e/test_browser_database.py).
    """
    path = _chromium_path()
    if path is None:
        reason = "Chromium not found (install Debian's chromium package)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{reason}: CI must run the browser tests", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread while the browser
    # lives; the ORM calls that tests and fixtures make meanwhile are plain
    # synchronous code, so Django's async-safety guard must stand aside.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        serialized = _serialized_contents()
        with sync_playwright() as playwright:
            _restore_serialized_contents(serialized)
            browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def _serialized_contents() -> dict[str, str]:
    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


def _restore_serialized_contents(serialized: dict[str, str]) -> None:
    for alias, contents in serialized.items():
        connections[alias]._test_serialized_contents = contents


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()

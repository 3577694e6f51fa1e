"""Every main page, checked by tools nobody here wrote (issue 18).

- The Nu HTML Checker (vnu, the ``vnu-jar`` package from npm, ``make vnu``) over the HTML of
  every page in ``site_pages``, logged out and logged in: 0 errors.
- axe-core from npm (tests/vendor/axe-core/, not the copy inside a Python wrapper) with the
  WCAG 2.0-2.2 A/AA and best-practice rules, on the same pages in light and dark at phone
  and desktop widths: 0 violations.

One site, one live server and one browser serve every check in this module (``site``).
"""

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from tests.e2e.site_pages import Site, served_site, session_cookie

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / "var/vnu/node_modules/vnu-jar/build/dist/vnu.jar"))
AXE_SOURCE = ROOT / "tests/vendor/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
MODES = [("light", 1280), ("dark", 1280), ("light", 390), ("dark", 390)]


def _required(what: str, found: bool, how: str) -> None:
    if found:
        return
    reason = f"{what} not found ({how})"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{reason}: CI must run this check", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def site(django_db_setup: None, django_db_blocker: Any) -> Iterator[tuple[Site, LiveServer]]:
    with served_site(django_db_blocker) as built:
        yield built


def page_html(site: Site) -> dict[str, str]:
    """The HTML of every visit, keyed "page (visitor)" or "page (member)"."""
    visitor, member = Client(), Client()
    member.force_login(site.member)
    pages = {}
    for logged_in, page in site.visits():
        response = (member if logged_in else visitor).get(page.path, follow=True)
        key = f"{page.name} ({'member' if logged_in else 'visitor'})"
        assert response.status_code == page.status, key
        pages[key] = response.content.decode()
    return pages


# A database test (requests go through Django's test client, in this thread), which also
# makes pytest-django create the test database when this module runs on its own.
@pytest.mark.django_db
def test_every_page_is_valid_html(site: tuple[Site, LiveServer], tmp_path: Path) -> None:
    java = shutil.which("java")
    _required("java", java is not None, "apt-get install default-jre-headless")
    _required("vnu.jar", VNU_JAR.is_file(), "make vnu installs it from npm")
    files = {}
    for index, (key, html) in enumerate(page_html(site[0]).items()):
        path = tmp_path / f"{index:02}.html"
        path.write_text(html)
        files[path.name] = key
    assert len(files) >= 30
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--exit-zero-always",
         *(str(tmp_path / name) for name in files)],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    messages = json.loads(result.stdout)["messages"]
    errors = [m for m in messages if m["type"] == "error" or m.get("subType") == "fatal"]
    lines = [
        f"{files.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))} line {m.get('lastLine')}: {m['message']}"
        f"  [{m.get('extract', '').strip()[:120]}]"
        for m in errors
    ]
    assert not lines, f"{len(lines)} vnu errors:\n" + "\n".join(lines[:80])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(node["target"]) for node in v["nodes"][:3]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize(("scheme", "width"), MODES)
def test_every_page_passes_axe_core(
    browser: Browser, site: tuple[Site, LiveServer], scheme: str, width: int
) -> None:
    built, server = site
    source = AXE_SOURCE.read_text()
    failures: dict[str, str] = {}
    checked = 0
    for logged_in in (False, True):
        context = browser.new_context(
            base_url=server.url, color_scheme=scheme, viewport={"width": width, "height": 900}
        )
        if logged_in:
            cookie = session_cookie(built.member)
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": server.url}]
            )
        page = context.new_page()
        page.set_default_timeout(20_000)
        try:
            for state, site_page in built.visits():
                if state != logged_in:
                    continue
                page.goto(site_page.path)
                # evaluate() runs outside the page's Content Security Policy, which forbids
                # the inline script a <script> tag would need.
                page.evaluate(source)
                version = page.evaluate("axe.version")
                assert version.startswith("4.14"), version
                results = page.evaluate(
                    "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
                )
                checked += 1
                if results["violations"]:
                    who = "member" if logged_in else "visitor"
                    failures[f"{site_page.name} ({who})"] = describe(results["violations"])
        finally:
            context.close()
    assert checked >= 30
    assert not failures, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())

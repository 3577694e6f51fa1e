"""Every main page, checked by tools nobody here wrote (issue 18).

- The Nu HTML Checker (vnu, the ``vnu-jar`` package from npm, ``make vnu``) over the HTML of
  every page in ``site_pages``, logged out and logged in: 0 errors.
- axe-core from npm (tests/vendor/axe-core/, not the copy inside a Python wrapper) with the
  WCAG 2.0-2.2 A/AA and best-practice rules, on the same pages in light and dark at phone
  and desktop widths: 0 violations.

Each check builds the site once and visits every page with it: the HTML through Django's test
client, axe-core in the session's one browser against pytest-django's one live server.
"""

import itertools
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from tests.e2e.site_pages import Site, build_site, session_cookie

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


@pytest.mark.django_db
def test_every_page_is_valid_html(tmp_path: Path) -> None:
    java = shutil.which("java")
    _required("java", java is not None, "apt-get install default-jre-headless")
    _required("vnu.jar", VNU_JAR.is_file(), "make vnu installs it from npm")
    files = {}
    for index, (key, html) in enumerate(page_html(build_site()).items()):
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
    lines = []
    for m in errors:
        where = files.get(m.get("url", "").rsplit("/", 1)[-1], m.get("url"))
        extract = m.get("extract", "").strip()[:120]
        lines.append(f"{where} line {m.get('lastLine')}: {m['message']}  [{extract}]")
    assert not lines, f"{len(lines)} vnu errors:\n" + "\n".join(lines[:80])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(node["target"]) for node in v["nodes"][:3]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)


@pytest.mark.django_db(transaction=True)
def test_every_page_passes_axe_core(browser: Browser, live_server: LiveServer) -> None:
    """Every page, logged out and logged in, in light and dark, at phone and desktop widths."""
    built = build_site()
    source = AXE_SOURCE.read_text()
    cookie = session_cookie(built.member)
    failures: dict[str, str] = {}
    checked = 0
    for (scheme, width), logged_in in itertools.product(MODES, (False, True)):
        context = browser.new_context(
            base_url=live_server.url, color_scheme=scheme, viewport={"width": width, "height": 900}
        )
        if logged_in:
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
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
                    key = f"{site_page.name} ({who}, {scheme}, {width} px)"
                    failures[key] = describe(results["violations"])
        finally:
            context.close()
    assert checked >= 4 * 30
    assert not failures, f"{len(failures)} of {checked} pages:\n\n" + "\n\n".join(
        f"{k}:\n{v}" for k, v in failures.items()
    )

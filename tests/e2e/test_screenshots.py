"""Screenshots of the main pages at phone and desktop widths, and no sideways scrolling on a phone.

The pictures land in test-artifacts/screenshots/ (ignored by git) for a person to look at;
the test itself asserts that nothing is wider than a 390 px screen.
"""

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.site_pages import build_site
from tests.e2e.test_question_journey import log_in

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = ARTIFACTS / "screenshots"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
PAGES = {
    "home",
    "questions",
    "thread",
    "article",
    "ask",
    "condition",
    "profile",
    "login",
    "notifications",
    "search",
    "treatment",
    "what-i-tried",
}


@pytest.mark.parametrize("size", list(SIZES))
def test_main_pages_fit_the_screen_and_are_photographed(browser, live_server, size):
    site = build_site()
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(base_url=live_server.url, viewport=SIZES[size])
    page = context.new_page()
    page.set_default_timeout(10_000)
    overflowing = {}
    try:
        for logged_in in (False, True):
            if logged_in:
                log_in(page, site.member)
            for state, site_page in site.visits():
                name = site_page.name
                if name not in PAGES or state != logged_in:
                    continue
                page.goto(site_page.path)
                who = "member" if logged_in else "visitor"
                page.screenshot(path=str(SHOTS / f"{name}-{who}-{size}.png"), full_page=True)
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > SIZES[size]["width"]:
                    overflowing[name] = width
    finally:
        context.close()
    assert not overflowing, f"wider than the {size} screen: {overflowing}"

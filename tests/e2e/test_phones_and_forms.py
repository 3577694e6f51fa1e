"""Phones and forms (issue 18): the compact header's menu, the editor's button names, the
inline reply form's Escape key, the password rules a screen reader hears, the service
worker that keeps threads for reading offline."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.e2e.site_pages import build_site, session_cookie
from tests.e2e.test_question_journey import log_in
from tests.factories import ConditionFactory, UserFactory, make_question

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_phone_header_is_compact_and_its_menu_opens_without_javascript(
    browser: Browser, live_server: LiveServer
) -> None:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto("/")
        header = page.locator("header.site-header")
        assert header.bounding_box()["height"] < 844 / 5
        menu = page.locator("details.phone-menu > summary")
        expect(menu).to_have_text("Menu")
        questions = page.get_by_role("link", name="Questions", exact=True)
        expect(questions).to_be_hidden()
        menu.click()
        expect(questions).to_be_visible()
        expect(page.get_by_role("link", name="Sign up")).to_be_visible()
        questions.click()
        expect(page).to_have_url(re.compile("/questions/$"))
    finally:
        context.close()


def test_every_toolbar_button_s_name_contains_its_visible_text(page: Page) -> None:
    member = UserFactory()
    log_in(page, member)
    page.goto(reverse("discussions:ask"))
    buttons = page.locator("markdown-toolbar button")
    expect(buttons.first).to_be_visible()
    for button in buttons.all():
        # As axe-core reads WCAG 2.5.3: the visible words, punctuation and symbols aside,
        # appear in the accessible name ("1. List" in "1. List, numbered").
        text = " ".join(re.sub(r"[^\w ]", " ", button.inner_text()).split()).casefold()
        label = button.get_attribute("aria-label") or button.inner_text()
        name = " ".join(re.sub(r"[^\w ]", " ", label).split()).casefold()
        assert text in name, (text, name)
    expect(page.get_by_role("button", name="1. List, numbered")).to_have_count(1)


def test_escape_closes_the_inline_reply_form_and_returns_focus(page: Page) -> None:
    site_member = UserFactory()
    question = make_question(author=UserFactory(), conditions=[ConditionFactory()])
    from tests.discussions.helpers import reply_to

    reply_to(question.opening_post, UserFactory(username="helper_kim"), "Try heat first.")
    log_in(page, site_member)
    page.goto(question.get_absolute_url())
    reply_link = page.locator("li.reply a.reply-link").first
    reply_link.click()
    box = page.get_by_role("textbox", name="Reply to helper_kim")
    expect(box).to_be_focused()
    box.fill("Half written")
    page.keyboard.press("Escape")
    expect(page.locator("form.inline-reply")).to_have_count(0)
    expect(reply_link).to_be_focused()


@pytest.mark.parametrize("path", ["/account/signup/", "/account/password/change/"])
def test_screen_readers_hear_the_password_rules(browser, live_server, path) -> None:
    member = UserFactory()
    context = browser.new_context(base_url=live_server.url)
    if "change" in path:
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session_cookie(member),
              "url": live_server.url}]
        )  # fmt: skip
    page = context.new_page()
    try:
        page.goto(path)
        field = page.locator("input[autocomplete=new-password]").first
        described = field.get_attribute("aria-describedby")
        rules = page.locator(f"#{described}")
        expect(rules).to_contain_text("at least 8 characters")
        assert rules.locator("li").count() >= 3
        # The accessible description a screen reader reads out is the list of rules.
        description = (
            field.evaluate(
                "el => el.ariaDescribedByElements?.map(e => e.textContent).join(' ') ?? ''"
            )
            or rules.inner_text()
        )
        assert "at least 8 characters" in description
    finally:
        context.close()


def test_a_thread_read_online_can_be_read_offline_but_private_pages_cannot(
    browser: Browser, live_server: LiveServer
) -> None:
    site = build_site()
    context = browser.new_context(base_url=live_server.url)
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session_cookie(site.member),
          "url": live_server.url}]
    )  # fmt: skip
    page = context.new_page()
    try:
        page.goto("/")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()  # now controlled by the worker
        assert page.evaluate("!!navigator.serviceWorker.controller")
        page.goto(site.thread_url)
        page.goto("/notifications/")
        page.wait_for_timeout(500)  # the worker stores the thread after answering
        context.set_offline(True)
        page.goto(site.thread_url)
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Side-lying pain at night after upping my running mileage"
        )
        page.goto("/notifications/")
        expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
        page.goto(site.article_url)  # never read on this device
        expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    finally:
        context.close()

"""Keyboard focus in reply trees. axe-core's sweep of every page is in test_outside_checks.py."""

import re

import pytest
from playwright.sync_api import expect

from forum.demo.bulk import build_reply_tree
from tests.e2e.site_pages import build_site
from tests.e2e.test_question_journey import log_in
from tests.factories import ConditionFactory, UserFactory, make_question

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_posted_reply_receives_focus_when_its_permalink_opens(page):
    site = build_site()
    log_in(page, site.member)
    page.goto(site.thread_url)
    page.get_by_role("textbox", name="Your reply").fill("Posting from the keyboard only.")
    page.get_by_role("button", name="Post reply").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#r-\d+$"))
    reply_id = page.url.rsplit("#", 1)[1]
    focused = page.evaluate("document.activeElement.closest('li.reply')?.id")
    assert focused == reply_id


def focused_reply(page) -> str | None:
    return page.evaluate("document.activeElement.closest('li.reply')?.id")


def test_more_replies_moves_focus_to_the_first_new_reply(page):
    question = make_question(author=UserFactory(), conditions=[ConditionFactory()])
    build_reply_tree(thread=question, n_replies=150, max_depth=1, authors=[UserFactory().pk])
    page.goto(question.get_absolute_url())
    more = page.get_by_role("link", name="More replies")
    first_new = more.get_attribute("href").split("=")[1]
    more.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"from={first_new}$"))
    expect(page.locator(f"#r-{first_new} > article")).to_be_focused()
    assert focused_reply(page) == f"r-{first_new}"


def test_in_reply_to_links_move_focus_to_the_reply_answered(page):
    build_site()
    page.goto("/questions/")
    page.get_by_role("link", name="Side-lying pain at night").click()
    nested = page.locator("li.reply li.reply").first
    parent_id = nested.evaluate("el => el.parentElement.closest('li.reply').id")
    nested.get_by_role("link", name=re.compile("^in reply to")).focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"#{parent_id} > article")).to_be_focused()
    page.keyboard.press("Tab")  # keyboard navigation carries on from the reply
    assert focused_reply(page) == parent_id

"""The editors: Markdown toolbar, live preview from the server, and drafts kept in the browser."""

import re

from playwright.sync_api import expect

from forum.discussions.models import Thread
from tests.e2e.test_question_journey import log_in
from tests.factories import ConditionFactory, UserFactory, make_question

TITLE = "Pain on the outside of the hip when climbing stairs"


def test_toolbar_formats_and_the_live_preview_shows_the_server_rendering(page):
    log_in(page, UserFactory(username="asker"))
    page.goto("/questions/ask/")
    body = page.get_by_label("Your question")
    toolbar = page.get_by_role("toolbar", name="Formatting")
    expect(toolbar).to_be_visible()

    body.fill("stairs hurt")
    body.evaluate("el => el.setSelectionRange(0, 6)")
    toolbar.get_by_role("button", name="Bold").click()
    expect(body).to_have_value("**stairs** hurt")

    preview_toggle = toolbar.get_by_role("button", name="Preview")
    preview_toggle.click()
    expect(preview_toggle).to_have_attribute("aria-pressed", "true")
    preview = page.get_by_role("region", name="Preview")
    expect(preview.locator("strong")).to_have_text("stairs")
    body.press("End")
    body.press_sequentially(" <script>window.pwned = 1</script>", delay=5)
    expect(preview).to_contain_text("window.pwned = 1")  # shown as text, never run
    assert page.evaluate("window.pwned") is None
    expect(preview.locator("script")).to_have_count(0)


def test_toolbar_is_one_tab_stop_with_arrow_keys_inside(page):
    log_in(page, UserFactory(username="asker"))
    page.goto("/questions/ask/")
    toolbar = page.get_by_role("toolbar", name="Formatting")
    expect(toolbar).to_be_visible()  # the script builds it after the page loads
    body = page.get_by_label("Your question")
    body.focus()
    page.keyboard.press("Shift+Tab")
    expect(toolbar.get_by_role("button", name="Heading")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(toolbar.get_by_role("button", name="Bold")).to_be_focused()
    page.keyboard.press("Tab")
    expect(body).to_be_focused()


def test_a_draft_survives_a_reload_and_is_gone_once_posted(page):
    ConditionFactory(name="Gluteus medius tendinopathy", slug="gluteus-medius-tendinopathy")
    log_in(page, UserFactory(username="asker"))
    page.goto("/questions/ask/")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Your question").fill("A long question I do not want to type twice.")
    page.wait_for_timeout(600)  # the draft is saved a moment after typing stops

    page.reload()
    expect(page.get_by_label("Title")).to_have_value(TITLE)
    expect(page.get_by_label("Your question")).to_have_value(
        "A long question I do not want to type twice."
    )
    expect(page.get_by_role("status").filter(has_text="Restored the text")).to_be_visible()

    # A refused post (no condition chosen) keeps the draft...
    page.get_by_role("button", name="Post your question").click()
    expect(page.locator(".field-errors").first).to_be_visible()
    page.goto("/questions/ask/")
    expect(page.get_by_label("Your question")).to_have_value(
        "A long question I do not want to type twice."
    )
    # ...and a successful one clears it.
    page.get_by_label("Gluteus medius tendinopathy").check()
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    assert Thread.objects.filter(title=TITLE).exists()
    page.goto("/questions/ask/")
    expect(page.get_by_label("Your question")).to_have_value("")
    expect(page.get_by_label("Title")).to_have_value("")


def test_inline_reply_has_the_toolbar_and_keeps_its_own_draft(page):
    condition = ConditionFactory(name="Piriformis syndrome", slug="piriformis-syndrome")
    asker, helper = UserFactory(username="asker"), UserFactory(username="helper")
    question = make_question(author=asker, conditions=[condition])
    from forum.discussions import services

    services.post_reply(parent=question.opening_post, author=asker, body="Any ideas, anyone?")
    log_in(page, helper)
    page.goto(question.get_absolute_url())
    page.locator("li.reply").first.get_by_role("link", name="Reply").click()
    inline = page.locator("form.inline-reply")
    expect(inline.get_by_role("toolbar", name="Formatting")).to_be_visible()
    box = inline.get_by_role("textbox", name="Reply to asker")
    expect(box).to_be_focused()
    box.fill("Try a pillow between the knees.")
    page.wait_for_timeout(600)

    page.reload()
    page.locator("li.reply").first.get_by_role("link", name="Reply").click()
    expect(page.locator("form.inline-reply textarea")).to_have_value(
        "Try a pillow between the knees."
    )
    expect(page.get_by_role("textbox", name="Your reply")).to_have_value("")
    page.locator("form.inline-reply").get_by_role("button", name="Post reply").click()
    expect(page).to_have_url(re.compile(r"#r-\d+$"))
    expect(page.locator(":focus")).to_contain_text("Try a pillow between the knees.")

from playwright.sync_api import expect

from forum.discussions.models import Post, Thread
from tests.factories import PASSWORD, ConditionFactory, UserFactory


def open_menu(page):
    """On a phone the header's links sit behind "Menu"; open it when it is shown."""
    summary = page.locator("details.phone-menu > summary")
    if summary.is_visible() and page.locator("details.phone-menu[open]").count() == 0:
        summary.click()


def log_in(page, user):
    page.goto("/account/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    # Wait for the page after the login: opening the menu of the login page
    # itself, just before it goes away, would leave the new page's menu shut.
    with page.expect_navigation():
        page.get_by_role("button", name="Log in", exact=True).click()
    open_menu(page)
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name=user.username, exact=True)).to_be_visible()


def log_out(page):
    open_menu(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Log out").click()
    open_menu(page)
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


def test_ask_reply_nested_reply_accept_and_condition_pages(page):
    asker, helper, third = (UserFactory(username=n) for n in ["asker", "helper", "third"])
    ConditionFactory(name="Gluteus medius tendinopathy", slug="gluteus-medius-tendinopathy")
    gtps = ConditionFactory(name="Greater trochanteric pain syndrome", slug="gtps")
    gtps.synonyms.create(name="Trochanteric bursitis")

    log_in(page, asker)
    page.get_by_role("link", name="Ask a question").first.click()
    page.get_by_label("Title").fill("Side-lying pain at night after upping my mileage")
    page.get_by_label("Your question").fill("Outer right hip aches at night. What helped you?")
    page.get_by_placeholder("Type a condition").fill("bursitis")
    page.get_by_label("Greater trochanteric pain syndrome").check()
    page.get_by_placeholder("Type a condition").fill("")
    page.get_by_label("Gluteus medius tendinopathy").check()
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", name="Side-lying pain at night")).to_be_visible()
    question_url = page.url
    log_out(page)

    log_in(page, helper)
    page.goto(question_url)
    reply_box = page.get_by_role("textbox", name="Your reply")
    reply_box.fill("A pillow between the knees helped me a lot.")
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text("A pillow between the knees helped me a lot.")).to_be_visible()
    log_out(page)

    log_in(page, third)
    page.goto(question_url)
    first_reply = page.locator("li.reply").first
    first_reply.get_by_role("link", name="Reply").click()
    inline = page.locator("form.inline-reply")
    expect(inline).to_be_visible()
    inline.get_by_role("textbox").fill("Same here, and a softer mattress topper.")
    inline.get_by_role("button", name="Post reply").click()
    nested = page.locator("li.reply li.reply").first
    expect(nested).to_contain_text("Same here, and a softer mattress topper.")
    expect(nested).to_contain_text("in reply to helper")
    log_out(page)

    log_in(page, asker)
    page.goto(question_url)
    page.locator("li.reply").first.get_by_role("button", name="Accept answer").first.click()
    expect(page.get_by_text("Answer accepted.")).to_be_visible()
    expect(page.locator("li.reply").first.locator(".badge-solved")).to_have_text("Accepted answer")

    thread = Thread.objects.get(title__startswith="Side-lying pain")
    assert thread.accepted_post.author == helper
    assert thread.reply_count == 2
    assert Post.objects.get(author=third).parent.author == helper
    for slug in ["gluteus-medius-tendinopathy", "gtps"]:
        page.goto(f"/conditions/{slug}/")
        expect(page.get_by_role("link", name=thread.title).first).to_be_visible()

import re

from playwright.sync_api import expect

from forum.discussions.models import Post
from tests.e2e.test_question_journey import log_in, log_out
from tests.factories import ConditionFactory, UserFactory

QUESTION = "Hip aches after long drives"
REPLY = "Stopping every hour to walk for five minutes helped me."


def test_asker_follows_the_notification_to_the_reply(page):
    asker, helper = UserFactory(username="asker"), UserFactory(username="helper")
    ConditionFactory(name="Gluteus medius tendinopathy", slug="gluteus-medius-tendinopathy")

    log_in(page, asker)
    page.get_by_role("link", name="Ask a question").first.click()
    page.get_by_label("Title").fill(QUESTION)
    page.get_by_label("Your question").fill("The outside of my left hip aches after an hour.")
    page.get_by_label("Gluteus medius tendinopathy").check()
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", name=QUESTION)).to_be_visible()
    question_url = page.url
    header = page.locator(".phone-menu a.notifications-link")  # a 390 px wide page
    expect(header).to_have_text("Notifications")
    log_out(page)

    log_in(page, helper)
    page.goto(question_url)
    page.get_by_role("textbox", name="Your reply").fill(REPLY)
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text(REPLY)).to_be_visible()
    log_out(page)

    log_in(page, asker)
    expect(header.locator(".count-badge")).to_have_text("1 unread")  # " unread" unseen
    expect(header).to_have_accessible_name("Notifications 1 unread")
    header.click()
    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()
    notification = page.get_by_role("link", name=re.compile("helper replied to your question"))
    expect(notification).to_contain_text(QUESTION)
    notification.click()

    reply = Post.objects.get(author=helper)
    expect(page).to_have_url(re.compile(rf"#r-{reply.pk}$"))
    expect(page.locator(f"#r-{reply.pk}")).to_contain_text(REPLY)
    expect(page.locator(f"#r-{reply.pk}")).to_be_in_viewport()
    expect(header.locator(".count-badge")).to_have_count(0)

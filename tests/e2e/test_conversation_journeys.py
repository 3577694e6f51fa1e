"""Journeys of the conversation features: grouped notifications, a moderator closing a
question as a duplicate, and a member's bookmarks with a reminder."""

import re
from datetime import timedelta
from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from forum.discussions import services as discussions
from forum.discussions.models import Bookmark, Post
from tests.e2e.test_question_journey import log_in, log_out
from tests.factories import ConditionFactory, UserFactory, make_question


def _condition():
    return ConditionFactory(name="Gluteus medius tendinopathy", slug="gluteus-medius-tendinopathy")


def _reply(page, question_url, text):
    page.goto(question_url)
    page.get_by_role("textbox", name="Your reply").fill(text)
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text(text)).to_be_visible()


def test_three_replies_arrive_as_one_grouped_notification(page):
    asker = UserFactory(username="asker")
    helpers = [UserFactory(username=name) for name in ["hillrunner_k", "sam_p", "jo_w"]]
    question = make_question(author=asker, conditions=[_condition()], title="Hip aches on stairs")
    url = question.get_absolute_url()

    texts = ["Take them slowly.", "Lead with the good leg.", "Rails help."]
    for helper, text in zip(helpers, texts, strict=True):
        log_in(page, helper)
        _reply(page, url, text)
        log_out(page)

    log_in(page, asker)
    page.goto("/notifications/")
    grouped = page.get_by_role(
        "link", name=re.compile("jo_w and 2 others replied to your question")
    )
    expect(grouped).to_have_count(1)
    grouped.click()
    first = Post.objects.get(author=helpers[0])
    expect(page).to_have_url(re.compile(rf"#r-{first.pk}$"))
    page.goto("/notifications/")
    expect(page.locator(".notification-list li")).to_have_count(1)
    expect(page.locator(".notification-list li.unread")).to_have_count(0)


def test_moderator_closes_a_question_as_a_duplicate(page):
    condition = _condition()
    moderator = UserFactory(username="mod_ann", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    asker, helper = UserFactory(username="asker"), UserFactory(username="helper")
    original = make_question(author=asker, conditions=[condition], title="Outer hip pain at night")
    duplicate = make_question(author=helper, conditions=[condition], title="Hip hurts lying on it")
    discussions.post_reply(parent=duplicate.opening_post, author=asker, body="A pillow helped me.")

    log_in(page, moderator)
    page.goto(duplicate.get_absolute_url())
    page.get_by_role("link", name="Close as duplicate or merge").click()
    page.get_by_label("The original question").fill("not a number")
    page.get_by_role("button", name="Close as duplicate").click()
    expect(page.get_by_text("address or its number")).to_be_visible()
    expect(page.get_by_label("The original question")).to_have_value("not a number")
    page.get_by_label("The original question").fill(str(original.pk))
    page.get_by_role("button", name="Close as duplicate").click()

    notice = page.locator(".duplicate-notice")
    expect(notice).to_contain_text("Closed as a duplicate of")
    notice.get_by_role("link").click()
    expect(page.get_by_role("heading", name="Outer hip pain at night")).to_be_visible()
    expect(page.get_by_text("Also asked as")).to_be_visible()
    expect(page.get_by_text("A pillow helped me.")).to_be_visible()


def test_member_bookmarks_a_reply_with_a_reminder_and_is_reminded(page):
    asker, helper = UserFactory(username="asker"), UserFactory(username="helper")
    question = make_question(author=asker, conditions=[_condition()], title="Hip pain after runs")
    reply = discussions.post_reply(
        parent=question.opening_post, author=helper, body="Cut the distance by half for a month."
    )

    log_in(page, asker)
    page.goto(question.get_absolute_url())
    page.locator(f"#r-{reply.pk}").get_by_role("link", name="Bookmark").click()
    expect(page.get_by_role("heading", name="Save to your bookmarks")).to_be_visible()
    when = timezone.localdate() + timedelta(days=1)
    page.get_by_label("Remind me on").fill(when.isoformat())
    page.get_by_role("button", name="Save bookmark").click()
    expect(page.get_by_text("Saved to your bookmarks.")).to_be_visible()

    page.goto("/bookmarks/")
    item = page.locator(".bookmark-list li")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("helper\u2019s reply in \u201cHip pain after runs\u201d")
    expect(item).to_contain_text("Cut the distance by half")

    # the day comes: the reminder is due, and the daily cron job runs
    Bookmark.objects.filter(post=reply).update(remind_on=timezone.localdate())
    call_command("send_reminders", stdout=StringIO())
    page.goto("/notifications/")
    reminder = page.get_by_role("link", name=re.compile("Your bookmark reminder: a reply in"))
    reminder.click()
    expect(page).to_have_url(re.compile(rf"#r-{reply.pk}$"))

    page.goto("/bookmarks/")
    page.get_by_role("button", name="Remove this bookmark").click()
    expect(page.get_by_text("Nothing saved yet.")).to_be_visible()


def test_mention_suggestions_put_thread_members_first(page):
    asker = UserFactory(username="asker")
    UserFactory(username="hill_a")
    helper = UserFactory(username="hillrunner_k")
    question = make_question(author=asker, conditions=[_condition()], title="Hip ache on hills")
    discussions.post_reply(parent=question.opening_post, author=helper, body="Shorter strides.")

    log_in(page, asker)
    page.goto(question.get_absolute_url())
    box = page.get_by_role("textbox", name="Your reply")
    box.press_sequentially("Thanks @hil")
    options = page.get_by_role("listbox", name="Members to mention").get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.first).to_contain_text("@hillrunner_k")
    expect(options.first).to_contain_text("in this thread")
    box.press("ArrowDown")
    box.press("ArrowUp")
    box.press("Enter")
    expect(box).to_have_value("Thanks @hillrunner_k ")
    expect(page.get_by_role("listbox", name="Members to mention")).to_be_hidden()

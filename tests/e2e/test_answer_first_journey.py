"""Journeys for "the answer comes first": a deep accepted answer under the question, best
first ordering (and a member's kept choice), and "Continue this thread" counts."""

import re

from playwright.sync_api import expect

from forum.accounts.models import ReplyOrder, User
from forum.discussions import services
from forum.discussions.models import Post
from tests.e2e.test_question_journey import log_in
from tests.factories import ConditionFactory, UserFactory, make_question


def _deep_chain(question, author, length: int, text: str = "Step {i} of the conversation"):
    posts = []
    parent = question.opening_post
    for i in range(length):
        parent = services.post_reply(parent=parent, author=author, body=text.format(i=i + 1))
        posts.append(parent)
    return posts


def _question(asker: User):
    condition = ConditionFactory(name="Gluteus medius tendinopathy", slug="gmt")
    return make_question(author=asker, conditions=[condition])


def test_a_deep_accepted_answer_is_shown_under_the_question(page, relaxed_posting_rules):
    asker, helper = UserFactory(username="asker"), UserFactory(username="helper")
    question = _question(asker)
    chain = _deep_chain(question, helper, 6)
    deepest = services.post_reply(
        parent=chain[-1], author=helper, body="Clamshells three times a week fixed it for me."
    )

    log_in(page, asker)
    page.goto(question.get_absolute_url())
    expect(page.get_by_text("Clamshells three times a week")).to_have_count(0)
    page.get_by_role("link", name="Continue this thread (2 more)").click()
    expect(page.get_by_role("heading", name="Continued conversation")).to_be_visible()
    reply = page.locator(f"#r-{deepest.pk}")
    reply.get_by_role("button", name="Accept answer").click()
    expect(page.get_by_text("Answer accepted.")).to_be_visible()

    page.goto(question.get_absolute_url())
    box = page.locator("section.answer-first")
    expect(box.get_by_text("Accepted answer")).to_be_visible()
    expect(box.get_by_text("Clamshells three times a week fixed it for me.")).to_be_visible()
    box.get_by_role("link", name="See it in the conversation").click()
    expect(page).to_have_url(re.compile(rf"/r/{chain[4].pk}/thread/#r-{deepest.pk}$"))
    expect(page.locator(f"#r-{deepest.pk} .badge-solved")).to_have_text("Accepted answer")


def test_best_first_ordering_and_a_members_kept_choice(page, relaxed_posting_rules):
    asker, helper, reader = (UserFactory(username=n) for n in ["asker", "helper", "reader"])
    question = _question(asker)
    first = services.post_reply(parent=question.opening_post, author=helper, body="Ice it daily.")
    best = services.post_reply(
        parent=question.opening_post, author=helper, body="Load the tendon slowly."
    )
    under_best = services.post_reply(parent=best, author=asker, body="How slowly, roughly?")
    last = services.post_reply(parent=question.opening_post, author=helper, body="Rest a week.")
    Post.objects.filter(pk=best.pk).update(helpful_count=4)
    Post.objects.filter(pk=last.pk).update(helpful_count=1)

    def shown_order() -> list[str]:
        ids = page.locator("ol.replies li.reply").evaluate_all("els => els.map(e => e.id)")
        return list(ids)

    page.goto(question.get_absolute_url())
    expect(page.get_by_role("navigation", name="Order of replies")).to_contain_text("Best first")
    assert shown_order() == [f"r-{p.pk}" for p in (best, under_best, last, first)]
    page.get_by_role("link", name="Oldest first").click()
    expect(page.get_by_role("navigation", name="Order of replies").locator("strong")).to_have_text(
        "Oldest first"
    )  # the new page has loaded before its order is read
    assert shown_order() == [f"r-{p.pk}" for p in (first, best, under_best, last)]

    log_in(page, reader)
    page.goto(question.get_absolute_url())
    assert shown_order()[0] == f"r-{best.pk}"
    page.get_by_role("button", name="Newest first").click()
    expect(page.get_by_role("button", name="Newest first")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert shown_order() == [f"r-{p.pk}" for p in (last, best, under_best, first)]
    page.reload()
    assert shown_order()[0] == f"r-{last.pk}"
    reader.refresh_from_db()
    assert reader.reply_order == ReplyOrder.NEWEST


def test_continue_this_thread_counts_every_reply_below(page, relaxed_posting_rules):
    asker, helper = UserFactory(username="asker"), UserFactory(username="helper")
    question = _question(asker)
    chain = _deep_chain(question, helper, 9)
    services.post_reply(parent=chain[6], author=asker, body="A side question deep down")
    services.post_reply(parent=chain[5], author=asker, body="Another side note")

    page.goto(question.get_absolute_url())
    link = page.get_by_role("link", name="Continue this thread (6 more)")
    expect(link).to_be_visible()
    link.click()

    expect(page.locator("p.continues-from")).to_contain_text("Continues from helper\u2019s reply")
    expect(page.locator("p.continues-from")).to_contain_text("Step 4 of the conversation")
    root = page.locator(f"li#r-{chain[4].pk}")
    expect(root.locator("li.reply")).to_have_count(6)
    nested = root.locator(f"li#r-{chain[5].pk} li#r-{chain[6].pk} li#r-{chain[7].pk}")
    expect(nested).to_contain_text("Step 8 of the conversation")

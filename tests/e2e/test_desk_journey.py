"""A moderator clears a mixed review queue from the item pages alone: the crisis comes
first, then approve, hide with a ready-made reason, and remove a spammer."""

import re

from playwright.sync_api import expect

from forum.discussions import services
from forum.discussions.models import Post, RedFlagKind, Status
from forum.moderation import services as moderation
from forum.moderation.models import Report
from tests.e2e.test_moderation_journey import moderators_group
from tests.factories import PASSWORD, ConditionFactory, UserFactory


def test_a_moderator_clears_a_mixed_queue_from_the_item_pages(page):
    condition = ConditionFactory(name="Gluteus medius tendinopathy", slug="gmed")
    asker, chatty, newcomer, seller, worried, reporter = (
        UserFactory(username=name)
        for name in ["asker", "chatty", "newcomer", "seller", "worried", "reporter"]
    )
    moderator = UserFactory(username="mod", is_staff=True)
    moderator.groups.add(moderators_group())
    question = services.ask_question(
        author=asker, title="Lateral hip pain when walking uphill",
        body="It hurts on the outside of my hip on hills.", conditions=[condition],
    )  # fmt: skip
    opening = question.opening_post
    off_topic = services.post_reply(parent=opening, author=chatty, body="Who watched the match?")
    moderation.report_post(post=off_topic, reporter=reporter, reason=Report.Reason.OTHER,
                           details="Off topic.")  # fmt: skip
    held = services.post_reply(parent=opening, author=newcomer, body="Rest and ice helped me.")
    services.set_post_status(post=held, status=Status.HELD, reason="New member.")
    spam = services.post_reply(parent=opening, author=seller, body="Buy my miracle hip cream.")
    services.post_reply(parent=opening, author=seller, body="Also my miracle knee cream.")
    services.set_post_status(post=spam, status=Status.HELD, reason="Looks like spam.")
    crisis = services.post_reply(parent=opening, author=worried, body="I cannot go on like this.")
    Post.objects.filter(pk=crisis.pk).update(
        red_flag="cannot go on", red_flag_kind=RedFlagKind.CRISIS, red_flag_pending=True
    )

    page.goto("/admin/login/?next=/admin/moderation/queuedpost/")
    page.get_by_label("Email").fill(moderator.email)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/moderation/queuedpost/$"))

    # The crisis leads the list, though it is the newest.
    first_row = page.locator("#result_list tbody tr").first
    expect(first_row).to_contain_text("I cannot go on like this.")
    first_row.get_by_role("link", name=re.compile("I cannot go on")).click()
    expect(page.get_by_text("Self-harm or crisis: matched")).to_be_visible()
    page.get_by_role("button", name="Approve").click()

    # Next: the oldest report, hidden with a ready-made reason.
    expect(page.get_by_text("Approved.")).to_be_visible()
    expect(page.locator(".queue-body").first).to_contain_text("Who watched the match?")
    page.get_by_role("button", name="Off topic for this community.").click()
    page.get_by_role("button", name="Hide", exact=True).click()

    # Next: the newcomer's held post, approved.
    expect(page.get_by_text("Hidden; the author sees your reason.")).to_be_visible()
    expect(page.locator(".queue-body").first).to_contain_text("Rest and ice helped me.")
    page.get_by_role("button", name="Approve").click()

    # Last: the seller's post; remove the spammer after one confirmation.
    expect(page.locator(".queue-body").first).to_contain_text("Buy my miracle hip cream.")
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Remove spammer").click()
    expect(page.get_by_text("Spammer removed: banned, 2 posts hidden.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/admin/moderation/queuedpost/$"))

    off_topic.refresh_from_db()
    seller.refresh_from_db()
    assert off_topic.status == Status.HIDDEN
    assert off_topic.moderation_reason == "Off topic for this community."
    assert Post.objects.get(pk=held.pk).status == Status.VISIBLE
    assert Post.objects.get(pk=crisis.pk).status == Status.VISIBLE
    assert seller.is_banned

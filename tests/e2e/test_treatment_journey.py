"""A member records what they tried from the condition page, answers the 2-week follow-up
from the emailed link without logging in, and the condition page's numbers change."""

import re
from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from forum.treatments.models import FollowUp
from tests.e2e.test_question_journey import log_in
from tests.factories import ConditionFactory, UserFactory


def tried_row(page):
    section = page.get_by_role("region", name="What members tried")
    return section.get_by_role("row", name=re.compile("Ball release of the gluteus medius"))


def ask_for_follow_ups_at_once(page):
    """The signed-in member asks for follow-up emails as soon as they are due."""
    page.goto("/notifications/settings/")
    page.get_by_label("Follow-ups on what I tried").select_option("now")
    page.get_by_role("button", name=re.compile("Save")).click()
    expect(page.get_by_text("Your notification settings are saved.")).to_be_visible()


def test_member_records_a_treatment_and_answers_the_emailed_follow_up(
    page, browser, live_server, settings
):
    settings.MEDIUS_TREATMENT_MIN_REPORTS = 1
    settings.SITE_URL = live_server.url  # the emailed link points here
    member = UserFactory(username="hip_runner")
    condition = ConditionFactory(
        name="Gluteus medius tendinopathy", slug="gluteus-medius-tendinopathy"
    )
    log_in(page, member)

    ask_for_follow_ups_at_once(page)

    page.goto(condition.get_absolute_url())
    expect(page.get_by_text("No member has recorded a treatment")).to_be_visible()
    page.get_by_role("link", name="Record what you tried").click()
    expect(page.get_by_label("For which condition")).to_have_value(str(condition.pk))
    page.get_by_label("Treatment").select_option(label="Ball release of the gluteus medius")
    page.get_by_label("When you started").fill(
        (timezone.localdate() + timedelta(days=3)).isoformat()
    )
    page.get_by_label("Too early to say").check()
    page.get_by_label("Pain before (0-10, optional)").fill("7")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The start date cannot be in the future.")).to_be_visible()
    expect(page.get_by_label("Pain before (0-10, optional)")).to_have_value("7")  # kept
    started = timezone.localdate() - timedelta(days=3)
    page.get_by_label("When you started").fill(started.isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="What I tried")).to_be_visible()
    expect(page.get_by_text("we will ask around").first).to_be_visible()

    page.goto(condition.get_absolute_url())
    expect(tried_row(page)).to_contain_text("Not enough reports yet")
    expect(tried_row(page).get_by_role("cell").nth(0)).to_have_text("1")  # reported
    expect(tried_row(page).get_by_role("cell").nth(1)).to_contain_text("1 still to hear from")

    # Two weeks later the cron job asks, in the site and (as chosen) by email.
    FollowUp.objects.filter(weeks=2).update(due_at=timezone.now() - timedelta(minutes=1))
    call_command("send_follow_ups", stdout=StringIO())
    [message] = [m for m in mail.outbox if m.to == [member.email]]
    [link] = re.findall(r"http\S+/treatments/answer/\S+/", message.body)

    visitor = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    visitor.goto(link)  # a phone's mail app: not logged in
    expect(visitor.get_by_role("heading", name=re.compile("How is Ball release"))).to_be_visible()
    visitor.get_by_label("A little better").check()
    visitor.get_by_label("Pain now (0-10, optional)").fill("4")
    visitor.get_by_role("button", name="Save my answer").click()
    expect(visitor.get_by_role("status")).to_contain_text("saved and counted")
    visitor.context.close()

    page.goto(condition.get_absolute_url())
    expect(tried_row(page).get_by_role("cell").nth(1)).to_have_text("1")
    expect(tried_row(page).get_by_role("cell").nth(2)).to_contain_text("1 of 1 (100%")
    page.goto("/treatments/mine/")
    expect(page.get_by_text(re.compile(r"2 weeks: a little better, pain 4/10"))).to_be_visible()

"""A member tells what they tried while asking a question (a real record, shown on the
question as they chose), answers the 2-week follow-up from the emailed link without
logging in, and the question and condition pages change accordingly."""

import re
from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from forum.treatments.models import FollowUp
from tests.e2e.test_question_journey import log_in
from tests.e2e.test_treatment_journey import ask_for_follow_ups_at_once, tried_row
from tests.factories import ConditionFactory, UserFactory


def test_member_records_from_their_question_and_answers_the_emailed_follow_up(
    page, browser, live_server, settings
):
    settings.MEDIUS_TREATMENT_MIN_REPORTS = 1
    settings.SITE_URL = live_server.url  # the emailed link points here
    member = UserFactory(username="side_sleeper")
    condition = ConditionFactory(
        name="Gluteus medius tendinopathy", slug="gluteus-medius-tendinopathy"
    )
    log_in(page, member)
    ask_for_follow_ups_at_once(page)

    page.goto(f"/questions/ask/?condition={condition.slug}")
    page.get_by_label("Title").fill("Ache on the outside of my hip when lying on it")
    page.get_by_label("Your question").fill("It wakes me at night. What helped you?")
    page.get_by_text("What have you tried? (optional)").click()
    page.get_by_label("Treatment:", exact=True).fill("Lacrosse ball release")  # a synonym
    page.get_by_label("For which condition").select_option(label=condition.name)
    page.get_by_label("When you started").fill(
        (timezone.localdate() + timedelta(days=2)).isoformat()
    )
    page.get_by_label("Too early to say").check()
    page.get_by_label("Pain before (0-10, optional)").fill("6")
    page.get_by_label("Show this record with my post").check()
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_text("The start date cannot be in the future.")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value(
        "Ache on the outside of my hip when lying on it"
    )  # everything typed is kept
    expect(page.get_by_label("Treatment:", exact=True)).to_have_value("Lacrosse ball release")
    expect(page.get_by_label("Pain before (0-10, optional)")).to_have_value("6")
    page.get_by_label("When you started").fill(
        (timezone.localdate() - timedelta(days=3)).isoformat()
    )
    page.get_by_role("button", name="Post your question").click()

    expect(page.get_by_text("Your question is posted.")).to_be_visible()
    question_url = page.url
    tried = page.get_by_role("region", name="What the asker tried")
    expect(tried).to_contain_text("Ball release of the gluteus medius")
    expect(tried).to_contain_text("too early to say")
    expect(tried).to_contain_text("Shown to everyone.")

    page.goto(condition.get_absolute_url())
    expect(tried_row(page).get_by_role("cell").nth(0)).to_have_text("1")  # reported
    expect(tried_row(page).get_by_role("cell").nth(1)).to_contain_text("1 still to hear from")

    # Two weeks later the cron job asks, in the site and (as chosen) by email.
    FollowUp.objects.filter(weeks=2).update(due_at=timezone.now() - timedelta(minutes=1))
    call_command("send_follow_ups", stdout=StringIO())
    [message] = [m for m in mail.outbox if m.to == [member.email]]
    [link] = re.findall(r"http\S+/treatments/answer/\S+/", message.body)

    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    phone.goto(link)  # the mail app: not logged in, the signed link is enough
    expect(phone.get_by_role("heading", name=re.compile("How is Ball release"))).to_be_visible()
    phone.get_by_label("Much better").check()
    phone.get_by_role("button", name="Save my answer").click()
    expect(phone.get_by_role("status")).to_contain_text("saved and counted")

    # A visitor's question page shows the latest word, the first one beside it.
    phone.goto(question_url)
    visible = phone.get_by_role("region", name="What the asker tried")
    expect(visible).to_contain_text("much better now (at first: too early to say)")
    expect(visible).not_to_contain_text("Shown to everyone.")  # that is the member's own view
    phone.context.close()

    page.goto(condition.get_absolute_url())
    expect(tried_row(page).get_by_role("cell").nth(1)).to_have_text("1")
    expect(tried_row(page).get_by_role("cell").nth(2)).to_contain_text("1 of 1 (100%")

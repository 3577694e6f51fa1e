"""Journey: a person with a pain nobody has named signs up from the ask page, comes back
to it after the emailed code, finds "Not sure yet" by typing another name for it, adds
optional details, pastes too much text and is told so without losing any of it, and
posts; a first question is held, and the page says how long review takes."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from forum.conditions.models import Synonym
from forum.discussions.forms import BODY_MAX
from forum.discussions.models import Status, Thread
from forum.moderation import services as moderation
from tests.factories import ConditionFactory, UserFactory

TITLE = "Deep ache in one buttock that nobody can put a name to"
BODY = "It started in spring. Sitting for an hour makes it throb; walking eases it."


@pytest.fixture
def conditions(db):
    gtps = ConditionFactory(name="Greater trochanteric pain syndrome", slug="gtps")
    Synonym.objects.create(condition=gtps, name="Trochanteric bursitis")
    ConditionFactory(name="Piriformis syndrome", slug="piriformis-syndrome")
    return gtps


def sign_up_from_the_ask_page(page):
    page.goto(reverse("discussions:ask"))
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Sign up").click()
    page.get_by_label("Email").fill("no_name_yet@example.com")
    page.get_by_label("Username").fill("no_name_yet")
    page.get_by_label("Password:", exact=True).fill("an ache without a name")
    page.get_by_label("Password (again):").fill("an ache without a name")
    page.get_by_role("button", name="Sign up", exact=True).click()
    expect(page.get_by_role("heading", name="Enter Email Verification Code")).to_be_visible()
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[-1].body, re.MULTILINE)
    page.get_by_label("Code").fill(code.group(1))
    page.get_by_role("button", name="Confirm").click()
    # Back where they were going, not on the home page.
    expect(page.get_by_role("heading", name="Ask a question")).to_be_visible()
    assert page.url.endswith(reverse("discussions:ask"))


def test_asking_with_not_sure_yet(page, settings, conditions):
    settings.MEDIUS_NEWCOMER_HELD_POSTS = 2  # a new member's first question is held
    sign_up_from_the_ask_page(page)

    page.get_by_label("Title").fill(TITLE)
    body = page.get_by_role("textbox", name="Your question")
    body.fill(BODY)
    expect(page.locator(".char-count")).to_contain_text(f"{len(BODY)} of {BODY_MAX:,} characters")

    # The compact choice: typing another name finds the condition.
    finder = page.get_by_label("Find a condition")
    finder.fill("bursitis")
    expect(page.get_by_label("Greater trochanteric pain syndrome")).to_be_visible()
    expect(page.get_by_label("Piriformis syndrome")).to_be_hidden()
    page.get_by_label("Greater trochanteric pain syndrome").check()
    chips = page.get_by_role("list", name="Chosen")
    expect(chips.get_by_role("button", name=re.compile("Greater trochanteric"))).to_be_visible()

    # "Not sure yet", found by "undiagnosed", replaces it: it stands alone.
    finder.fill("undiagnosed")
    not_sure = page.get_by_role("checkbox", name=re.compile(r"^Not sure yet"))
    expect(not_sure).to_be_visible()
    expect(page.get_by_label("Greater trochanteric pain syndrome")).to_be_hidden()
    finder.press("Enter")
    expect(not_sure).to_be_checked()
    expect(page.get_by_label("Greater trochanteric pain syndrome")).not_to_be_checked()
    expect(page.locator(".condition-status")).to_contain_text("instead of Greater trochanteric")
    expect(chips.get_by_role("button")).to_have_count(1)

    # Optional details.
    page.get_by_text("Optional details that help others answer").click()
    page.get_by_label("Which side?").select_option(label="Left")
    page.get_by_label("Activity or sport").fill("Office work, cycling at weekends")

    # A paste longer than the limit is kept whole, counted, and refused with its length.
    long_text = BODY + " More about it." * (BODY_MAX // 15)
    body.fill(long_text)
    assert len(body.input_value()) == len(long_text)
    expect(page.locator(".char-count")).to_contain_text("characters over the limit")
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_text(f"Please keep it under {BODY_MAX:,} characters")).to_be_visible()
    assert body.input_value() == long_text.replace("\r\n", "\n").strip()
    expect(not_sure).to_be_checked()
    assert page.get_by_label("Activity or sport").input_value() == (
        "Office work, cycling at weekends"
    )
    assert not Thread.objects.exists()

    body.fill(BODY)
    expect(page.locator(".char-count")).to_contain_text(f"{len(BODY)} of {BODY_MAX:,}")
    page.get_by_role("button", name="Post your question").click()

    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    question = Thread.objects.get()
    assert question.status == Status.HELD
    assert [c.slug for c in question.conditions.all()] == ["not-sure-yet"]
    main = page.get_by_role("main")
    expect(
        main.get_by_text("Moderators check held posts as soon as they can.").first
    ).to_be_visible()
    details = page.locator("dl.question-details")
    expect(details).to_contain_text("Left")
    expect(details).to_contain_text("Office work, cycling at weekends")

    # Once approved, the question is listed on the page for undiagnosed questions, which
    # its tag leads to and which anyone can follow.
    moderation.approve_post(post=question.opening_post, moderator=UserFactory(is_staff=True))
    main.get_by_role("link", name="Not sure yet").first.click()
    expect(page.get_by_role("heading", name="Not sure yet", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=TITLE).first).to_be_visible()
    expect(page.get_by_role("button", name="Follow this condition")).to_be_visible()

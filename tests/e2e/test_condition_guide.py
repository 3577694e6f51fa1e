"""A condition guide read on a phone: the lists, the urgent-care box, the "Ask about" button."""

import pytest
from playwright.sync_api import Page, expect

from forum.demo.guides import guide_fields
from tests.e2e.test_question_journey import log_in
from tests.factories import ConditionFactory, UserFactory, make_guide

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 390  # the page fixture's viewport


def test_a_guide_reads_well_at_phone_width_and_the_ask_button_preselects(page: Page) -> None:
    condition = ConditionFactory(
        name="Greater trochanteric pain syndrome", slug="greater-trochanteric-pain-syndrome"
    )
    for name in ["Hip osteoarthritis", "Sciatica", "Iliotibial band syndrome"]:
        ConditionFactory(name=name)
    author, reviewer = UserFactory(username="editor_e2e"), UserFactory(username="dr_e2e")
    reviewer.clinician_verified_at = reviewer.date_joined
    reviewer.save(update_fields=["clinician_verified_at"])
    guide = make_guide(
        condition=condition,
        author=author,
        reviewer=reviewer,
        **guide_fields("greater-trochanteric-pain-syndrome"),
    )
    page.goto(condition.get_absolute_url())

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    guide_box = page.locator("article.guide")
    expect(guide_box.get_by_role("heading", name="Typical symptoms")).to_be_visible()
    symptoms = guide_box.locator("section", has=page.locator("#guide-symptoms-h"))
    expect(symptoms.get_by_role("listitem")).to_have_count(len(guide.symptom_list()))
    expect(guide_box.get_by_text("Reviewed by dr_e2e")).to_be_visible()
    urgent = guide_box.locator(".guide-urgent")
    urgent.scroll_into_view_if_needed()
    expect(urgent.get_by_role("heading", name="When to get care now")).to_be_visible()
    expect(urgent.get_by_role("listitem")).to_have_count(len(guide.urgent_list()))
    box = urgent.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH
    look_alike = guide_box.get_by_role("link", name="Sciatica")
    expect(look_alike).to_be_visible()

    member = UserFactory(username="phone_member")
    log_in(page, member)
    page.goto(condition.get_absolute_url())
    ask = page.get_by_role("button", name=f"Ask about {condition.name}")
    ask_box = ask.bounding_box()
    assert ask_box is not None and ask_box["height"] >= 40  # a thumb-sized target
    ask.click()
    expect(page.get_by_role("checkbox", name=condition.name)).to_be_checked()

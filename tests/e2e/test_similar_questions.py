from playwright.sync_api import expect

from tests.e2e.test_question_journey import log_in
from tests.factories import ConditionFactory, UserFactory, make_question


def test_similar_questions_are_offered_while_the_title_is_typed(page):
    condition = ConditionFactory(name="Gluteal tendinopathy", slug="gluteal-tendinopathy")
    earlier = make_question(
        author=UserFactory(username="earlier"),
        conditions=[condition],
        title="Is a lacrosse ball safe for gluteal tendinopathy?",
        body="My physio is away for a month.",
    )
    asker = UserFactory(username="asker")

    log_in(page, asker)
    page.goto("/questions/ask/")
    similar = page.locator("#similar-questions")
    expect(similar).to_be_empty()
    page.get_by_label("Title").press_sequentially("Lacrosse ball on a sore hip", delay=20)
    offered = similar.get_by_role("link", name=earlier.title)
    expect(offered).to_be_visible()
    expect(offered).to_have_attribute("href", earlier.get_absolute_url())

    offered.click()
    expect(page.get_by_role("heading", name=earlier.title)).to_be_visible()

"""Search offers a condition's guide first: by name, synonym or misspelling, and by its text."""

import lxml.html
import pytest
from django.urls import reverse

from forum.search.query import Vocabulary
from tests.factories import ConditionFactory, make_guide

from .conftest import ask

pytestmark = pytest.mark.django_db


@pytest.fixture
def ischial(db):
    condition = ConditionFactory(name="Ischial bursitis", slug="ischial-bursitis")
    condition.synonyms.create(name="Sit bone bursitis")
    return condition


def offered(client, q: str) -> list[str]:
    """The links of the section above the results, in order."""
    tree = lxml.html.fromstring(client.get(reverse("search:results"), {"q": q}).content)
    return [a.get("href") for a in tree.cssselect('section[aria-labelledby="conditions-h"] h3 a')]


def test_a_synonym_offers_the_guide_above_the_results(client, gtps, author):
    make_guide(condition=gtps, about="The outer hip guide, in plain words.")
    ask(author=author, conditions=[gtps], title="Side-lying at night")
    response = client.get(reverse("search:results"), {"q": "hip bursitis"})
    page = response.content.decode()
    assert offered(client, "hip bursitis") == [gtps.get_absolute_url()]
    assert '<span class="badge">Guide</span>' in page
    assert page.index("The outer hip guide") < page.index("Results for")


@pytest.mark.parametrize("q", ["bursitus", "bursitis", "trochanteric bursitus"])
def test_a_misspelt_condition_offers_its_guide_first_even_with_results(
    client, gtps, ischial, author, q
):
    make_guide(condition=gtps)
    ask(author=author, conditions=[], title="Bursitus or not, my hip hurts")
    page = client.get(reverse("search:results"), {"q": q}).content.decode()
    links = offered(client, q)
    assert gtps.get_absolute_url() in links
    if q != "trochanteric bursitus":
        assert ischial.get_absolute_url() in links
    assert "Did you mean this condition?" in page or "Condition guide" in page


def test_a_word_in_many_condition_names_is_no_misspelling(gtps, glute_med):
    other = ConditionFactory(name="Gluteus minimus tendinopathy", slug="glute-min")
    third = ConditionFactory(name="Proximal hamstring tendinopathy", slug="pht")
    assert {other, third}  # three conditions say "tendinopathy"
    assert Vocabulary.load().close_to("tendinopathie") == []


def test_the_text_of_a_guide_is_searchable(client, gtps, glute_med):
    make_guide(condition=gtps, symptoms="Pain when crossing the legs on a sofa")
    make_guide(condition=glute_med)
    assert offered(client, "crossing legs sofa") == [gtps.get_absolute_url()]
    assert offered(client, "crossing legs trampoline") == []


def test_a_page_past_the_first_offers_no_guides(client, gtps, author):
    make_guide(condition=gtps)
    for i in range(25):
        ask(author=author, conditions=[gtps], title=f"Side-lying night {i}")
    assert offered(client, "gtps") == [gtps.get_absolute_url()]
    tree = lxml.html.fromstring(
        client.get(reverse("search:results"), {"q": "gtps", "page": "2"}).content
    )
    assert not tree.cssselect('section[aria-labelledby="conditions-h"]')

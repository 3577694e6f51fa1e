import pytest

from forum.conditions.models import Condition, Synonym

pytestmark = pytest.mark.django_db


# Condition.objects.matching


@pytest.mark.parametrize(
    "text",
    [
        "gtps",
        "GTPS",
        "Trochanteric bursitis",
        "trochanteric BURSITIS",
        "greater trochanteric pain syndrome",
        "  GTPS  ",
    ],
)
def test_matching_finds_a_condition_by_name_or_synonym_in_any_case(gtps, condition, text):
    assert list(Condition.objects.matching(text)) == [gtps]


def test_matching_finds_a_condition_with_several_synonyms_only_once(gtps):
    Synonym.objects.create(condition=gtps, name="Lateral hip pain")

    assert Condition.objects.matching("lateral hip pain").count() == 1


@pytest.mark.parametrize("text", ["bursitis", "trochanteric", "", "GTPS syndrome"])
def test_matching_needs_the_whole_name(gtps, text):
    assert not Condition.objects.matching(text).exists()


# Index

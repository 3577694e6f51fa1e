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


# Condition.objects.with_tagged_count


@pytest.mark.usefixtures("relaxed_posting_rules")
def test_with_tagged_count_counts_every_thread_carrying_the_condition(
    condition, other_condition, member, editor
):
    from tests.factories import make_article, make_question

    make_question(author=member, conditions=[condition])
    make_question(author=member, conditions=[condition, other_condition])
    make_article(author=editor, conditions=[condition], publish=False)  # a draft counts too

    counts = dict(Condition.objects.with_tagged_count().values_list("pk", "tagged_count"))

    assert counts[condition.pk] == 3
    assert counts[other_condition.pk] == 1


def test_with_tagged_count_is_nought_for_a_condition_nobody_tagged(condition):
    assert Condition.objects.with_tagged_count().get(pk=condition.pk).tagged_count == 0

"""How the text typed into the search box is read, before any engine sees it."""

import pytest

from forum.search.query import MAX_TERMS, Term, Vocabulary, parse


def words(query):
    return [term.words for term in query.terms]


def test_words_are_lowercased_and_punctuation_and_common_words_dropped():
    query = parse("  Pain on the OUTSIDE, of my hip?! ")
    assert words(query) == [("pain",), ("outside",), ("hip",)]
    assert query.text == "Pain on the OUTSIDE, of my hip?!"


def test_quoted_words_are_one_phrase_and_keep_their_common_words():
    query = parse('"lacrosse ball" against the wall')
    assert query.terms[0] == Term(words=("lacrosse", "ball"))
    assert words(query)[1:] == [("wall",)]


def test_the_last_word_typed_is_a_prefix():
    query = parse("lacrosse ba")
    assert query.terms[-1] == Term(words=("ba",), prefix=True)
    assert not query.terms[0].prefix


@pytest.mark.parametrize(
    "text",
    ['"lacrosse ball"', "hip b", 'hip "lacro', "hip pain at the"],
    ids=["closed phrase", "one letter", "open quote", "common word last"],
)
def test_no_prefix_when_the_last_word_is_a_phrase_a_letter_or_a_common_word(text):
    assert not any(term.prefix for term in parse(text).terms)


def test_only_stop_words_or_punctuation_leave_an_empty_query():
    assert not parse("the of and")
    assert not parse("!!! ??? <>")
    assert not parse("")


def test_terms_are_capped_and_hold_only_letters_and_digits():
    query = parse("<script>alert('x')</script> " + " ".join(f"w{i}" for i in range(30)))
    assert len(query.terms) == MAX_TERMS
    assert all(word.isalnum() for term in query.terms for word in term.words)


def test_a_condition_synonym_becomes_a_term_with_all_its_names_and_its_id(gtps):
    query = parse("GTPS at night", Vocabulary.load())
    term = query.terms[0]
    assert term.words == ("gtps",)
    assert term.condition_ids == (gtps.pk,)
    assert ("trochanteric", "bursitis") in term.synonyms
    assert ("greater", "trochanteric", "pain", "syndrome") in term.synonyms
    assert query.conditions == (gtps,)
    assert query.terms[1] == Term(words=("night",), prefix=True)


def test_the_longest_condition_name_wins(glute_med):
    query = parse("glute med tendinopathy exercises", Vocabulary.load())
    assert query.terms[0].words == ("glute", "med", "tendinopathy")
    assert query.terms[0].condition_ids == (glute_med.pk,)


def test_a_quoted_condition_name_is_condition_aware(gtps):
    query = parse('"trochanteric bursitis"', Vocabulary.load())
    assert query.terms[0].condition_ids == (gtps.pk,)


def test_misspelt_condition_names_are_suggested(gtps, glute_med):
    assert Vocabulary.load().close_to("trochanteric bursits") == [gtps]
    assert Vocabulary.load().close_to("zzzz") == []

"""The ask page's similar questions, scored on the demo content (demo/similar_quality.py)."""

import io

import pytest
from django.core.management import CommandError, call_command

from forum.demo import data
from forum.demo.management.commands.measure_similar import shown_titles
from forum.demo.similar_quality import CASES, measure

pytestmark = pytest.mark.django_db

# Measured on both engines (README, "Search"): recall@5 0.92 and MRR 0.98 on SQLite,
# 0.90 and 0.98 on PostgreSQL. The titles before this ranking scored 0.70 and 0.78.
FLOOR_FOUND = 45  # of 50 expected questions among the five shown
FLOOR_MRR = 0.95


@pytest.fixture
def demo(db):
    call_command("load_demo", yes_this_is_a_demo=True, stdout=io.StringIO())


def test_every_expected_question_is_a_demo_question():
    titles = [spec["title"] for spec in data.QUESTIONS]
    assert len(CASES) >= 30
    for typed, expected in CASES:
        assert expected, typed
        for start in expected:
            assert [t for t in titles if t.startswith(start)], (typed, start)


def test_similar_questions_find_what_a_clinician_expects(demo):
    quality = measure(shown_titles)
    assert quality.expected == 50
    assert quality.found >= FLOOR_FOUND, quality.misses
    assert quality.mrr >= FLOOR_MRR, quality.misses


def test_the_title_from_the_issue_gets_the_tfl_question_and_not_the_postnatal_one(demo):
    """It used to come first (sharing "hip", "pain" and "months" in its title), and the TFL
    question ("just below the bony point", "running off the bike") was not shown."""
    shown = shown_titles("9 months of pain on the bony point of my hip, worse after running")
    assert shown[0].startswith("Outer hip pain wakes me")  # "right over the bony bit"
    [tfl] = [i for i, title in enumerate(shown) if title.startswith("Tight TFL on the bike")]
    postnatal = [i for i, title in enumerate(shown) if title.startswith("Hip and low back pain")]
    assert all(tfl < i for i in postnatal)


def test_measure_similar_prints_recall_and_mrr(demo):
    out = io.StringIO()
    call_command("measure_similar", "--misses", stdout=out)
    first = out.getvalue().splitlines()[0]
    assert "34 typed titles, 50 expected questions; recall@5 0." in first
    assert "MRR 0." in first


def test_measure_similar_asks_for_the_demo_content_first(db):
    with pytest.raises(CommandError, match="load_demo"):
        call_command("measure_similar", stdout=io.StringIO())

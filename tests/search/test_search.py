"""What a search finds and in which order, on whichever database the suite runs."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from forum.discussions import services
from forum.discussions.models import Post, Thread
from forum.search.backends import similar_questions
from tests.factories import make_article

from .conftest import ask, find, found_ids

pytestmark = pytest.mark.django_db


FILLER_TITLES = [
    "Knee pain on stairs",
    "Sitting all day at a desk",
    "Sleeping with a pillow between the knees",
    "Best shoes for walking",
    "Physio exercises for the lower back",
    "Cycling after a hamstring strain",
]


@pytest.fixture
def corpus(author, condition):
    """The same word in a title, in an opening post's body and in a reply."""
    in_title = ask(
        author=author,
        conditions=[condition],
        title="Lacrosse ball release for tight glutes",
        body="Rolling on the floor helps me before a run.",
    )
    in_body = ask(
        author=author,
        conditions=[condition],
        title="Hip pain at night after long walks",
        body="A physio suggested a lacrosse ball against the wall. Is that safe?",
    )
    elsewhere = ask(
        author=author,
        conditions=[condition],
        title="Outer hip ache after parkrun",
        body="Any tips for the week after a race?",
    )
    reply = services.post_reply(
        parent=elsewhere.opening_post, author=author, body="I use a lacrosse ball every evening."
    )
    for title in FILLER_TITLES:  # so that "lacrosse" is a rare word, as in real life
        ask(author=author, conditions=[condition], title=title)
    return {
        "title": in_title.opening_post_id,
        "body": in_body.opening_post_id,
        "elsewhere": elsewhere.opening_post_id,
        "reply": reply.pk,
    }


def test_title_matches_rank_above_body_matches_above_replies(corpus):
    assert found_ids("lacrosse") == [corpus["title"], corpus["body"], corpus["reply"]]


def test_hits_say_what_they_are_and_link_to_their_thread_or_reply(corpus):
    first, _, reply = find("lacrosse")
    thread = Thread.objects.get(opening_post_id=corpus["title"])
    assert first.is_opening and first.get_absolute_url() == thread.get_absolute_url()
    assert not reply.is_opening
    assert reply.get_absolute_url() == f"/r/{corpus['reply']}/"


def test_matched_words_are_marked_and_everything_else_escaped(author, condition):
    ask(
        author=author,
        conditions=[condition],
        title="Is a <b>lacrosse</b> ball too hard?",
        body="My <script>alert(1)</script> physio says a **lacrosse** ball is fine.",
    )
    (hit,) = find("lacrosse")
    assert "<mark>lacrosse</mark>" in hit.title
    assert "&lt;b&gt;" in hit.title and "<b>" not in hit.title
    assert "<mark>lacrosse</mark>" in hit.snippet
    assert "<" not in hit.snippet.replace("<mark>", "").replace("</mark>", "")


def test_a_quoted_phrase_needs_its_words_together_in_that_order(author, condition):
    together = ask(
        author=author, conditions=[condition], title="Using a lacrosse ball on the glutes"
    )
    ask(author=author, conditions=[condition], title="Which ball for lacrosse players' hips")
    assert found_ids('"lacrosse ball"') == [together.opening_post_id]
    assert len(found_ids("lacrosse ball")) == 2


def test_words_match_their_other_forms(author, condition):
    bodies = ["I run with hip pain", "Running gives me pain", "She runs through the pain",
              "Pain as a runner"]  # fmt: skip
    posts = [
        ask(author=author, conditions=[condition], title=f"Question {i}", body=body)
        for i, body in enumerate(bodies)
    ]
    ids = [thread.opening_post_id for thread in posts]
    # "running" is not the last word, so only stemming can match run, running and runs.
    assert set(found_ids("running pain")) == set(ids[:3])
    # As the last word it is also a prefix: "run…" reaches "runner" as well.
    assert set(found_ids("pain running")) == set(ids)


def test_the_last_word_matches_as_a_prefix_while_typing(corpus):
    assert corpus["title"] in found_ids("lacrosse ba")
    assert corpus["title"] in found_ids("lacro")
    assert found_ids("lacrosse bx") == []


def test_a_condition_synonym_finds_its_other_names_and_what_is_tagged_with_it(author, gtps):
    tagged = ask(
        author=author,
        conditions=[gtps],
        title="Sore outer hip when lying down",
        body="It aches on that side all night.",
    )
    named = ask(
        author=author,
        conditions=[],
        title="Is it my back or my hip?",
        body="My GP thinks it is trochanteric bursitis.",
    )
    ask(author=author, conditions=[], title="Knee pain on stairs", body="Just knees.")
    assert set(found_ids("GTPS")) == {tagged.opening_post_id, named.opening_post_id}
    assert set(found_ids("trochanteric bursitis")) == {
        tagged.opening_post_id,
        named.opening_post_id,
    }
    assert found_ids("GTPS night") == [tagged.opening_post_id]


def test_glute_med_finds_gluteus_medius_content(author, glute_med):
    tagged = ask(
        author=author,
        conditions=[glute_med],
        title="Side plank progressions",
        body="Which one first?",
    )
    assert found_ids("glute med") == [tagged.opening_post_id]


def test_replies_are_not_tagged_with_their_thread_conditions(author, gtps):
    thread = ask(author=author, conditions=[gtps], title="Hip at night", body="Aches.")
    services.post_reply(parent=thread.opening_post, author=author, body="Mine too.")
    assert found_ids("GTPS") == [thread.opening_post_id]


@pytest.fixture
def filtered(author, editor, condition, other_condition):
    """A question answered by a reply, an unanswered question and an article, all on stretching."""
    answered = ask(
        author=author, conditions=[condition], title="Stretching before a run", body="Worth it?"
    )
    reply = services.post_reply(
        parent=answered.opening_post, author=editor, body="Stretching helps some people."
    )
    services.accept_answer(thread=answered, post=reply, actor=author)
    unanswered = ask(
        author=author,
        conditions=[other_condition],
        title="Stretching the piriformis",
        body="How long to hold?",
    )
    article = make_article(author=editor, conditions=[condition], title="Stretching explained")
    return {
        "answered": answered.opening_post_id,
        "reply": reply.pk,
        "unanswered": unanswered.opening_post_id,
        "article": article.opening_post_id,
    }


def test_filter_by_kind(filtered):
    assert set(found_ids("stretching", kind="question")) == {
        filtered["answered"],
        filtered["unanswered"],
    }
    assert found_ids("stretching", kind="article") == [filtered["article"]]
    assert found_ids("stretching", kind="reply") == [filtered["reply"]]


def test_filter_by_condition(filtered, other_condition):
    assert found_ids("stretching", condition=other_condition) == [filtered["unanswered"]]


def test_filter_by_accepted_answer(filtered):
    assert set(found_ids("stretching", answered=True)) == {filtered["answered"], filtered["reply"]}
    assert found_ids("stretching", answered=False) == [filtered["unanswered"]]


def test_filter_by_date_range(filtered):
    today = timezone.localdate()
    long_ago = timezone.now() - timedelta(days=400)
    Post.objects.filter(pk=filtered["article"]).update(created_at=long_ago)
    old = found_ids("stretching", date_to=today - timedelta(days=30))
    assert old == [filtered["article"]]
    recent = found_ids("stretching", date_from=today - timedelta(days=1), date_to=today)
    assert filtered["article"] not in recent and len(recent) == 3
    assert found_ids("stretching", date_from=date(2999, 1, 1)) == []


def test_similar_questions_share_any_title_word_and_are_public_questions_only(
    corpus, author, editor
):
    make_article(author=editor, conditions=[], title="Lacrosse ball basics")
    hits = {hit.post_id: hit for hit in similar_questions("Lacrosse ball on my hip at night?")}
    # Titles only: the reply and the lacrosse ball in a body do not count; the article is
    # not a question.
    assert set(hits) == {corpus["title"], corpus["body"], corpus["elsewhere"]}
    assert hits[corpus["title"]].title == (
        "<mark>Lacrosse</mark> <mark>ball</mark> release for tight glutes"
    )
    assert similar_questions("?!") == []

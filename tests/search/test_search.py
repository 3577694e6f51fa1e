"""What a search finds and in which order, on whichever database the suite runs."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forum.discussions import services
from forum.discussions.models import Post, Status, Thread
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


def test_a_prefix_part_way_into_an_ending_finds_the_whole_word(author, condition):
    running = ask(author=author, conditions=[condition], title="Running hurts")
    sitting = ask(author=author, conditions=[condition], title="Sitting hurts")
    # The stemmers index "running" as "run" and "sitting" as "sit": "runni*" alone
    # would reach neither.
    for typed in ["runni", "runnin", "runn"]:
        assert found_ids(typed) == [running.opening_post_id], typed
    assert found_ids("sitti") == [sitting.opening_post_id]
    assert found_ids("runnx") == []


def test_opening_posts_come_before_replies_page_after_page(author, condition):
    """A reply never outranks an opening post, and pages continue from one tier into
    the next without losing or repeating a hit."""
    openings, replies = [], []
    for i in range(25):
        thread = ask(author=author, conditions=[condition], title=f"Tendon question {i}")
        openings.append(thread.opening_post_id)
        reply = services.post_reply(
            parent=thread.opening_post, author=author, body=f"Tendon tendon tendon ({i})."
        )
        replies.append(reply.pk)
    pages = [found_ids("tendon", offset=offset) for offset in (0, 20, 40)]
    assert [len(page) for page in pages] == [20, 20, 10]
    everything = [pk for page in pages for pk in page]
    assert set(everything[:25]) == set(openings)
    assert set(everything[25:]) == set(replies)
    assert len(set(everything)) == 50


def test_a_window_of_invisible_matches_is_looked_past(author, other_member, condition):
    """The best-ranked matches are all held: the window finds none to show, and every
    match is checked instead."""
    shown = ask(author=author, conditions=[condition], title="Adductor pain", body="Groin.")
    for i in range(60):
        held = ask(
            author=other_member,
            conditions=[condition],
            title=f"Adductor adductor adductor {i}",
            body=f"Adductor adductor ({i}).",
        )
        Post.objects.filter(pk=held.opening_post_id).update(status=Status.HELD)
        Thread.objects.filter(pk=held.pk).update(status=Status.HELD)
    assert found_ids("adductor") == [shown.opening_post_id]
    assert len(found_ids("adductor", other_member)) == 20  # a page of their own


def similar_ids(title: str) -> list[int]:
    return [hit.post_id for hit in similar_questions(title)]


def test_similar_questions_are_public_questions_matched_in_title_or_body(corpus, author, editor):
    make_article(author=editor, conditions=[], title="Lacrosse ball basics")
    hits = {hit.post_id: hit for hit in similar_questions("Lacrosse ball on my hip at night?")}
    # The lacrosse ball in a body counts; the reply does not (its question shares "hip"
    # anyway) and the article is not a question.
    assert set(hits) == {corpus["title"], corpus["body"], corpus["elsewhere"]}
    assert hits[corpus["title"]].title == "Lacrosse ball release for tight glutes"
    assert similar_questions("?!") == []


def test_similar_questions_rank_rare_shared_words_first(author, condition):
    common = [
        ask(author=author, conditions=[condition], title=f"Hip pain at night {i}").opening_post_id
        for i in range(6)
    ]
    rare = ask(author=author, conditions=[condition], title="Sore hip", body="A bony bump.")
    assert similar_ids("Bony bump and hip pain at night")[0] == rare.opening_post_id
    assert set(similar_ids("Bony bump and hip pain at night")[1:]) <= set(common)


def test_a_condition_named_in_the_title_brings_its_questions(author, condition, gtps):
    tagged = ask(author=author, conditions=[gtps], title="Sleeping on my side", body="It aches.")
    ask(author=author, conditions=[condition], title="Sleeping on my front", body="Fine.")
    assert similar_ids("Trochanteric bursitis and cycling") == [tagged.opening_post_id]
    assert similar_ids("Sleeping with GTPS")[0] == tagged.opening_post_id


def test_similar_questions_say_how_many_replies_and_whether_answered(author, editor, condition):
    question = ask(author=author, conditions=[condition], title="Piriformis stretch")
    reply = services.post_reply(parent=question.opening_post, author=editor, body="Try this.")
    services.post_reply(parent=reply, author=author, body="Thanks.")
    (hit,) = similar_questions("Piriformis stretch")
    assert (hit.reply_count, hit.answered) == (2, False)
    services.accept_answer(thread=question, post=reply, actor=author)
    (hit,) = similar_questions("Piriformis stretch")
    assert (hit.reply_count, hit.answered) == (2, True)


def test_a_word_in_every_question_counts_only_for_the_newest(author, condition, monkeypatch):
    """Each word is looked up in at most SIMILAR_CAP questions (the newest), so a word
    found everywhere costs the same as a rare one, and still ranks what it finds."""
    monkeypatch.setattr("forum.search.backends.SIMILAR_CAP", 3)
    oldest = ask(author=author, conditions=[condition], title="Hamstring hamstring")
    newer = [
        ask(author=author, conditions=[condition], title=f"Hamstring {i}").opening_post_id
        for i in range(4)
    ]
    assert oldest.opening_post_id not in similar_ids("Hamstring")
    assert set(similar_ids("Hamstring")) == set(newer[-3:])
    rare = ask(author=author, conditions=[condition], title="Hamstring and a tuberosity")
    assert similar_ids("hamstring tuberosity")[0] == rare.opening_post_id


def test_a_word_in_very_many_posts_ranks_its_newest_band_first_on_sqlite(
    author, editor, monkeypatch
):
    """Past BAND matches in a tier, SQLite ranks the newest BAND first and the older ones
    after, each band in rank order; PostgreSQL ranks them all together. Either way pages
    follow on, and filters reach into the older matches."""
    monkeypatch.setattr("forum.search.backends.BAND", 3)
    strong, weak = "Gluteal gluteal gluteal", "Gluteal and a long title about other things"
    titles = [strong, weak, strong, weak, strong, weak]  # oldest first
    ids = [ask(author=author, conditions=[], title=t).opening_post_id for t in titles]
    if connection.vendor == "sqlite":
        older, newest = ids[:3], ids[3:]
        expected = [newest[1], newest[2], newest[0], older[2], older[0], older[1]]
    else:
        expected = [ids[4], ids[2], ids[0], ids[5], ids[3], ids[1]]
    assert found_ids("gluteal") == expected
    assert [found_ids("gluteal", offset=offset)[0] for offset in range(6)] == expected
    thread = Thread.objects.get(opening_post_id=ids[0])
    reply = services.post_reply(parent=thread.opening_post, author=editor, body="Helpful.")
    services.accept_answer(thread=thread, post=reply, actor=author)
    assert found_ids("gluteal", answered=True) == [ids[0]]


def test_a_filter_on_threads_is_part_of_the_opening_posts_match(filtered):
    """Kind, condition and answer are in the index for opening posts, so those filters
    narrow the engine's own match and its window, and no match is checked in vain."""
    with CaptureQueriesContext(connection) as queries:
        assert set(found_ids("stretching", answered=True)) == {
            filtered["answered"],
            filtered["reply"],
        }
    openings = [q["sql"] for q in queries.captured_queries if "candidate" in q["sql"]]
    assert len(openings) == 1  # a window for the opening posts, checked first for replies

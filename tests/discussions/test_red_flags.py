"""Red flags as people type them: the patterns seeded by the migration, measured.

The table below is realistic sentences in our own words: urgent-care signs, crisis, and
harmless look-alikes a keyword list would trip on. The test computes recall (flags
found, of the right kind) and the false-positive rate, and asserts them. To print the
figures: ``pytest tests/discussions/test_red_flags.py -k figures -s``.

Three look-alikes are flagged on purpose and counted as false positives: numbness of the
bottom that passes on standing (cauda equina starts the same way; the notice costs a
click), a reply advising others what to do about saddle numbness, and "buttock pain and
numb toes" (the patterns read buttock ... numb).
"""

import time
from importlib import import_module

import pytest
from django.core.exceptions import ValidationError

from forum.discussions import policy, redflags
from forum.discussions.models import RedFlagPhrase

pytestmark = pytest.mark.django_db

URGENT, CRISIS, NONE = "urgent", "crisis", "none"

SENTENCES = [
    # Urgent care: cauda equina signs
    ("Since Tuesday my bottom feels numb and I can't feel the toilet paper when I wipe.", URGENT),
    ("My groin and inner thighs have gone numb over the last two days.", URGENT),
    ("I've got numbness around my back passage and down the inside of my thighs.", URGENT),
    ("Woke up with saddle numbness and my sciatica is much worse.", URGENT),
    ("The bit you'd sit on a bike saddle with feels numb.", URGENT),
    ("My bum cheeks are numb and I can't feel myself on the toilet.", URGENT),
    ("I've had some trouble passing urine since my back went on Friday.", URGENT),
    ("Last night I wet myself without realising, and my back and buttock are agony.", URGENT),
    ("Since yesterday I can't tell when I need to pee.", URGENT),
    ("I lost control of my bowels this morning and my sciatica is awful.", URGENT),
    ("New bladder problems started yesterday along with the leg pain.", URGENT),
    ("Pins and needles in my saddle area and I'm struggling to pee.", URGENT),
    # Urgent care: cannot bear weight after a fall
    ("I can\u2019t bear weight on my left leg since I slipped on the ice this morning.", URGENT),
    ("Fell off my bike yesterday and now I can't put any weight on my leg.", URGENT),
    ("cant bare weight on it at all after the fall", URGENT),
    ("CAN'T BEAR WEIGHT!!! please help", URGENT),
    ("I'm unable to weight bear after falling down the stairs.", URGENT),
    ("I tripped on the stairs and now I cannot stand up or walk.", URGENT),
    ("After the fall my leg looks shorter and my foot is turned outwards.", URGENT),
    # Urgent care: fever with a hot swollen joint
    ("Running a fever and my hip is hot, red and swollen.", URGENT),
    ("My temperature is 38.5 and the joint has swelled up and feels hot to touch.", URGENT),
    ("I've had the chills all day and my hip is really swollen.", URGENT),
    ("My hip is hot and swollen and I feel shivery.", URGENT),
    # Urgent care: sudden severe pain
    ("Sudden severe pain in my hip an hour ago, it came out of nowhere.", URGENT),
    ("It was the worst pain of my life and it started while I was sitting still.", URGENT),
    # Urgent care: a leg going weak or dragging
    ("My right leg keeps giving way when I walk.", URGENT),
    ("I've started dragging my left foot and tripping on the pavement.", URGENT),
    ("My leg has gone weak over the past few days and it's getting worse.", URGENT),
    ("Both legs feel numb and heavy since this morning.", URGENT),
    ("I think I have foot drop, my toes catch on every step.", URGENT),
    # Crisis
    ("Honestly I've been thinking about ending it all.", CRISIS),
    ("Some days I want to kill myself because of this pain.", CRISIS),
    ("I don\u2019t want to be here anymore.", CRISIS),
    ("Not wanting to be here is how I feel most mornings.", CRISIS),
    ("I've been having suicidal thoughts since the surgery failed.", CRISIS),
    ("I've thought about suicide more than once this month.", CRISIS),
    ("I keep thinking everyone would be better off without me.", CRISIS),
    ("I've started self-harming again.", CRISIS),
    ("Part of me wants to hurt myself so I feel something other than this pain.", CRISIS),
    ("There's no reason to keep living like this.", CRISIS),
    ("Life isn\u2019t worth living with this pain.", CRISIS),
    ("I'm planning to take all my pills tonight.", CRISIS),
    ("I wish I was dead, every day is agony.", CRISIS),
    ("I want to end my life.", CRISIS),
    ("I just want to die, I'm so tired of it.", CRISIS),
    ("I can't go on like this anymore.", CRISIS),
    # Harmless look-alikes
    ("I'd kill for a pain-free run.", NONE),
    ("This stretch is killing me but I'll keep at it.", NONE),
    ("I'm dying to get back to netball.", NONE),
    ("I nearly died laughing at my physio's jokes.", NONE),
    ("I hurt myself lifting a heavy box at work.", NONE),
    ("This injury has ended my running for the season.", NONE),
    ("I'm taking my life back one walk at a time.", NONE),
    ("Ending the session with a long stretch helps it all settle.", NONE),
    ("I don't want to go back to the gym until it settles.", NONE),
    ("There's no point rushing the rehab.", NONE),
    ("I take all my tablets in the morning with breakfast.", NONE),
    ("I can bear weight now, which is a relief.", NONE),
    ("I was able to put full weight on it by the second week.", NONE),
    ("I can't put my socks on without pain.", NONE),
    ("I can't walk as far as I used to.", NONE),
    ("I lost a bit of weight and my hip feels better.", NONE),
    ("My bum goes numb after an hour on a hard bench, then it's fine once I stand up.", NONE),
    ("No numbness, no bladder or bowel problems, just a deep ache in the buttock.", NONE),
    ("I haven't had any numbness in my bottom or groin.", NONE),
    ("The physio checked for saddle numbness and there was none.", NONE),
    ("If you ever get numbness in the saddle area, go to A&E straight away.", NONE),
    ("Buttock pain and numb toes when I sit too long.", NONE),
    ("Pins and needles down my leg when I sit for long.", NONE),
    ("I struggle to sit through a film, my buttock aches.", NONE),
    ("My bladder wakes me at night now that I'm pregnant.", NONE),
    ("My hip feels hot after I ice it, weirdly.", NONE),
    ("A hot water bottle on my buttock helps at night.", NONE),
    ("I had a fever last winter with the flu, nothing to do with my hip.", NONE),
    ("My hip is swollen after the marathon but there was no fever.", NONE),
    ("I don't have a fever, but my hip is hot after the heat pack.", NONE),
    ("Sudden sharp twinges when I stand up from the sofa, they pass quickly.", NONE),
    ("The pain is worst first thing in the morning.", NONE),
    ("My leg feels weak on the stairs, which my physio says is the glute.", NONE),
    ("My legs feel heavy after a long run.", NONE),
    ("My knee gave way once years ago, my hip is the problem now.", NONE),
]

ACCEPTED_FALSE_POSITIVES = {
    "My bum goes numb after an hour on a hard bench, then it's fine once I stand up.",
    "If you ever get numbness in the saddle area, go to A&E straight away.",
    "Buttock pain and numb toes when I sit too long.",
}


def kind_found(text: str) -> str:
    hit = policy.find_red_flag(text)
    return hit.kind if hit else NONE


def figures() -> dict[str, object]:
    found = {text: kind_found(text) for text, _ in SENTENCES}
    flags = [(t, k) for t, k in SENTENCES if k != NONE]
    harmless = [t for t, k in SENTENCES if k == NONE]
    caught = [t for t, k in flags if found[t] == k]
    false_positives = [t for t in harmless if found[t] != NONE]
    return {
        "sentences": len(SENTENCES),
        "flags": len(flags),
        "caught": len(caught),
        "missed": [(t, k, found[t]) for t, k in flags if found[t] != k],
        "harmless": len(harmless),
        "false_positives": false_positives,
        "recall": len(caught) / len(flags),
        "false_positive_rate": len(false_positives) / len(harmless),
    }


def test_the_table_is_big_and_balanced_enough_to_mean_something():
    kinds = [k for _, k in SENTENCES]
    assert len(SENTENCES) >= 60
    assert len(set(t for t, _ in SENTENCES)) == len(SENTENCES)
    assert min(kinds.count(URGENT), kinds.count(CRISIS), kinds.count(NONE)) >= 15


def test_red_flag_recall_and_false_positive_rate_on_the_table():
    result = figures()

    assert result["missed"] == []
    assert result["recall"] == 1.0
    assert set(result["false_positives"]) <= ACCEPTED_FALSE_POSITIVES
    assert result["false_positive_rate"] <= 0.10


def test_red_flag_figures():
    """Prints the figures quoted in the README (run with -s to see them)."""
    result = figures()
    print(
        f"\nred flags: {result['sentences']} sentences; recall "
        f"{result['caught']}/{result['flags']} = {result['recall']:.1%}; false positives "
        f"{len(result['false_positives'])}/{result['harmless']} = "
        f"{result['false_positive_rate']:.1%}"
    )
    for text in result["false_positives"]:
        print(f"  flagged, harmless: {text}")
    assert result["flags"] + result["harmless"] == result["sentences"]


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("I CAN\u2019T BEAR WEIGHT", "CAN'T BEAR WEIGHT"),
        ("i can`t  bear\n\nweight", "can't  bear\n\nweight"),
        ("I can\u02bct bear weight", "can't bear weight"),
        ("I can't **bear** weight", "can't **bear** weight"),
        ("I \uff43\uff41\uff4e'\uff54 bear weight", "can't bear weight"),  # full width
        ("cant bear weight", "cant bear weight"),
    ],
)
def test_apostrophes_case_width_markdown_and_spacing_never_matter(typed, words):
    hit = policy.find_red_flag(typed)

    assert hit is not None and hit.kind == URGENT
    assert hit.words == words


def test_crisis_outranks_urgent_in_one_text():
    hit = policy.find_red_flag("I can't bear weight and honestly I want to end it all.")

    assert (hit.kind, hit.words) == (CRISIS, "end it all")


def test_denials_are_skipped_for_urgent_patterns_but_not_for_crisis():
    assert policy.find_red_flag("No saddle numbness at all, luckily.") is None
    assert policy.find_red_flag("No fever, but saddle numbness since this morning.")
    assert policy.find_red_flag("I'm not going to kill myself, but it is hard.").kind == CRISIS


def test_every_phrase_seeded_before_is_still_caught():
    old = import_module("forum.moderation.migrations.0006_seed_red_flag_patterns").OLD_PHRASES

    missed = [(phrase, kind) for phrase, kind in old if kind_found(f"I have {phrase}.") != kind]

    assert missed == []


def test_each_seeded_pattern_catches_its_examples_and_is_valid():
    for phrase in RedFlagPhrase.objects.all():
        phrase.full_clean()
        assert phrase.examples, phrase


def test_an_edited_pattern_takes_effect_at_once_however_it_was_saved():
    text = "My coccyx has gone numb."
    assert policy.find_red_flag(text) is None

    RedFlagPhrase.objects.create(phrase="coccyx ...3 numb*", kind=URGENT)
    assert policy.find_red_flag(text).words == "coccyx has gone numb"

    RedFlagPhrase.objects.filter(phrase="coccyx ...3 numb*").update(is_active=False)
    assert policy.find_red_flag(text) is None


# The pattern syntax moderators write


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        ("saddle numbness", "Saddle numbness today", True),
        ("saddle numbness", "saddle area numbness", False),
        ("saddle ... numbness", "saddle area numbness", True),
        ("saddle ...1 numbness", "saddle area feels numbness", False),
        ("numb*", "numbness", True),
        ("numb", "numbness", False),
        ("leg give", "leg gives, leg given", True),
        ("(can't|unable to) walk", "unable to walk", True),
        ("weak|weakness leg", "weakness leg", True),
        ("self-harm", "self harm", True),
        ("kill myself", "skill myself", False),
    ],
)
def test_pattern_syntax(pattern, text, found):
    assert redflags.matches(pattern, text, ignore_negated=True) is found


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("   ", "empty"),
        ("(can't|cannot bear weight", "never closes"),
        ("can't) bear", "never opened"),
        ("((a|b))", "cannot be nested"),
        ("(a||b) weight", "alternative is empty"),
        ("... weight", "between two words"),
        ("weight ...", "between two words"),
        ("bear ... ... weight", "between two words"),
        ("bear ...9 weight", "1 to 8 words"),
        ("a ... b ... c ... d ... e", "at most 3 gaps"),
        ("nu* weight", "at least 3 letters"),
        ("nu*mb", "at the end of a word"),
        ("bear | weight", "joins two words"),
        ("bear $ weight", "cannot be read"),
        ("(bear ... weight)", "not inside them"),
        ("x" * 301, "under 300"),
    ],
)
def test_a_pattern_that_cannot_be_read_is_refused_with_why(pattern, message):
    with pytest.raises(ValidationError, match=message):
        RedFlagPhrase(phrase=pattern, kind=URGENT).full_clean()


def test_saving_a_pattern_that_no_longer_catches_its_examples_is_refused():
    phrase = RedFlagPhrase(
        phrase="saddle numb*",
        kind=URGENT,
        examples="Saddle numbness since Monday.\nMy saddle area feels numb.",
    )

    with pytest.raises(ValidationError) as caught:
        phrase.full_clean()

    assert caught.value.message_dict["examples"] == [
        "The pattern does not catch “My saddle area feels numb.”."
    ]


def test_the_admin_refuses_a_broken_pattern_and_keeps_what_was_typed(moderator_client):
    url = "/admin/discussions/redflagphrase/add/"
    data = {"phrase": "(can't bear weight", "kind": URGENT, "is_active": "on", "examples": ""}

    page = moderator_client.get(url).content.decode()
    response = moderator_client.post(url, data)

    assert "Alternatives in brackets" in page  # the syntax is the help text
    assert response.status_code == 200
    assert "A bracket opens but never closes." in response.content.decode()
    assert response.context["adminform"].form["phrase"].value() == "(can't bear weight"
    assert not RedFlagPhrase.objects.filter(phrase="(can't bear weight").exists()


def test_the_admin_saves_a_pattern_that_catches_its_examples(moderator_client):
    response = moderator_client.post(
        "/admin/discussions/redflagphrase/add/",
        {
            "phrase": "coccyx ...3 numb*",
            "kind": URGENT,
            "is_active": "on",
            "ignore_negated": "on",
            "examples": "My coccyx has gone numb.",
        },
    )

    assert response.status_code == 302
    assert policy.find_red_flag("the coccyx is numb").pk == RedFlagPhrase.objects.latest("pk").pk


def test_a_pattern_saved_around_the_admin_is_matched_as_plain_words(caplog):
    RedFlagPhrase.objects.create(phrase="numb (tailbone", kind=URGENT)

    hit = policy.find_red_flag("a numb tailbone")

    assert hit is not None and hit.words == "numb tailbone"
    assert "cannot be parsed" in caplog.text


def test_matching_a_long_hostile_text_stays_fast():
    text = " ".join(["numb bottom fever hot cannot bear put weight no"] * 2500)[:20_000]

    started = time.perf_counter()
    policy.find_red_flag(text)
    policy.find_red_flag("word " * 4000)

    assert time.perf_counter() - started < 1.0

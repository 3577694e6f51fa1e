"""How good the ask page's "similar questions" are, measured on the demo content.

``CASES`` are titles a member might type on the ask page, each with the demo
questions (``data.QUESTIONS``) a clinician reading the title would want them to see
before posting. ``measure`` asks ``forum.search.backends.similar_questions`` for each
title and scores the five it shows:

- recall@5: of all the expected questions, the share found among the five shown;
- MRR: the mean, over titles, of 1/rank of the first expected question shown (0 when
  none of the five is expected).

``python manage.py measure_similar`` prints both (after ``load_demo``), and
tests/demo/test_similar_quality.py keeps them above a floor.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

SHOWN = 5

# Titles of the demo questions, shortened to the start that tells them apart.
NIGHT = "Outer hip pain wakes me every time I roll onto my side"
GLUTE_MED_RUNNING = "Glute med pain since jumping from 30 to 50 km a week"
SIT_BONE = "Deep ache at my sit bone after long days at the desk"
BALLET = "Ache at the front and side of my hip the day after ballet class"
TFL = "Tight TFL on the bike"
PIRIFORMIS = "Piriformis syndrome or sciatica?"
POSTNATAL = "Hip and low back pain four months after giving birth"
DESCENTS = "Outer knee and hip pain on long descents"
INJECTION = "GP has offered a cortisone injection for trochanteric bursitis"
FIRST_EXERCISES = "Never done strength training"
ITB = "Sharp pain on the outside of my knee after 12 km"
SI_LIFTS = "One-sided ache near the base of my spine after partner lifts"
NUMB = "Back pain after gardening and now my bottom feels numb"
MASSAGE_BALL = "Using a massage ball on my QL and glutes every evening"
GLUTE_MAX = "Twinge deep in my buttock during hill sprints"
SQUAT = "Pinching at the front of my hip at the bottom of a deep squat"

CASES: list[tuple[str, list[str]]] = [
    (
        "9 months of pain on the bony point of my hip, worse after running",
        [INJECTION, GLUTE_MED_RUNNING, TFL, NIGHT],
    ),
    ("Can't sleep on my side because of the pain in my outer hip", [NIGHT, INJECTION]),
    ("Hip pain at night whichever side I lie on", [NIGHT, INJECTION]),
    ("Is a steroid injection for trochanteric bursitis worth it?", [INJECTION, NIGHT]),
    ("Glute med tendinopathy while training for a half marathon", [GLUTE_MED_RUNNING]),
    ("Should I stop running with pain on the outside of my hip?", [GLUTE_MED_RUNNING, INJECTION]),
    ("Hurts to stand on one leg to put my socks on", [GLUTE_MED_RUNNING, FIRST_EXERCISES]),
    ("Pain in my buttock that goes down the back of my leg when I sit", [PIRIFORMIS, SIT_BONE]),
    ("Is it my piriformis or a trapped nerve in my back?", [PIRIFORMIS]),
    ("Deep buttock pain and tingling in my foot after driving", [PIRIFORMIS]),
    ("Sit bone pain on hard chairs at work", [SIT_BONE]),
    ("High hamstring tendinopathy from sitting all day", [SIT_BONE]),
    ("Clicking at the front of my hip when I lift my leg in dance class", [BALLET]),
    ("Snapping hip in a dancer, should I keep rehearsing?", [BALLET]),
    ("TFL tightness after long rides on the aero bars", [TFL]),
    ("Did raising my saddle cause my hip pain on the bike?", [TFL]),
    ("Lower back and hip pain since my baby was born", [POSTNATAL]),
    ("SI joint pain when standing on one leg", [SI_LIFTS, POSTNATAL]),
    ("Ache on one side of my lower back after lifting", [SI_LIFTS, MASSAGE_BALL]),
    ("IT band pain on the outside of my knee when running downhill", [ITB, DESCENTS]),
    ("Knee pain on long descents when hiking", [DESCENTS, ITB]),
    ("Foam rolling my IT band every night but no change", [ITB]),
    ("Cortisone shot a few weeks before my triathlon?", [INJECTION]),
    (
        "How do I start strengthening my glutes without making tendinopathy worse?",
        [FIRST_EXERCISES, GLUTE_MED_RUNNING],
    ),
    ("Clamshells make my outer hip ache more", [FIRST_EXERCISES, GLUTE_MED_RUNNING]),
    ("Numb bottom and trouble peeing after lifting heavy slabs", [NUMB]),
    ("Lower back pain and both legs aching after gardening", [NUMB]),
    ("How long should I lie on a massage ball for my lower back?", [MASSAGE_BALL]),
    ("QL pain after long swims and bike rides", [MASSAGE_BALL]),
    ("Pulled my glute doing sprints", [GLUTE_MAX]),
    ("Buttock twinge on hill repeats, when can I run again?", [GLUTE_MAX]),
    ("Pinching pain in the front of my hip when I squat", [SQUAT]),
    ("Hip impingement from weightlifting?", [SQUAT]),
    ("Torn labrum? My hip clicks at the bottom of a squat", [SQUAT, BALLET]),
]


@dataclass(frozen=True)
class Quality:
    titles: int
    expected: int
    found: int  # expected questions among the five shown, over all titles
    mrr: float
    misses: list[tuple[str, list[str]]]  # each title whose expected questions were not all shown

    @property
    def recall(self) -> float:
        return self.found / self.expected


def measure(shown_for: Callable[[str], Sequence[str]]) -> Quality:
    """Score ``shown_for(title)``, the titles of the questions shown for a typed title."""
    found, reciprocal_ranks, misses = 0, [], []
    expected = sum(len(wanted) for _, wanted in CASES)
    for typed, wanted in CASES:
        shown = list(shown_for(typed))[:SHOWN]
        ranks = [i for i, title in enumerate(shown, 1) if any(map(title.startswith, wanted))]
        hits = {start for start in wanted if any(title.startswith(start) for title in shown)}
        found += len(hits)
        reciprocal_ranks.append(1 / ranks[0] if ranks else 0.0)
        if len(hits) < len(wanted):
            misses.append((typed, [start for start in wanted if start not in hits]))
    return Quality(
        titles=len(CASES),
        expected=expected,
        found=found,
        mrr=sum(reciprocal_ranks) / len(CASES),
        misses=misses,
    )

"""What members tried, added up honestly: counts of distinct members, a share only when
enough of them have said how it went, and the share's 95% Wilson interval beside it.

Each member counts once per treatment and condition, with their latest word
(``RecordQuerySet.one_per_member``); the counts are kept in ``TreatmentTally`` rows,
refreshed by the services on every write. "Too early to say" and unanswered follow-ups are
not guessed at: they show as members still to hear from, outside the share.
"""

from dataclasses import dataclass
from functools import cached_property
from math import sqrt

from django.conf import settings

from forum.conditions.models import Condition
from forum.core.links import url_from_prefix

from .models import Treatment, TreatmentTally

Z_95 = 1.959964


def wilson_interval(successes: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval for ``successes`` out of ``n`` (n > 0), as fractions.

    Unlike ``p ± z·√(p(1-p)/n)`` it stays within 0 and 1 and does not shrink to nothing
    at 0 of 10 or 10 of 10, which matters for the small numbers a forum has.
    """
    if n <= 0:
        raise ValueError("an interval needs at least one report")
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Tally:
    """One row of "What members tried": a treatment (or a condition) and its counts;
    ``url`` is the page its name links to."""

    name: str
    slug: str
    url: str
    reported: int
    with_outcome: int
    better: int

    @property
    def still_to_hear(self) -> int:
        return self.reported - self.with_outcome

    @property
    def enough(self) -> bool:
        """A share is shown only once this many members have said how it went
        (MEDIUS_TREATMENT_MIN_REPORTS); below it any percentage would mislead."""
        return self.with_outcome >= min_reports()

    @cached_property
    def percent_better(self) -> int:
        return round(100 * self.better / self.with_outcome)

    @cached_property
    def interval(self) -> tuple[int, int]:
        low, high = wilson_interval(self.better, self.with_outcome)
        return round(100 * low), round(100 * high)


def for_condition(condition: Condition) -> list[Tally]:
    """Per treatment tried for ``condition``, alphabetically (never ranked), one query."""
    rows = (
        TreatmentTally.objects.filter(condition=condition)
        .select_related("treatment")
        .order_by("treatment__name")
    )
    return [
        Tally(
            name=row.treatment.name,
            slug=row.treatment.slug,
            url=url_from_prefix("discussions:treatment", row.treatment.slug),
            reported=row.reported,
            with_outcome=row.with_outcome,
            better=row.better,
        )
        for row in rows
    ]


def for_treatment(treatment: Treatment) -> list[Tally]:
    """Per condition ``treatment`` was tried for, alphabetically, one query."""
    rows = (
        TreatmentTally.objects.filter(treatment=treatment)
        .select_related("condition")
        .order_by("condition__name")
    )
    return [
        Tally(
            name=row.condition.name,
            slug=row.condition.slug,
            url=url_from_prefix("discussions:condition", row.condition.slug),
            reported=row.reported,
            with_outcome=row.with_outcome,
            better=row.better,
        )
        for row in rows
    ]


def min_reports() -> int:
    return int(settings.MEDIUS_TREATMENT_MIN_REPORTS)


def condition_context(condition: Condition) -> dict[str, object]:
    """What ``treatments/_condition_summary.html`` needs, for the condition page's view."""
    return {"what_members_tried": for_condition(condition), "treatment_min_reports": min_reports()}

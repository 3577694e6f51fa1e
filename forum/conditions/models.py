from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from forum.core.links import url_from_prefix


class ConditionQuerySet(models.QuerySet["Condition"]):
    def matching(self, text: str) -> "ConditionQuerySet":
        """Conditions whose name or one of whose synonyms is ``text`` (any case)."""
        text = text.strip()
        return self.filter(
            models.Q(name__iexact=text) | models.Q(synonyms__name__iexact=text)
        ).distinct()

    def top_level(self) -> "ConditionQuerySet":
        return self.filter(parent__isnull=True)

    def children_or_named(
        self, condition: "Condition", *, names: Iterable[str]
    ) -> "ConditionQuerySet":
        """``condition``'s sub-conditions and the conditions called one of ``names`` (its
        guide's look-alikes), by name: one query for both on the condition page."""
        return self.filter(models.Q(parent=condition) | models.Q(name__in=set(names)))

    def two_levels(self) -> list[tuple["Condition", list["Condition"]]]:
        """The top-level conditions, each with its children, in one query (the tree on
        the home page; deeper conditions are left to the condition pages)."""
        conditions = list(self)
        children: dict[int, list[Condition]] = {c.pk: [] for c in conditions}
        for condition in conditions:
            if condition.parent_id in children:
                children[condition.parent_id].append(condition)
        return [(c, children[c.pk]) for c in conditions if c.parent_id is None]

    def undiagnosed_first(self) -> "ConditionQuerySet":
        """“Not sure yet” first, then by name: the order of the ask page's choices."""
        return self.order_by("-is_undiagnosed", "name")


UNDIAGNOSED_SLUG = "not-sure-yet"
UNDIAGNOSED_ALONE = (
    "“Not sure yet” stands instead of a condition: choose it on its own, "
    "or untick it and keep the conditions you chose."
)


def check_condition_choice(conditions: Iterable["Condition"]) -> None:
    """A thread is either "not sure yet" or tagged with conditions, never both: a question
    that names a condition is no longer undiagnosed, and "what could this be?" questions
    should all be found on the one page clinicians follow for them."""
    chosen = list(conditions)
    if len(chosen) > 1 and any(condition.is_undiagnosed for condition in chosen):
        raise ValidationError(UNDIAGNOSED_ALONE, code="undiagnosed_alone")


class Condition(models.Model):
    """One entry of the curated vocabulary of hip, buttock and low-back conditions."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(
        max_length=800, help_text="Two to four plain-language sentences, in our own words."
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Optional broader condition, e.g. gluteal tendinopathy for gluteus medius.",
    )

    answered_by = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="answers_for",
        help_text="Verified clinicians who answer questions about this condition.",
    )
    # The sitemap's lastmod for a condition page with no public thread yet.
    changed_at = models.DateTimeField(auto_now=True)
    is_undiagnosed = models.BooleanField(
        default=False,
        help_text=(
            "The “Not sure yet” choice, for questions without a diagnosis. There is one, "
            "made by a migration; it is offered first on the ask page."
        ),
    )

    objects = ConditionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_undiagnosed"],
                condition=models.Q(is_undiagnosed=True),
                name="one_undiagnosed_condition",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_from_prefix("discussions:condition", self.slug)


class Synonym(models.Model):
    """Another name people use for a condition ("GTPS", "trochanteric bursitis")."""

    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="synonyms")
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="synonym_name_ci_unique")]

    def __str__(self) -> str:
        return self.name


# schema.org MedicalSpecialty members a guide may name (https://schema.org/MedicalSpecialty).
SPECIALTIES = (
    "Musculoskeletal",
    "Physiotherapy",
    "PrimaryCare",
    "Rheumatologic",
    "Neurologic",
    "Surgical",
    "Emergency",
)


def lines_of(text: str) -> list[str]:
    """The items of a list field: one a line, blank lines and list markers dropped."""
    items = (line.strip().lstrip("-*•").strip() for line in text.splitlines())
    return [item for item in items if item]


class GuideQuerySet(models.QuerySet["Guide"]):
    def unreviewed(self) -> "GuideQuerySet":
        return self.filter(reviewed_at__isnull=True)

    def review_due(self, *, now: datetime | None = None) -> "GuideQuerySet":
        """Reviewed, but longer ago than ``MEDIUS_GUIDE_REVIEW_MONTHS``."""
        return self.filter(reviewed_at__lt=Guide.review_cutoff(now))

    def needing_review(self) -> "GuideQuerySet":
        """Unreviewed or due: what the admin's review filter shows moderators."""
        return self.filter(
            models.Q(reviewed_at__isnull=True) | models.Q(reviewed_at__lt=Guide.review_cutoff())
        )

    def mentioning(self, words: Sequence[str]) -> "GuideQuerySet":
        """Guides whose text contains every one of ``words`` (any case, part of a word too)."""
        return self.filter(mentioning(words))


def mentioning(words: Sequence[str]) -> models.Q:
    """The condition on a guide that its text contains every one of ``words``."""
    every = models.Q()
    for word in words:
        found = models.Q()
        for field in Guide.TEXT_FIELDS:
            found |= models.Q(**{f"{field}__icontains": word})
        every &= found
    return every


class Guide(models.Model):
    """A condition's structured, plain-language guide, reviewed by a verified clinician.

    Written through ``services.edit_guide`` (an edit that changes the text clears the
    review stamp) and stamped through ``services.review_guide`` (a verified clinician
    who did not write the current text). Lists are stored one item a line.
    """

    TEXT_FIELDS = ("about", "symptoms", "causes", "helps", "evidence", "told_apart", "urgent")
    LIST_HELP = "One item a line; each line becomes an item of a list."

    condition = models.OneToOneField(Condition, on_delete=models.CASCADE, related_name="guide")
    about = models.TextField(
        "What it is",
        max_length=1500,
        help_text="Plain language: what it is and where, anatomy in a sentence or two. "
        "A blank line starts a new paragraph.",
    )
    symptoms = models.TextField("Typical symptoms", max_length=1500, help_text=LIST_HELP)
    causes = models.TextField(
        "Common causes and risk factors", max_length=1500, help_text=LIST_HELP
    )
    helps = models.TextField("What usually helps", max_length=2000, help_text=LIST_HELP)
    evidence = models.TextField(
        "How good the evidence is",
        max_length=800,
        help_text="An honest sentence or two on how well the treatments above are supported.",
    )
    told_apart = models.TextField(
        "Telling it apart",
        max_length=2000,
        blank=True,
        help_text="One look-alike a line, as “Condition name: how it differs”. The name must be "
        "a condition of the site (its page is linked).",
    )
    urgent = models.TextField(
        "When to get care now",
        max_length=1500,
        help_text="The red flags for this condition. " + LIST_HELP,
    )
    specialties = models.CharField(
        max_length=200,
        blank=True,
        help_text="Comma-separated schema.org specialties: " + ", ".join(SPECIALTIES) + ".",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who last changed the text.",
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = GuideQuerySet.as_manager()

    class Meta:
        ordering = ["condition__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reviewed_at__isnull=True) | models.Q(reviewed_by__isnull=False),
                name="guide_review_has_reviewer",
            )
        ]

    def __str__(self) -> str:
        return f"Guide: {self.condition}"

    @staticmethod
    def review_period() -> timedelta:
        return timedelta(days=round(settings.MEDIUS_GUIDE_REVIEW_MONTHS * 365.25 / 12))

    @classmethod
    def review_cutoff(cls, now: datetime | None = None) -> datetime:
        return (now or timezone.now()) - cls.review_period()

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_at is not None

    @property
    def review_due_at(self) -> datetime | None:
        if self.reviewed_at is None:
            return None
        return self.reviewed_at + self.review_period()

    @property
    def is_review_due(self) -> bool:
        """Never reviewed, or reviewed longer ago than the review period."""
        return self.reviewed_at is None or self.reviewed_at < self.review_cutoff()

    def symptom_list(self) -> list[str]:
        return lines_of(self.symptoms)

    def cause_list(self) -> list[str]:
        return lines_of(self.causes)

    def help_list(self) -> list[str]:
        return lines_of(self.helps)

    def urgent_list(self) -> list[str]:
        return lines_of(self.urgent)

    def about_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.about.split("\n\n") if p.strip()]

    def specialty_list(self) -> list[str]:
        return [s.strip() for s in self.specialties.split(",") if s.strip()]

    def look_alikes(self) -> list[tuple[str, str]]:
        """(condition name, how it differs) for each line of ``told_apart``."""
        pairs = []
        for line in lines_of(self.told_apart):
            name, _, how = line.partition(":")
            pairs.append((name.strip(), how.strip()))
        return pairs

    def clean(self) -> None:
        errors: dict[str, str] = {}
        unknown = [s for s in self.specialty_list() if s not in SPECIALTIES]
        if unknown:
            errors["specialties"] = (
                f"Not a specialty we know: {', '.join(unknown)}. "
                f"Choose from {', '.join(SPECIALTIES)}."
            )
        pairs = self.look_alikes()
        if any(not how for _, how in pairs):
            errors["told_apart"] = "Write each line as “Condition name: how it differs”."
        else:
            names = {name for name, _ in pairs}
            known = set(Condition.objects.filter(name__in=names).values_list("name", flat=True))
            if missing := sorted(names - known):
                errors["told_apart"] = (
                    f"No condition is called {', '.join(missing)}; use the name of a condition "
                    "exactly as the site spells it."
                )
        for field in ("symptoms", "causes", "helps", "urgent"):
            if field not in errors and not lines_of(getattr(self, field)):
                errors[field] = "Give at least one item."
        if errors:
            raise ValidationError(errors)

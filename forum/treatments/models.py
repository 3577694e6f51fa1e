"""What members tried for their hip and buttock pain, and whether it helped.

A member's ``TreatmentRecord`` keeps the outcome they first gave; each answered
``FollowUp`` adds to its history. ``current_outcome`` and ``outcome_at`` hold the latest
word (the record's own, or the newest follow-up answer), written only by the services,
so the aggregates can read one row per member without walking the history.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

FOLLOW_UP_WEEKS = (2, 8)
PAIN_SCALE = "0 is no pain, 10 the worst you can imagine"


class Kind(models.TextChoices):
    SELF_CARE = "self_care", "Self-care"
    EXERCISE = "exercise", "Exercise"
    MANUAL = "manual", "Manual therapy"
    NEEDLING = "needling", "Needling or acupuncture"
    INJECTION = "injection", "Injection"
    MEDICATION = "medication", "Medication"
    SURGERY = "surgery", "Surgery"
    LOAD = "load", "Rest or load change"
    OTHER = "other", "Other"


class Outcome(models.TextChoices):
    MUCH_BETTER = "much_better", "Much better"
    BETTER = "better", "A little better"
    SAME = "same", "No change"
    WORSE = "worse", "Worse"
    TOO_EARLY = "too_early", "Too early to say"


BETTER = (Outcome.MUCH_BETTER, Outcome.BETTER)
KNOWN = (Outcome.MUCH_BETTER, Outcome.BETTER, Outcome.SAME, Outcome.WORSE)


class TreatmentQuerySet(models.QuerySet["Treatment"]):
    def matching(self, text: str) -> "TreatmentQuerySet":
        """Treatments whose name or one of whose synonyms is ``text`` (any case)."""
        text = text.strip()
        return self.filter(Q(name__iexact=text) | Q(synonyms__name__iexact=text)).distinct()


class Treatment(models.Model):
    """One entry of the curated vocabulary of things people try, managed in the admin."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    description = models.TextField(
        max_length=600, help_text="One to three plain sentences: what it is, in our own words."
    )
    evidence_note = models.TextField(
        max_length=800,
        help_text="What studies say and how sure anyone can be, plainly and without promises.",
    )
    reading_url = models.URLField(
        blank=True, help_text="Optional: an article or guideline worth reading about it."
    )
    changed_at = models.DateTimeField(auto_now=True)

    objects = TreatmentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("discussions:treatment", kwargs={"slug": self.slug})


class TreatmentSynonym(models.Model):
    """Another name for a treatment ("IASTM", "trigger point needling")."""

    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="synonyms")
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="treatment_synonym_name_ci_unique")
        ]

    def __str__(self) -> str:
        return self.name


class RecordQuerySet(models.QuerySet["TreatmentRecord"]):
    def one_per_member(self) -> "RecordQuerySet":
        """Each member's latest word per treatment and condition: of their records for the
        same pair, only the one whose outcome came last (then the newest) remains.

        ``is_latest`` marks it, kept true by the services (``services.refresh_latest``)
        whenever a record is made, answered or deleted, so the condition page counts one
        indexed range instead of comparing every record with its member's others.
        """
        return self.filter(is_latest=True)

    def counts(self) -> dict[str, int]:
        """Members who reported, those with an outcome so far, those better.

        Meant after ``one_per_member``, where each row is one member.
        """
        counted: dict[str, int] = self.aggregate(
            reported=Count("pk"),
            with_outcome=Count("pk", filter=Q(current_outcome__in=KNOWN)),
            better=Count("pk", filter=Q(current_outcome__in=BETTER)),
        )
        return counted


class TreatmentRecord(models.Model):
    """One member's "I tried this, and this is how it went". Private: others see it only
    counted in the aggregates."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="treatment_records"
    )
    condition = models.ForeignKey(
        "conditions.Condition",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="treatment_records",
        help_text="Empty when the member is not sure yet.",
    )
    treatment = models.ForeignKey(Treatment, on_delete=models.PROTECT, related_name="records")
    started_on = models.DateField()
    weeks = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="For how long, in weeks; empty if still going."
    )
    outcome = models.CharField(
        max_length=12, choices=Outcome.choices, help_text="How it went, as first reported."
    )
    pain_before = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)], help_text=PAIN_SCALE
    )
    pain_after = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)], help_text=PAIN_SCALE
    )
    note = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField()
    current_outcome = models.CharField(max_length=12, choices=Outcome.choices)
    outcome_at = models.DateTimeField()
    is_latest = models.BooleanField(
        default=False, help_text="The member's latest word on this treatment and condition."
    )

    objects = RecordQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        indexes = [
            models.Index(
                fields=["condition", "treatment", "current_outcome"],
                condition=Q(is_latest=True),
                name="record_latest_counts",
            ),
            models.Index(fields=["member", "treatment", "condition"], name="record_group"),
            models.Index(fields=["member", "-started_on"], name="record_by_member"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(pain_before__lte=10) | Q(pain_before__isnull=True),
                name="record_pain_before_0_10",
            ),
            models.CheckConstraint(
                condition=Q(pain_after__lte=10) | Q(pain_after__isnull=True),
                name="record_pain_after_0_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.treatment} from {self.started_on}"

    def follow_up_due_at(self, weeks: int) -> datetime:
        """Nine in the morning (site time), ``weeks`` after the start."""
        day = self.started_on + timedelta(weeks=weeks)
        return timezone.make_aware(datetime.combine(day, time(9)))


class TreatmentTally(models.Model):
    """The counts of one treatment for one condition, as ``RecordQuerySet.counts`` gives
    them: materialised, so a condition page reads a row per treatment however many records
    there are. ``services.refresh_tally`` rewrites a row after every write that could
    change it; ``manage.py refresh_treatment_tallies`` rebuilds them all."""

    condition = models.ForeignKey(
        "conditions.Condition", on_delete=models.CASCADE, related_name="treatment_tallies"
    )
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="tallies")
    reported = models.PositiveIntegerField(default=0)
    with_outcome = models.PositiveIntegerField(default=0)
    better = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["condition", "treatment"], name="one_tally_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.treatment_id} for {self.condition_id}: {self.reported}"


class FollowUpQuerySet(models.QuerySet["FollowUp"]):
    def due(self, now: datetime) -> "FollowUpQuerySet":
        return self.filter(due_at__lte=now, asked_at__isnull=True, answered_at__isnull=True)

    def waiting(self) -> "FollowUpQuerySet":
        """Asked, not answered yet."""
        return self.filter(asked_at__isnull=False, answered_at__isnull=True)


class FollowUp(models.Model):
    """ "How is it going now?", about two and eight weeks after a record starts. An answer
    adds to the record's history; the record's own outcome stays as first given."""

    record = models.ForeignKey(TreatmentRecord, on_delete=models.CASCADE, related_name="follow_ups")
    weeks = models.PositiveSmallIntegerField()
    due_at = models.DateTimeField()
    asked_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    pain_now = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)], help_text=PAIN_SCALE
    )
    note = models.TextField(max_length=1000, blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(
                fields=["due_at"], condition=Q(asked_at__isnull=True), name="follow_up_due"
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["record", "weeks"], name="one_follow_up_per_week"),
            models.CheckConstraint(
                condition=Q(pain_now__lte=10) | Q(pain_now__isnull=True),
                name="follow_up_pain_0_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.weeks}-week follow-up of {self.record_id}"

    def get_absolute_url(self) -> str:
        return reverse("treatments:follow_up", kwargs={"pk": self.pk})

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

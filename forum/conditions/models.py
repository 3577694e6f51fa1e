from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse


class ConditionQuerySet(models.QuerySet["Condition"]):
    def matching(self, text: str) -> "ConditionQuerySet":
        """Conditions whose name or one of whose synonyms is ``text`` (any case)."""
        text = text.strip()
        return self.filter(
            models.Q(name__iexact=text) | models.Q(synonyms__name__iexact=text)
        ).distinct()

    def top_level(self) -> "ConditionQuerySet":
        return self.filter(parent__isnull=True)


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

    objects = ConditionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("discussions:condition", kwargs={"slug": self.slug})


class Synonym(models.Model):
    """Another name people use for a condition ("GTPS", "trochanteric bursitis")."""

    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="synonyms")
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="synonym_name_ci_unique")]

    def __str__(self) -> str:
        return self.name

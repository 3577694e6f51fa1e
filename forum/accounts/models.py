from datetime import UTC, datetime
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from forum.core.links import url_from_prefix
from forum.core.markdown import find_mentions

from . import names
from .validators import username_validators

# A ban is a suspension that never ends.
BANNED_UNTIL = datetime(9999, 1, 1, tzinfo=UTC)


class ReplyOrder(models.TextChoices):
    """How a thread's replies are ordered; siblings sort by it at every depth."""

    BEST = "best", "Best first"
    OLDEST = "oldest", "Oldest first"
    NEWEST = "newest", "Newest first"


class UserManager(BaseUserManager["User"]):
    def mentioned_in(self, text: str, *, limit: int | None = None) -> "models.QuerySet[User]":
        """Active members @mentioned in ``text``, at most ``limit`` (MEDIUS_MAX_MENTIONS)."""
        names = find_mentions(text)[: settings.MEDIUS_MAX_MENTIONS if limit is None else limit]
        if not names:
            return self.none()
        query = models.Q()
        for name in names:
            query |= models.Q(username__iexact=name)
        return self.filter(query, is_active=True)


class TrustLevel(models.IntegerChoices):
    """Privileges earned by behaviour (``forum.accounts.trust`` computes them)."""

    NEW = 0, "New"
    BASIC = 1, "Basic"
    MEMBER = 2, "Member"
    TRUSTED = 3, "Trusted"


class User(AbstractUser):
    """A member. The username is a public pseudonym; the email is never shown to others."""

    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]

    username = models.CharField(
        "username",
        max_length=30,
        unique=True,
        validators=username_validators,
        help_text="Public. 3 to 30 letters, digits or underscores.",
        error_messages={"unique": "That username is taken."},
    )
    email = models.EmailField("email address", blank=True)
    display_name = models.CharField(
        max_length=50,
        blank=True,
        validators=[names.validate_visible_text],
        help_text="Optional. Shown instead of your username.",
    )
    bio = models.TextField(
        max_length=500, blank=True, help_text="Optional. A line or two about you."
    )
    suspended_until = models.DateTimeField(
        null=True, blank=True, help_text="Until then the member can read but not post."
    )
    suspension_reason = models.CharField(max_length=500, blank=True)
    clinician_profession = models.CharField(
        max_length=100, blank=True, help_text="Shown with the badge once verified."
    )
    clinician_verified_at = models.DateTimeField(null=True, blank=True)
    reply_order = models.CharField(
        max_length=10,
        choices=ReplyOrder.choices,
        blank=True,
        help_text="How the member reads replies; empty: best first for questions, else oldest.",
    )
    trust_level = models.PositiveSmallIntegerField(
        choices=TrustLevel.choices,
        default=TrustLevel.NEW,
        help_text="Earned from behaviour; recalculated daily and on the events that change it.",
    )
    fold_content_notes = models.BooleanField(
        "fold posts with a content note",
        default=True,
        help_text="Keep posts marked as sensitive folded until you open them.",
    )
    trust_level_locked = models.BooleanField(
        "trust level locked",
        default=False,
        help_text="A moderator fixed the level: recalculation leaves it alone.",
    )

    objects: ClassVar[UserManager] = UserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("username"), name="user_username_ci_unique"),
            models.UniqueConstraint(
                Lower("email"), name="user_email_ci_unique", condition=~models.Q(email="")
            ),
        ]

    def __str__(self) -> str:
        return self.username

    def clean(self) -> None:
        super().clean()
        if problem := self.display_name_problem(self.display_name):
            raise ValidationError({"display_name": problem})

    def display_name_problem(self, name: str) -> str | None:
        """Why this member may not be shown as ``name``, or None (see ``forum.accounts.names``).

        Invisible characters are the field's own validator; this adds what depends on who
        the member is and on the other members.
        """
        if not name:
            return None
        problem = names.imitation_problem(
            name, is_staff=self.is_staff, is_clinician=self.is_verified_clinician
        )
        if problem:
            return problem
        others = User.objects.exclude(pk=self.pk)
        if others.filter(username__iexact=names.fold(name)).exists():
            return "That is another member's username: choose a name of your own."
        if others.filter(display_name__iexact=name.strip()).exists():
            return "Another member already goes by that name: choose a name of your own."
        return None

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > timezone.now()

    @property
    def is_banned(self) -> bool:
        return self.is_suspended and self.suspended_until.year >= BANNED_UNTIL.year  # type: ignore[union-attr]

    @property
    def mention_limit(self) -> int:
        """Members mentioned per post who are notified: fewer at the "new" trust level."""
        if self.trust_level < TrustLevel.BASIC:
            return min(settings.MEDIUS_NEW_MAX_MENTIONS, settings.MEDIUS_MAX_MENTIONS)
        return settings.MEDIUS_MAX_MENTIONS

    @property
    def is_verified_clinician(self) -> bool:
        return self.clinician_verified_at is not None

    @property
    def public_name(self) -> str:
        return self.display_name or self.username

    def get_absolute_url(self) -> str:
        return url_from_prefix("discussions:profile", self.username)


class ClinicianApplication(models.Model):
    """A member's request to be shown as a verified clinician; moderators decide in the admin."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a moderator"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="clinician_applications")
    profession = models.CharField(max_length=100, help_text="For example: physiotherapist.")
    registration_body = models.CharField(max_length=200)
    registration_number = models.CharField(max_length=100)
    country = models.CharField(max_length=100)
    verification_url = models.URLField(
        "where it can be checked", help_text="A public register entry that shows your registration."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_clinician_application",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} as {self.profession}"

from datetime import UTC, datetime

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from .validators import username_validators

# A ban is a suspension that never ends.
BANNED_UNTIL = datetime(9999, 1, 1, tzinfo=UTC)


class User(AbstractUser):
    """A member. The username is a public pseudonym; the email is never shown to others."""

    first_name = None
    last_name = None

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
        max_length=50, blank=True, help_text="Optional. Shown instead of your username."
    )
    bio = models.TextField(
        max_length=500, blank=True, help_text="Optional. A line or two about you."
    )
    suspended_until = models.DateTimeField(
        null=True, blank=True, help_text="Until then the member can read but not post."
    )
    suspension_reason = models.CharField(max_length=500, blank=True)

    objects = UserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("username"), name="user_username_ci_unique"),
            models.UniqueConstraint(
                Lower("email"), name="user_email_ci_unique", condition=~models.Q(email="")
            ),
        ]

    def __str__(self):
        return self.username

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > timezone.now()

    @property
    def is_banned(self) -> bool:
        return self.is_suspended and self.suspended_until.year >= BANNED_UNTIL.year

    @property
    def public_name(self) -> str:
        return self.display_name or self.username

    def get_absolute_url(self):
        return reverse("accounts:profile", kwargs={"username": self.username})

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from .validators import username_validators


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
    def public_name(self) -> str:
        return self.display_name or self.username

    def get_absolute_url(self):
        return reverse("accounts:profile", kwargs={"username": self.username})

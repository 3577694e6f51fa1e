from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """A member's own data: download it, or delete the account. Top of the dependency chain."""

    name = "forum.privacy"
    label = "privacy"
    verbose_name = "Members' data"

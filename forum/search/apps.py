from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "forum.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from .schema import restore_triggers

        post_migrate.connect(restore_triggers, sender=self)

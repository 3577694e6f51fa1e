from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    name = "forum.core"
    label = "core"

    def ready(self) -> None:
        from .lazy_imports import defer_heavy_imports

        defer_heavy_imports()


class MediusAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with Medius's admin site (``forum.core.admin_site``)."""

    default = False  # named in INSTALLED_APPS in place of "django.contrib.admin"
    default_site = "forum.core.admin_site.MediusAdminSite"

"""Misago's devproject/urls.py (tag 0.39.6) without the debug toolbar and the Django admin."""

from django.conf import settings
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.cache import cache_page
from django.views.decorators.http import last_modified
from django.views.i18n import JavaScriptCatalog
from misago import __released__, __version__

misago_i18n_cache_key = (
    (f"misagojsi18n_{settings.LANGUAGE_CODE}_{__version__}_{__released__}")
    .replace(".", "_")
    .replace("-", "_")
    .lower()
)
urlpatterns = [
    path("", include("misago.urls", namespace="misago")),
    path(
        "django-i18n.js",
        last_modified(lambda req, **kw: timezone.now())(
            cache_page(86400 * 21, key_prefix=misago_i18n_cache_key)(
                JavaScriptCatalog.as_view(packages=["misago"])
            )
        ),
        name="django-i18n",
    ),
]
handler403 = "misago.core.errorpages.permission_denied"
handler404 = "misago.core.errorpages.page_not_found"

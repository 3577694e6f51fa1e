from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import RedirectView

from forum.accounts import views as account_views
from forum.core import pagecache
from forum.core import views as core_views
from forum.core.sitemaps import sitemap_index
from forum.discussions.models import Post
from forum.discussions.sitemaps import ConditionSitemap, MainPagesSitemap, ThreadSitemap
from forum.discussions.views import feeds, lists

SITEMAPS = {"main": MainPagesSitemap, "conditions": ConditionSitemap, "threads": ThreadSitemap}

urlpatterns = [
    path("", lists.home, name="home"),
    path("help/", core_views.help_page, name="help"),
    path("healthz/", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("manifest.webmanifest", core_views.manifest, name="manifest"),
    path("sw.js", core_views.service_worker, name="service_worker"),
    path("offline/", core_views.offline, name="offline"),
    path("feed/", feeds.SiteFeed(), name="site_feed"),
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("conditions/", include("forum.conditions.urls")),
    path("treatments/", include("forum.treatments.urls")),
    path("search/", include("forum.search.urls")),
    path("", include("forum.discussions.urls")),
    path("", include("forum.moderation.urls")),
    path("notifications/", include("forum.notifications.urls")),
    path("account/data/", include("forum.privacy.urls")),
    path("account/signup/", account_views.signup, name="account_signup"),
    *(
        [path("account/signup/passkey/", account_views.signup_by_passkey)]
        if settings.MFA_PASSKEY_SIGNUP_ENABLED
        else []
    ),
    # allauth's pages for adding a first second factor, behind the emailed link
    # (forum/accounts/second_factor.py); same paths, so they match before allauth's own.
    path("account/2fa/totp/activate/", account_views.activate_totp),
    *(
        [path("account/2fa/webauthn/add/", account_views.add_webauthn)]
        if "webauthn" in settings.MFA_SUPPORTED_TYPES
        else []
    ),
    path("account/", include("allauth.urls")),
    path("", include("forum.accounts.urls")),
    # The admin logs in through allauth, so it shares the site's rate limits (and, later, 2FA).
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="admin_login",
    ),
    path("admin/", admin.site.urls),
]


# Pages a visitor may get from the page cache (forum/core/pagecache.py), the query
# parameters each reads, and what each shows besides the site as a whole. Lists say
# "5 minutes ago", so they are kept for a minute at most.
LISTS = {
    "home": [],
    "site_feed": [],
    "sitemap": [],
    "sitemap_section": ["p"],
    "discussions:questions": ["sort", "show", "condition", "page"],
    "discussions:needs_answer": ["condition", "page"],
    "discussions:articles": ["page"],
    "discussions:conditions": [],
    "discussions:condition": [],
    "discussions:condition_feed": [],
    "discussions:treatment": [],
    "discussions:profile": [],
}


def _thread_of(kwargs: Mapping[str, Any]) -> list[str]:
    return [pagecache.thread(kwargs["pk"])]


def _thread_of_reply(kwargs: Mapping[str, Any]) -> list[str] | None:
    thread_id = Post.objects.filter(pk=kwargs["pk"]).values_list("thread_id", flat=True).first()
    return None if thread_id is None else [pagecache.thread(thread_id)]


pagecache.register("help")
for name, params in LISTS.items():
    pagecache.register(name, versions=[pagecache.LISTS], params=params, timeout=60)
for name in ["discussions:question", "discussions:article"]:
    pagecache.register(name, versions=_thread_of, params=["from", "view", "order"])
pagecache.register("discussions:thread_feed", versions=_thread_of)
pagecache.register("discussions:subthread", versions=_thread_of_reply, params=["from", "order"])

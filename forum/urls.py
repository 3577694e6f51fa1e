from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import RedirectView

from forum.accounts import views as account_views
from forum.core import views as core_views
from forum.core.sitemaps import sitemap_index
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
    path("search/", include("forum.search.urls")),
    path("", include("forum.discussions.urls")),
    path("", include("forum.moderation.urls")),
    path("notifications/", include("forum.notifications.urls")),
    path("account/data/", include("forum.privacy.urls")),
    path("account/signup/", account_views.signup, name="account_signup"),
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

"""The base of the sitemaps: URLs start with ``settings.SITE_URL``, not the request's host."""

from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import sitemaps

if TYPE_CHECKING:  # django.contrib.sites is not installed
    from django.contrib.sites.models import Site
    from django.contrib.sites.requests import RequestSite

T = TypeVar("T")


class SiteSitemap(sitemaps.Sitemap[T]):
    # A property, not Django's plain attribute, so it follows SITE_URL (the sitemap index
    # view reads ``protocol`` directly).
    @property
    def protocol(self) -> str:  # type: ignore[override]
        return urlsplit(settings.SITE_URL).scheme

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site: "Site | RequestSite | None" = None) -> str:
        return urlsplit(settings.SITE_URL).netloc

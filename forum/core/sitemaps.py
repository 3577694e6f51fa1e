"""The base of the sitemaps and their index: URLs start with ``settings.SITE_URL``, not the
request's host."""

from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import sitemaps
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest
from django.template.response import TemplateResponse

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


def sitemap_index(
    request: HttpRequest,
    sitemaps: dict[str, type[sitemaps.Sitemap[Any]] | sitemaps.Sitemap[Any]],
) -> TemplateResponse:
    """Django's sitemap index, with each section's address on ``settings.SITE_URL``
    (Django's own takes the request's host)."""
    response = sitemap_views.index(request, sitemaps, sitemap_url_name="sitemap_section")
    for item in response.context_data["sitemaps"]:  # type: ignore[index]
        item.location = (
            settings.SITE_URL + urlsplit(item.location)._replace(scheme="", netloc="").geturl()
        )
    return response

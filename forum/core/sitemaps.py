"""The base of the sitemaps: URLs start with ``settings.SITE_URL``, not the request's host."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import sitemaps


class SiteSitemap(sitemaps.Sitemap):
    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

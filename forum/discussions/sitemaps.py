"""What search engines may list: the main pages, and public questions and articles only.

``Thread.objects.public()`` leaves out held, hidden, deleted and draft threads.
"""

from django.urls import reverse

from forum.core.sitemaps import SiteSitemap

from .models import Thread


class MainPagesSitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["home", "discussions:questions", "discussions:articles", "discussions:conditions"]

    def location(self, item):
        return reverse(item)


class ThreadSitemap(SiteSitemap):
    changefreq = "weekly"
    limit = 10_000  # URLs per sitemap page; the protocol allows 50,000

    def items(self):
        return (
            Thread.objects.public()
            .only("pk", "slug", "kind", "last_activity_at")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, item):
        return item.last_activity_at

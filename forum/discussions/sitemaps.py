"""What search engines may list: the main pages, and public questions and articles only.

``Thread.objects.public()`` leaves out held, hidden, deleted, draft and members-only threads.
"""

from datetime import datetime

from django.db.models import Max, Q, QuerySet
from django.urls import reverse

from forum.conditions.models import Condition
from forum.core.sitemaps import SiteSitemap

from .models import Thread


class MainPagesSitemap(SiteSitemap[str]):
    changefreq = "daily"
    priority = 0.8

    def items(self) -> list[str]:
        return ["home", "discussions:questions", "discussions:articles", "discussions:conditions"]

    def location(self, item: str) -> str:
        return reverse(item)


class ThreadSitemap(SiteSitemap[Thread]):
    changefreq = "weekly"
    limit = 10_000  # URLs per sitemap page; the protocol allows 50,000

    def items(self) -> QuerySet[Thread]:
        return (
            Thread.objects.public()
            .only("pk", "slug", "kind", "last_activity_at")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, item: Thread) -> datetime:
        return item.last_activity_at


class ConditionSitemap(SiteSitemap[Condition]):
    """Condition pages (shown by discussions), dated by their newest public thread."""

    changefreq = "weekly"
    priority = 0.7

    def items(self) -> QuerySet[Condition]:
        public = Q(
            threads__status="visible",
            threads__published_at__isnull=False,
            threads__members_only=False,
        )
        return Condition.objects.annotate(
            newest_thread=Max("threads__last_activity_at", filter=public)
        ).order_by("slug")

    def lastmod(self, item: Condition) -> datetime:
        """The newest activity in the condition's public threads, else its own last change."""
        newest: datetime | None = getattr(item, "newest_thread", None)
        return max(filter(None, [newest, item.changed_at]))

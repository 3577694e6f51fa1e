from forum.core.sitemaps import SiteSitemap

from .models import Condition


class ConditionSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Condition.objects.order_by("slug")

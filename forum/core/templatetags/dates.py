"""``{{ moment|html_datetime }}`` for ``<time datetime>``; ``{{ moment|ago }}``: "3 hours ago"."""

from datetime import datetime

from django import template

from forum.core import dates

register = template.Library()


@register.filter
def html_datetime(moment: datetime | None) -> str:
    return dates.html_datetime(moment) if moment else ""


@register.filter
def ago(moment: datetime | None) -> str:
    return dates.relative_time(moment) if moment else ""

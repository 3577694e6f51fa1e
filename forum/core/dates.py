"""Dates as pages show them: for a ``<time datetime>`` attribute and as a relative time."""

from datetime import datetime

from django.utils import timezone
from django.utils.timesince import timesince


def html_datetime(moment: datetime) -> str:
    """ISO 8601 with at most milliseconds: HTML's ``datetime`` allows one to three digits
    of a second's fraction, and Python's ``isoformat()`` gives six."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.isoformat(timespec="milliseconds")


def relative_time(moment: datetime, now: datetime | None = None) -> str:
    """ "just now" for the first minute (never "0 minutes ago"), then "5 minutes ago"."""
    now = now or timezone.now()
    if (now - moment).total_seconds() < 60:
        return "just now"
    return f"{timesince(moment, now)} ago"

"""Dates as pages show them: for a ``<time datetime>`` attribute, as a relative time, and
spans and waits in words."""

import math
from datetime import datetime, timedelta
from functools import lru_cache

from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import get_language

# Under four weeks, timesince's words depend only on the span (weeks, days, hours and
# minutes, no calendar months), so they are worked out once per whole minute.
_REMEMBERED_SPAN = timedelta(days=28)
_EPOCH = datetime(2000, 1, 1)


def html_datetime(moment: datetime) -> str:
    """ISO 8601 with at most milliseconds: HTML's ``datetime`` allows one to three digits
    of a second's fraction, and Python's ``isoformat()`` gives six."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.isoformat(timespec="milliseconds")


def relative_time(moment: datetime, now: datetime | None = None) -> str:
    """ "just now" for the first minute (never "0 minutes ago"), then "5 minutes ago"."""
    now = now or timezone.now()
    span = now - moment
    if span.total_seconds() < 60:
        return "just now"
    if span < _REMEMBERED_SPAN:
        return _minutes_ago(int(span.total_seconds() // 60), get_language())
    return f"{timesince(moment, now)} ago"


@lru_cache(maxsize=8192)
def _minutes_ago(minutes: int, language: str | None) -> str:
    """``timesince`` of a span of whole ``minutes``, as the page would say it (its
    ``language`` is part of the key: the words are translated)."""
    return f"{timesince(_EPOCH, _EPOCH + timedelta(minutes=minutes))} ago"


def rough_duration(span: timedelta) -> str:
    """A span as a person would say it, rounded: "a few minutes", "about 40 minutes",
    "about 3 hours", "about 2 days"."""
    minutes = span.total_seconds() / 60
    if minutes < 7.5:
        return "a few minutes"
    if minutes < 55:
        return f"about {round(minutes / 5) * 5} minutes"
    hours = minutes / 60
    if hours < 1.5:
        return "about an hour"
    if hours < 36:
        return f"about {round(hours)} hours"
    return f"about {round(hours / 24)} days"


def clock_and_wait(moment: datetime, now: datetime | None = None) -> str:
    """ "at 14:32, in 12 minutes": ``moment`` rounded up to a whole minute, in local time,
    and how far off that is, in whole minutes rounded up (never "in 0 minutes")."""
    now = now or timezone.now()
    if moment.second or moment.microsecond:
        moment = moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
    minutes = max(1, math.ceil((moment - now).total_seconds() / 60))
    wait = "1 minute" if minutes == 1 else f"{minutes} minutes"
    return f"at {timezone.localtime(moment):%H:%M}, in {wait}"

from datetime import UTC, datetime, timedelta

from django.utils.timesince import timesince
from django.utils.translation import override
from hypothesis import given
from hypothesis import strategies as st

from forum.core.dates import relative_time

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@given(seconds=st.integers(min_value=60, max_value=120 * 24 * 3600), now_shift=st.integers(0, 400))
def test_relative_time_says_what_timesince_says(seconds, now_shift):
    """The words remembered per whole minute are timesince's own, near and far,
    across month ends (the calendar only matters past four weeks)."""
    now = NOW + timedelta(days=now_shift, minutes=now_shift * 7)
    moment = now - timedelta(seconds=seconds)
    assert relative_time(moment, now) == f"{timesince(moment, now)} ago"


def test_relative_time_past_four_weeks_counts_calendar_months():
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    moment = datetime(2026, 1, 31, 12, 0, tzinfo=UTC)  # 29 days: a month by the calendar
    assert relative_time(moment, now) == f"{timesince(moment, now)} ago"


def test_relative_time_within_the_first_minute_is_just_now():
    assert relative_time(NOW - timedelta(seconds=59), NOW) == "just now"


def test_relative_time_follows_the_active_language():
    moment = NOW - timedelta(hours=3)
    english = relative_time(moment, NOW)
    with override("fr"):
        french = relative_time(moment, NOW)
        in_french = timesince(moment, NOW)
    assert english == "3\xa0hours ago"
    assert french == f"{in_french} ago" != english

import pytest


@pytest.fixture
def relaxed_posting_rules(settings):
    """For tests about threads, replies and pages rather than the anti-spam posting rules
    (newcomer hold, throttle, duplicate check), which have their own tests: switch them off.
    Modules opt in with ``pytest.mark.usefixtures("relaxed_posting_rules")``."""
    settings.MEDIUS_NEWCOMER_HELD_POSTS = 0
    settings.MEDIUS_NEWCOMER_DAYS = 0
    settings.MEDIUS_NEWCOMER_APPROVED_POSTS = 0
    settings.MEDIUS_NEWCOMER_MAX_LINKS = 1_000
    settings.MEDIUS_NEWCOMER_POSTS_PER_HOUR = 1_000_000
    settings.MEDIUS_POST_MIN_INTERVAL_SECONDS = 0
    settings.MEDIUS_DUPLICATE_WINDOW_MINUTES = 0

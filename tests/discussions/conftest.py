import pytest
from django.test import Client


@pytest.fixture
def login_as(request, db):
    """A fresh client logged in as the user of the named fixture ("anonymous" for nobody)."""

    def _login(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return _login


@pytest.fixture
def third_member(db):
    from tests.factories import UserFactory

    return UserFactory(username="carol")


@pytest.fixture
def other_editor(db):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    user = UserFactory(username="other_editor")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


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

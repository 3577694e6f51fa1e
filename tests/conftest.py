import copy
import os
from typing import Any

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from forum.accounts.models import ClinicianApplication, User
from forum.conditions.models import Condition, Synonym
from forum.core import pagecache
from forum.moderation import services as moderation
from tests.factories import ConditionFactory, UserFactory, make_article, make_question


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every transactional test (``transaction=True``, ``live_server``) starts from the
    database exactly as the migrations left it, whatever ran before it.

    Such a test ends with a flush. Without ``serialized_rollback``, the flush re-creates
    content types under new ids (a later ``ContentType.objects.get_for_model`` answers
    from its stale cache, and a foreign key to it fails) and loses what data migrations
    made (the Moderators, Editors and Clinicians groups, the red-flag phrases), so the
    next transactional test passed or failed with the order. With it, each one reloads
    the migrated state first and the flush after it leaves nothing half-made.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        fixtures = getattr(item, "fixturenames", ())
        transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
            {"live_server", "transactional_db"} & set(fixtures)
        )
        if transactional:
            kwargs = (marker.kwargs if marker else {}) | {
                "transaction": True,
                "serialized_rollback": True,
            }
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """On SQLite the test database is a file in var/, one per process.

    A file, because threads sharing an in-memory database use table locks that ignore
    the busy timeout, unlike the real thing; one per process, so two test runs in one
    checkout cannot trample each other.
    """
    database = django_settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        django_settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        database.setdefault("TEST", {})["NAME"] = str(
            django_settings.VAR_DIR / f"test-medius-{os.getpid()}.sqlite3"
        )
    # A second alias on the same test database, as a replica would be (Django's TEST MIRROR),
    # for the replica router's tests (tests/core/test_db_router.py). No router uses it
    # unless a test installs one.
    django_settings.DATABASES.setdefault(
        "replica1", copy.deepcopy(database) | {"TEST": {"MIRROR": "default"}}
    )


@pytest.fixture(autouse=True)
def _empty_caches(request, django_db_blocker):
    """Every test that can reach the database starts with empty caches (rate-limit counters
    and kept pages, in the cache and in this process's memory), whatever ran before it: a
    transactional test's flush leaves the cache tables alone."""
    uses_db = request.node.get_closest_marker("django_db") or {
        "db", "transactional_db", "live_server"
    } & set(request.fixturenames)  # fmt: skip
    if uses_db:
        request.getfixturevalue("django_db_setup")
        with django_db_blocker.unblock():
            for alias in ("default", "pages"):
                caches[alias].clear()
            pagecache.worker_memory.clear()


def suite_settings(current: Any) -> dict[str, Any]:
    """The settings every test runs with, given the settings in force."""
    return {
        # No manifest in tests (collectstatic never runs) and fast hashing; the
        # production hasher is covered by its own test.
        "STORAGES": current.STORAGES
        | {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        # Most tests post as fresh members several times a second; the sandbox and throttle
        # tests restore the real thresholds with ``production_posting_rules`` below
        # (tests/discussions/test_policy.py, test_production_thresholds.py).
        "MEDIUS_NEWCOMER_HELD_POSTS": 0,
        "MEDIUS_POST_MIN_INTERVAL_SECONDS": 0,
        "MEDIUS_NEWCOMER_POSTS_PER_HOUR": 10_000,
        "MEDIUS_NEWCOMER_MAX_LINKS": 10_000,
        "MEDIUS_SIGNUP_MIN_SECONDS": 0,
        # Most tests post short texts with links from fresh accounts; the spam screening
        # has its own tests (tests/discussions/test_spam.py), which turn it on.
        "MEDIUS_SPAM_SCREENING": False,
        # Admin tests log moderators in with force_login; tests/core/test_security.py turns it on.
        "MEDIUS_ADMIN_REQUIRES_MFA": False,
        # Most tests read a page as a visitor right after a write inside the test's
        # transaction, where the after-commit version bumps never run;
        # tests/core/test_pagecache.py turns it on.
        "MEDIUS_PAGE_CACHE": False,
        # Email goes out when the test's commit callbacks run, into mail.outbox; no worker
        # runs in the suite (tests/cluster.py runs one, with TASKS_BACKEND=database).
        "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    }


@pytest.fixture(autouse=True)
def _test_settings(settings):
    for name, value in suite_settings(settings).items():
        setattr(settings, name, value)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploads (and a restored backup's images) go to a fresh directory in every test,
    never to the checkout's var/media."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


# The posting rules' thresholds, as forum/settings.py sets them.
POSTING_RULES = [
    "MEDIUS_NEWCOMER_HELD_POSTS",
    "MEDIUS_NEWCOMER_DAYS",
    "MEDIUS_NEWCOMER_APPROVED_POSTS",
    "MEDIUS_NEWCOMER_MAX_LINKS",
    "MEDIUS_NEWCOMER_POSTS_PER_HOUR",
    "MEDIUS_POST_MIN_INTERVAL_SECONDS",
    "MEDIUS_DUPLICATE_WINDOW_MINUTES",
]


@pytest.fixture
def production_posting_rules(settings):
    """The posting thresholds exactly as forum/settings.py computes them for production,
    read from the settings module itself (``_test_settings`` relaxes them for every other
    test): the sandbox, link and hourly limits, the throttle and the duplicate window."""
    from forum import settings as production

    for name in POSTING_RULES:
        setattr(settings, name, getattr(production, name))
    return {name: getattr(production, name) for name in POSTING_RULES}


@pytest.fixture
def member(db):
    return UserFactory(username="alice")


@pytest.fixture
def other_member(db):
    return UserFactory(username="bob")


@pytest.fixture
def third_member(db):
    return UserFactory(username="carol")


@pytest.fixture
def fourth_member(db):
    return UserFactory(username="dave")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def moderator(db):
    user = UserFactory(username="mod", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def editor(db):
    user = UserFactory(username="editor")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def clinician(db, moderator) -> User:
    """A member whose clinician application a moderator approved."""
    user = UserFactory(username="dr_jones")
    application = ClinicianApplication.objects.create(
        user=user,
        profession="Physiotherapist",
        registration_body="HCPC",
        registration_number="PH123456",
        country="United Kingdom",
        verification_url="https://www.hcpc-uk.org/check/PH123456",
    )
    moderation.approve_clinician(application=application, moderator=moderator)
    user.refresh_from_db()
    assert user.groups.filter(name="Clinicians").exists()
    return user


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


@pytest.fixture
def condition(db):
    return ConditionFactory(name="Gluteus medius tendinopathy", slug="gluteus-medius-tendinopathy")


@pytest.fixture
def not_sure_yet(db):
    """The "Not sure yet" condition, which a migration makes in every database."""
    return Condition.objects.get(is_undiagnosed=True)


@pytest.fixture
def other_condition(db):
    return ConditionFactory(name="Piriformis syndrome", slug="piriformis-syndrome")


@pytest.fixture
def gtps(db):
    """A condition with synonyms, as members type them (tests/search has its own)."""
    condition = ConditionFactory(
        name="Greater trochanteric pain syndrome", slug="greater-trochanteric-pain-syndrome"
    )
    Synonym.objects.create(condition=condition, name="GTPS")
    Synonym.objects.create(condition=condition, name="Trochanteric bursitis")
    return condition


@pytest.fixture
def clock():
    """Time stands still until the test moves it."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


@pytest.fixture
def question(member, condition):
    """A question asked by ``member`` (alice)."""
    return make_question(author=member, conditions=[condition])


@pytest.fixture
def article(editor, condition):
    return make_article(author=editor, conditions=[condition])


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}"

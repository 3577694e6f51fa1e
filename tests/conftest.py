import pytest

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # No manifest in tests (collectstatic never runs) and fast hashing; the
    # production hasher is covered by its own test.
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def member(db):
    return UserFactory(username="alice")


@pytest.fixture
def other_member(db):
    return UserFactory(username="bob")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}"

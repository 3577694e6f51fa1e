"""Fixtures for the notification tests.

Notifications are made by receivers of signals sent when the posting transaction
commits. pytest-django runs each test inside a transaction that never commits, so
every action that should notify runs through ``committed``, which executes the
on-commit callbacks as a real commit would (emails included, through the immediate
task backend into ``mail.outbox``).
"""

import pytest
from django.core import mail
from django.test import Client

from forum.accounts.models import ClinicianApplication
from forum.discussions import services as discussions
from forum.moderation import services as moderation
from tests.factories import UserFactory, make_article, make_question


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Call ``fn(*args, **kwargs)`` and then run what it left for the commit."""

    def run(fn, /, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


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
    return UserFactory(username="carol")


@pytest.fixture
def fourth_member(db):
    return UserFactory(username="dave")


@pytest.fixture
def question(member, condition, committed):
    """alice's question, published with its commit (so alice follows it, as on the site)."""
    return committed(make_question, author=member, conditions=[condition])


@pytest.fixture
def article(editor, condition, committed):
    return committed(make_article, author=editor, conditions=[condition])


@pytest.fixture
def reply(question, other_member, committed):
    """bob's reply to alice's question; the outbox is emptied after it."""
    post = committed(
        discussions.post_reply,
        parent=question.opening_post,
        author=other_member,
        body="A pillow between the knees helped me sleep on that side.",
    )
    mail.outbox.clear()
    return post


@pytest.fixture
def clinician(db, moderator):
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

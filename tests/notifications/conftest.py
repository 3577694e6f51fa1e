"""Fixtures for the notification tests.

Notifications are made by receivers of signals sent when the posting transaction
commits. pytest-django runs each test inside a transaction that never commits, so
every action that should notify runs through ``committed``, which executes the
on-commit callbacks as a real commit would (emails included, through the immediate
task backend into ``mail.outbox``).
"""

import pytest
from django.core import mail

from forum.discussions import services as discussions
from tests.factories import make_article, make_question


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Call ``fn(*args, **kwargs)`` and then run what it left for the commit."""

    def run(fn, /, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


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

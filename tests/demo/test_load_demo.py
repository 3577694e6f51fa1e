"""load_demo writes only where it is wanted, and only as its own members.

Issue 11: it ran against any database, and it marked every member's unsent
notifications as never to be emailed, not only the demo's.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from forum.discussions import services as discussions
from forum.moderation.models import Report
from forum.notifications.models import Kind, Notification
from tests.factories import UserFactory, make_question

pytestmark = pytest.mark.django_db


def _load(**options):
    call_command("load_demo", stdout=StringIO(), **options)


def test_load_demo_refuses_without_debug_or_the_flag(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--yes-this-is-a-demo"):
        _load()
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email__endswith="@demo.medius.invalid").exists()


def test_load_demo_runs_with_debug_on(settings):
    settings.DEBUG = True
    _load()
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(username="mod_rowan").exists()


def test_load_demo_touches_only_its_own_members(condition, django_capture_on_commit_callbacks):
    real = UserFactory(username="real_member")
    other = UserFactory(username="real_other")
    question = make_question(author=real, conditions=[condition])
    first = discussions.post_reply(parent=question.opening_post, author=other, body="Same here.")
    deep = discussions.post_reply(parent=first, author=real, body="Did the cushion help?")
    waiting = Notification.objects.create(
        recipient=real, kind=Kind.REPLY_TO_QUESTION, actor=other, created_at=timezone.now()
    )

    with django_capture_on_commit_callbacks(execute=True):  # notifications follow commits
        _load(yes_this_is_a_demo=True)

    waiting.refresh_from_db()
    assert waiting.email_abandoned is False, "a real member's notification stays to be emailed"
    demo = Notification.objects.filter(recipient__email__endswith="@demo.medius.invalid")
    assert demo.exists()
    assert not demo.filter(email_abandoned=False, emailed_at__isnull=True).exists()
    assert not Report.objects.filter(post=deep).exists()
    assert Report.objects.exists()
    assert not Report.objects.exclude(post__author__email__endswith="@demo.medius.invalid").exists()


def test_load_demo_will_not_write_as_a_real_member_with_a_demo_username():
    UserFactory(username="mod_rowan", email="rowan@example.com")
    with pytest.raises(CommandError, match="not a demo account"):
        _load(yes_this_is_a_demo=True)


def test_load_demo_records_what_members_tried_once_enough_for_one_condition():
    from forum.conditions.models import Condition
    from forum.treatments import aggregates
    from forum.treatments.models import FollowUp, TreatmentRecord

    _load(yes_this_is_a_demo=True)
    records = TreatmentRecord.objects.count()
    tallies = aggregates.for_condition(Condition.objects.get(slug="gluteus-medius-tendinopathy"))
    assert any(t.enough for t in tallies), "one condition shows its shares"
    assert any(not t.enough for t in tallies), "and one honestly says there are too few"
    assert not TreatmentRecord.objects.exclude(member__email__endswith="@demo.medius.invalid")
    assert FollowUp.objects.waiting().filter(record__member__username="hillrunner_k").exists()

    _load(yes_this_is_a_demo=True)
    assert TreatmentRecord.objects.count() == records

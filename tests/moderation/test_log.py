"""The moderation log: one row per action, and rows nobody can change or delete."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from forum.accounts.models import BANNED_UNTIL
from forum.discussions import services as discussions
from forum.discussions.models import Status
from forum.moderation import services
from forum.moderation.models import LogEntry, Report
from tests.factories import UserFactory
from tests.moderation.helpers import make_member

pytestmark = pytest.mark.django_db

REASON = "Breaks the community guidelines on advertising."
UNTIL = datetime(2040, 1, 2, 3, 4, 5, tzinfo=UTC)
VISIBLE = {"status": "visible", "reason": ""}
HIDDEN = {"status": "hidden", "reason": REASON}


def _approve(reply, thread, member, moderator, editor):
    discussions.set_post_status(post=reply, status=Status.HELD, reason="New member")
    services.approve_post(post=reply, moderator=moderator, reason=REASON)
    return reply, {"status": "held", "reason": "New member"}, VISIBLE


def _hide(reply, thread, member, moderator, editor):
    services.hide_post(post=reply, moderator=moderator, reason=REASON)
    return reply, VISIBLE, HIDDEN


def _restore(reply, thread, member, moderator, editor):
    discussions.set_post_status(post=reply, status=Status.HIDDEN, reason=REASON)
    services.restore_post(post=reply, moderator=moderator, reason=REASON)
    return reply, HIDDEN, VISIBLE


def _resolve(reply, thread, member, moderator, editor):
    Report.objects.create(post=reply, reporter=member, reason="spam", snapshot=reply.body)
    services.resolve_reports(post=reply, moderator=moderator, reason=REASON)
    return reply, {"open_reports": 1}, {"reports_resolved": 1}


def _lock(reply, thread, member, moderator, editor):
    services.set_thread_locked(thread=thread, moderator=moderator, locked=True, reason=REASON)
    return thread, {"is_locked": False}, {"is_locked": True}


def _unlock(reply, thread, member, moderator, editor):
    thread.is_locked = True
    thread.save(update_fields=["is_locked"])
    services.set_thread_locked(thread=thread, moderator=moderator, locked=False, reason=REASON)
    return thread, {"is_locked": True}, {"is_locked": False}


def _pin(reply, thread, member, moderator, editor):
    services.set_thread_pinned(thread=thread, moderator=moderator, pinned=True, reason=REASON)
    return thread, {"is_pinned": False}, {"is_pinned": True}


def _unpin(reply, thread, member, moderator, editor):
    thread.is_pinned = True
    thread.save(update_fields=["is_pinned"])
    services.set_thread_pinned(thread=thread, moderator=moderator, pinned=False, reason=REASON)
    return thread, {"is_pinned": True}, {"is_pinned": False}


def _review(reply, thread, member, moderator, editor):
    editor.clinician_verified_at = timezone.now()  # only a verified clinician reviews
    editor.save(update_fields=["clinician_verified_at"])
    services.mark_reviewed(thread=thread, moderator=moderator, reviewer=editor, reason=REASON)
    thread.refresh_from_db()
    after = {"reviewed_by": editor.pk, "last_reviewed_on": str(thread.last_reviewed_on)}
    return thread, {"reviewed_by": None, "last_reviewed_on": ""}, after


def _suspend(reply, thread, member, moderator, editor):
    services.suspend_member(member=member, moderator=moderator, until=UNTIL, reason=REASON)
    return member, {"suspended_until": None}, {"suspended_until": UNTIL.isoformat()}


def _ban(reply, thread, member, moderator, editor):
    services.ban_member(member=member, moderator=moderator, reason=REASON)
    return member, {"suspended_until": None}, {"suspended_until": BANNED_UNTIL.isoformat()}


def _lift(reply, thread, member, moderator, editor):
    member.suspended_until = UNTIL
    member.save(update_fields=["suspended_until"])
    services.lift_suspension(member=member, moderator=moderator, reason=REASON)
    return member, {"suspended_until": UNTIL.isoformat()}, {"suspended_until": None}


def _remove_spammer(reply, thread, member, moderator, editor):
    spammer = reply.author
    services.remove_spammer(member=spammer, moderator=moderator, reason=REASON)
    after = {"suspended_until": BANNED_UNTIL.isoformat(), "posts_hidden": 1}
    return spammer, {"suspended_until": None}, after


ACTIONS = [
    ("approve", _approve),
    ("hide", _hide),
    ("restore", _restore),
    ("resolve", _resolve),
    ("lock", _lock),
    ("unlock", _unlock),
    ("pin", _pin),
    ("unpin", _unpin),
    ("review", _review),
    ("suspend", _suspend),
    ("ban", _ban),
    ("unsuspend", _lift),
    ("spammer", _remove_spammer),
]


@pytest.mark.parametrize(("action", "perform"), ACTIONS)
def test_each_moderation_service_writes_exactly_one_complete_log_row(
    action, perform, reply, question, member, moderator, editor
):
    target, before, after = perform(reply, question, member, moderator, editor)

    entry = LogEntry.objects.get()
    assert entry.actor == moderator
    assert entry.action == action
    assert entry.target_type == target._meta.model_name
    assert entry.target_id == target.pk
    assert entry.target_repr == str(target)
    assert entry.reason == REASON
    assert entry.before == before
    assert entry.after == after
    assert entry.created_at is not None


def test_auto_hide_writes_one_log_row_with_no_actor(reply):
    reporters = [make_member(f"reporter{i}") for i in range(3)]
    for reporter in reporters:
        services.report_post(post=reply, reporter=reporter, reason="spam")

    entry = LogEntry.objects.get()
    assert entry.actor is None
    assert entry.action == LogEntry.Action.AUTO_HIDE
    assert (entry.target_type, entry.target_id) == ("post", reply.pk)
    assert entry.reason == "3 reports"
    assert entry.before == VISIBLE
    assert entry.after == {"status": "held", "reason": services.AUTO_HIDE_REASON}


def test_a_report_below_the_threshold_writes_no_log_row(reply, member):
    services.report_post(post=reply, reporter=member, reason="spam")

    assert not LogEntry.objects.exists()


def test_log_row_keeps_the_moderator_after_a_repeated_action(reply, moderator):
    """Doing the same thing twice is still two actions, each on the record."""
    services.hide_post(post=reply, moderator=moderator, reason=REASON)
    services.hide_post(post=reply, moderator=moderator, reason=REASON)

    assert LogEntry.objects.filter(action="hide").count() == 2


def test_log_is_newest_first(reply, moderator):
    services.hide_post(post=reply, moderator=moderator, reason=REASON)
    services.restore_post(post=reply, moderator=moderator)

    assert list(LogEntry.objects.values_list("action", flat=True)) == ["restore", "hide"]


# Append-only, in the ORM


@pytest.fixture
def entry(reply, moderator):
    services.hide_post(post=reply, moderator=moderator, reason=REASON)
    return LogEntry.objects.get()


def test_saving_an_existing_log_row_is_refused(entry):
    entry.reason = "Rewritten history"

    with pytest.raises(PermissionDenied):
        entry.save()

    entry.refresh_from_db()
    assert entry.reason == REASON


def test_deleting_a_log_row_is_refused(entry):
    with pytest.raises(PermissionDenied):
        entry.delete()

    assert LogEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda qs: qs.update(reason="Rewritten history"), id="update"),
        pytest.param(lambda qs: qs.delete(), id="delete"),
        pytest.param(
            lambda qs: LogEntry.objects.bulk_update(
                [LogEntry(pk=e.pk, reason="Rewritten") for e in qs], ["reason"]
            ),
            id="bulk_update",
        ),
    ],
)
@pytest.mark.parametrize(
    "queryset",
    [
        pytest.param(lambda: LogEntry.objects.all(), id="all"),
        pytest.param(lambda: LogEntry.objects.filter(action="hide"), id="filtered"),
    ],
)
def test_queryset_writes_to_the_log_are_refused(write, queryset, entry):
    with pytest.raises(PermissionDenied), transaction.atomic():
        write(queryset())

    entry.refresh_from_db()
    assert entry.reason == REASON


def test_deleting_the_moderator_keeps_their_log_rows(entry, moderator):
    moderator.delete()

    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.reason == REASON


# Append-only, in the admin


@pytest.fixture
def superuser_client(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("role", ["superuser_client", "moderator_client"])
def test_admin_shows_the_log_read_only(role, entry, request):
    client = request.getfixturevalue(role)

    changelist = client.get(reverse("admin:moderation_logentry_changelist"))
    detail = client.get(reverse("admin:moderation_logentry_change", args=[entry.pk]))

    assert changelist.status_code == 200
    assert REASON in changelist.content.decode()
    assert "delete_selected" not in changelist.content.decode()
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()


@pytest.mark.parametrize("role", ["superuser_client", "moderator_client"])
def test_admin_refuses_to_change_add_or_delete_log_rows(role, entry, request):
    client = request.getfixturevalue(role)
    change_url = reverse("admin:moderation_logentry_change", args=[entry.pk])
    delete_url = reverse("admin:moderation_logentry_delete", args=[entry.pk])
    add_url = reverse("admin:moderation_logentry_add")
    form = {"reason": "Rewritten history", "action": "restore", "_save": "Save"}

    assert client.post(change_url, form).status_code == 403
    assert client.get(delete_url).status_code == 403
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert client.get(add_url).status_code == 403
    assert client.post(add_url, form).status_code == 403
    entry.refresh_from_db()
    assert entry.reason == REASON
    assert LogEntry.objects.count() == 1


def test_admin_bulk_delete_action_cannot_remove_log_rows(entry, superuser_client):
    response = superuser_client.post(
        reverse("admin:moderation_logentry_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "index": 0, "post": "yes"},
    )

    assert response.status_code in {200, 302}
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_suspension_log_stores_times_as_iso_text(member, moderator):
    """Before and after hold ISO timestamps (JSON has no datetime), so rows read back as text."""
    until = UNTIL + timedelta(days=1)
    services.suspend_member(member=member, moderator=moderator, until=until, reason=REASON)

    assert datetime.fromisoformat(LogEntry.objects.get().after["suspended_until"]) == until

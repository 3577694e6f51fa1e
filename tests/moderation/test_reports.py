"""Reports: what a member files and when reports hold a post."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from forum.accounts.models import BANNED_UNTIL
from forum.discussions import services as discussions
from forum.discussions.models import Status
from forum.moderation import services
from forum.moderation.models import LogEntry, Report
from tests.discussions.helpers import assert_redirects_to_login
from tests.moderation.helpers import make_member, report_url

pytestmark = pytest.mark.django_db

DETAILS = "It tells people to stop their prescribed medication."


def report_as(client, user, post, reason="unsafe", details=""):
    client.force_login(user)
    return client.post(report_url(post), {"reason": reason, "details": details})


# Filing a report


@pytest.mark.parametrize("reason", Report.Reason.values)
def test_each_reason_files_a_report_with_a_snapshot_that_later_edits_leave_alone(
    reason, reply, member_client, member
):
    original = reply.body

    response = member_client.post(report_url(reply), {"reason": reason, "details": DETAILS})

    assert response.status_code == 302
    assert response.url == reply.get_absolute_url()
    report = Report.objects.get()
    assert (report.post, report.reporter, report.reason) == (reply, member, reason)
    assert report.details == DETAILS
    assert report.snapshot == original
    assert report.is_open

    discussions.edit_post(post=reply, editor=reply.author, body="Edited: nothing to see here.")
    report.refresh_from_db()
    assert report.snapshot == original


def test_member_filing_a_report_is_thanked(reply, member_client):
    response = member_client.post(report_url(reply), {"reason": "spam"}, follow=True)

    assert "Thank you. A moderator will look at it." in response.content.decode()


@pytest.mark.parametrize("details", ["", "   \n "])
def test_other_reason_without_details_is_a_form_error_and_files_nothing(
    details, reply, member_client
):
    response = member_client.post(report_url(reply), {"reason": "other", "details": details})

    assert response.status_code == 200
    assert "Please tell the moderators what is wrong." in response.content.decode()
    assert not Report.objects.exists()
    assert Report.objects.filter(post=reply).count() == 0


def test_report_without_a_reason_is_a_form_error(reply, member_client):
    response = member_client.post(report_url(reply), {"details": DETAILS})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert not Report.objects.exists()


def test_database_refuses_other_reason_without_details_from_a_member(reply, member):
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(post=reply, reporter=member, reason="other", snapshot=reply.body)


# The same member twice


def test_second_report_by_the_same_member_gets_a_clear_message_and_creates_nothing(
    reply, member_client
):
    member_client.post(report_url(reply), {"reason": "spam"})

    response = member_client.post(
        report_url(reply), {"reason": "abuse", "details": DETAILS}, follow=True
    )

    assert "You have already reported this post." in response.content.decode()
    assert Report.objects.count() == 1
    assert Report.objects.get().reason == "spam"
    assert Report.objects.filter(post=reply).count() == 1


def test_second_report_through_the_service_raises_already_reported(reply, member):
    services.report_post(post=reply, reporter=member, reason="spam")

    with pytest.raises(services.AlreadyReported):
        services.report_post(post=reply, reporter=member, reason="abuse", details=DETAILS)

    assert Report.objects.count() == 1


def test_database_refuses_a_second_report_by_the_same_member(reply, member):
    Report.objects.create(post=reply, reporter=member, reason="spam", snapshot=reply.body)

    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(post=reply, reporter=member, reason="abuse", snapshot=reply.body)

    assert Report.objects.count() == 1


def test_system_may_file_several_reports_on_one_post(reply):
    """The unique constraint is per member: system reports (no reporter) are not limited."""
    for _ in range(2):
        Report.objects.create(post=reply, reporter=None, reason="danger", snapshot=reply.body)

    assert Report.objects.filter(reporter=None).count() == 2


# Permission matrix for the report view


@pytest.fixture
def suspended_member(db):
    from tests.factories import UserFactory

    return UserFactory(username="dave", suspended_until=BANNED_UNTIL, suspension_reason="Spam")


@pytest.mark.parametrize(
    ("role", "get_status"),
    [
        ("anonymous", "login"),
        ("other_member", 403),  # the reply's author
        ("member", 200),
        ("moderator", 200),
        ("suspended_member", 403),
    ],
)
def test_report_view_permission_matrix(role, get_status, reply, login_as):
    client = login_as(role)

    get = client.get(report_url(reply))
    post = client.post(report_url(reply), {"reason": "spam"})

    if get_status == "login":
        assert_redirects_to_login(get)
        assert_redirects_to_login(post)
    elif get_status == 403:
        assert get.status_code == 403
        assert post.status_code == 403
    else:
        assert get.status_code == 200
        assert 'name="reason"' in get.content.decode()
        assert post.status_code == 302
    assert Report.objects.count() == (1 if get_status == 200 else 0)


def test_author_cannot_report_their_own_question(question, member_client):
    assert member_client.get(report_url(question.opening_post)).status_code == 403


def test_deleted_reply_cannot_be_reported(reply, member_client):
    discussions.delete_post(post=reply, actor=reply.author)

    assert member_client.get(report_url(reply)).status_code in {403, 404}
    assert member_client.post(report_url(reply), {"reason": "spam"}).status_code in {403, 404}
    assert not Report.objects.exists()


def test_reply_in_a_deleted_question_cannot_be_reported(question, reply, login_as):
    discussions.delete_post(post=question.opening_post, actor=question.author)
    client = login_as("third_member")

    assert client.get(report_url(reply)).status_code in {403, 404}
    assert client.post(report_url(reply), {"reason": "spam"}).status_code in {403, 404}
    assert not Report.objects.exists()


def test_hidden_reply_cannot_be_reported(reply, member_client, moderator):
    services.hide_post(post=reply, moderator=moderator, reason="Advertising")

    assert member_client.get(report_url(reply)).status_code == 404
    assert not Report.objects.exists()


def test_report_link_shows_to_members_on_others_posts_only(question, reply, login_as):
    url = question.get_absolute_url()

    as_member = login_as("member").get(url).content.decode()  # alice asked the question
    as_author = login_as("other_member").get(url).content.decode()  # bob wrote the reply
    as_visitor = login_as("anonymous").get(url).content.decode()

    assert report_url(reply) in as_member
    assert report_url(question.opening_post) not in as_member
    assert report_url(reply) not in as_author
    assert report_url(question.opening_post) in as_author
    assert "/report/" not in as_visitor


# Auto-hide after several reports


def test_third_report_from_established_members_holds_the_post_at_once(
    question, reply, client, login_as
):
    reporters = [make_member(f"reporter{i}") for i in range(3)]
    for reporter in reporters[:2]:
        report_as(client, reporter, reply)

    reply.refresh_from_db()
    assert reply.status == Status.VISIBLE
    assert not LogEntry.objects.exists()

    report_as(client, reporters[2], reply, reason="misinfo")

    reply.refresh_from_db()
    assert reply.status == Status.HELD
    assert reply.moderation_reason == services.AUTO_HIDE_REASON
    assert Report.objects.filter(post=reply).count() == 3
    entry = LogEntry.objects.get()
    assert entry.action == LogEntry.Action.AUTO_HIDE
    assert entry.actor is None
    assert (entry.target_type, entry.target_id) == ("post", reply.pk)
    assert entry.before == {"status": "visible", "reason": ""}
    assert entry.after == {"status": "held", "reason": services.AUTO_HIDE_REASON}
    question.refresh_from_db()
    assert question.reply_count == 0

    as_author = login_as("other_member").get(question.get_absolute_url()).content.decode()
    assert reply.body in as_author
    assert services.AUTO_HIDE_REASON in as_author
    assert "Awaiting review" in as_author
    as_asker = login_as("member").get(question.get_absolute_url()).content.decode()
    assert reply.body not in as_asker


def test_auto_hide_of_a_question_takes_it_out_of_the_lists(question, client, login_as):
    for i in range(3):
        report_as(client, make_member(f"reporter{i}"), question.opening_post, reason="spam")

    question.refresh_from_db()
    assert question.status == Status.HELD
    assert question.title not in login_as("anonymous").get("/questions/").content.decode()
    assert login_as("other_member").get(question.get_absolute_url()).status_code == 404
    as_author = login_as("member").get(question.get_absolute_url())
    assert as_author.status_code == 200
    assert services.AUTO_HIDE_REASON in as_author.content.decode()


@pytest.mark.parametrize(
    ("days", "visible_posts"),
    [
        pytest.param(0, 0, id="joined-today"),
        pytest.param(2, 3, id="joined-2-days-ago-with-3-posts"),
        pytest.param(4, 2, id="joined-4-days-ago-with-2-posts"),
    ],
)
def test_reports_from_newcomers_do_not_count_toward_auto_hide(days, visible_posts, reply, client):
    newcomers = [make_member(f"new{i}", days=days, visible_posts=visible_posts) for i in range(3)]
    established = [make_member(f"old{i}") for i in range(3)]

    for reporter in [*newcomers, *established[:2]]:
        report_as(client, reporter, reply)

    reply.refresh_from_db()
    assert reply.status == Status.VISIBLE
    assert Report.objects.filter(post=reply).count() == 5  # every report counts here
    assert Report.objects.filter(counts_toward_hiding=False).count() == 3
    assert not LogEntry.objects.exists()

    report_as(client, established[2], reply)
    reply.refresh_from_db()
    assert reply.status == Status.HELD
    assert Report.objects.filter(post=reply).count() == 6


def test_trusted_reporters_count_toward_auto_hide_from_their_first_day(
    reply, client, moderator, editor
):
    report_as(client, moderator, reply)
    report_as(client, editor, reply)
    report_as(client, make_member("old"), reply)

    reply.refresh_from_db()
    assert reply.status == Status.HELD


def test_resolved_reports_do_not_count_toward_auto_hide_again(reply, client, moderator):
    reporters = [make_member(f"reporter{i}") for i in range(3)]
    for reporter in reporters[:2]:
        report_as(client, reporter, reply)
    services.resolve_reports(post=reply, moderator=moderator)

    report_as(client, reporters[2], reply)

    reply.refresh_from_db()
    assert reply.status == Status.VISIBLE
    assert Report.objects.filter(post=reply).count() == 3


def test_auto_hide_does_not_touch_a_post_already_hidden_by_a_moderator(reply, moderator):
    reporters = [make_member(f"reporter{i}") for i in range(3)]
    for reporter in reporters[:2]:
        services.report_post(post=reply, reporter=reporter, reason="spam")
    discussions.set_post_status(post=reply, status=Status.HIDDEN, reason="Advertising")

    services.report_post(post=reply, reporter=reporters[2], reason="spam")

    reply.refresh_from_db()
    assert (reply.status, reply.moderation_reason) == (Status.HIDDEN, "Advertising")
    assert not LogEntry.objects.filter(action=LogEntry.Action.AUTO_HIDE).exists()


# The red-flag part of the queue: tests/moderation/test_red_flag_queue.py


def test_report_records_when_it_was_filed(reply, member):
    before = timezone.now()
    report = services.report_post(post=reply, reporter=member, reason="spam")

    assert before <= report.created_at <= timezone.now()

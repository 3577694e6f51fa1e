"""Trust levels (issue 14): each level's thresholds, demotion, locks, and the privileges
each level opens."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forum.accounts.models import TrustLevel, User
from forum.discussions import permissions, policy, services
from forum.discussions.models import HelpfulMark, Post, Status, Thread
from forum.moderation import services as moderation
from forum.moderation import trust
from forum.moderation.models import LogEntry, Report
from forum.notifications.models import Notification
from forum.notifications.services import fan_out_post
from tests.factories import UserFactory, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def thresholds(settings: Any) -> None:
    """Small, explicit thresholds, so each test shows the boundary it crosses."""
    settings.MEDIUS_NEWCOMER_DAYS = 3
    settings.MEDIUS_NEWCOMER_APPROVED_POSTS = 2
    settings.MEDIUS_TRUST_MEMBER_DAYS = 30
    settings.MEDIUS_TRUST_MEMBER_POSTS = 4
    settings.MEDIUS_TRUST_MEMBER_HELPFUL = 2
    settings.MEDIUS_TRUST_CLEAN_DAYS = 60
    settings.MEDIUS_TRUST_TRUSTED_DAYS = 180
    settings.MEDIUS_TRUST_TRUSTED_POSTS = 6
    settings.MEDIUS_TRUST_TRUSTED_UPHELD_FLAGS = 1


def _aged(user: User, days: int) -> User:
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=days))
    user.refresh_from_db()
    return user


def _posts(author: User, thread: Thread, n: int) -> list[Post]:
    return [
        services.post_reply(parent=thread.opening_post, author=author, body=f"Reply number {i}.")
        for i in range(n)
    ]


def _helpful(posts: list[Post], n: int) -> None:
    for i in range(n):
        marker = UserFactory(username=f"marker{i}")
        for post in posts[:1]:
            HelpfulMark.objects.create(post=post, user=marker)


def test_a_verified_account_starts_new(member: User):
    assert member.trust_level == TrustLevel.NEW
    assert trust.earned_level(trust.facts_for(member)) == TrustLevel.NEW


def test_basic_needs_both_the_days_and_the_approved_posts(member: User, question: Thread):
    other = UserFactory(username="writer")
    _posts(other, question, 2)
    _aged(other, 2)
    assert moderation.recalculate_trust(member=other) == TrustLevel.NEW
    _aged(other, 3)
    assert moderation.recalculate_trust(member=other) == TrustLevel.BASIC
    other.refresh_from_db()
    assert other.trust_level == TrustLevel.BASIC


def test_basic_is_not_reached_with_days_alone(member: User):
    _aged(member, 400)
    assert moderation.recalculate_trust(member=member) == TrustLevel.NEW


def test_member_needs_posts_helpful_marks_and_a_clean_record(question: Thread):
    writer = _aged(UserFactory(username="writer"), 31)
    posts = _posts(writer, question, 4)
    assert moderation.recalculate_trust(member=writer) == TrustLevel.BASIC  # no helpful marks
    _helpful(posts, 2)
    assert moderation.recalculate_trust(member=writer) == TrustLevel.MEMBER


def test_trusted_needs_upheld_flags(question: Thread, moderator: User):
    writer = _aged(UserFactory(username="writer"), 200)
    posts = _posts(writer, question, 6)
    _helpful(posts, 2)
    assert moderation.recalculate_trust(member=writer) == TrustLevel.MEMBER
    spam = services.post_reply(
        parent=question.opening_post, author=UserFactory(username="spammy"), body="Buy pills."
    )
    moderation.report_post(post=spam, reporter=writer, reason=Report.Reason.SPAM)
    moderation.hide_post(post=spam, moderator=moderator, reason="Advertising.")
    writer.refresh_from_db()
    assert writer.trust_level == TrustLevel.TRUSTED  # recalculated by the hide itself


def test_a_hidden_post_demotes_a_member_to_basic(question: Thread, moderator: User):
    writer = _aged(UserFactory(username="writer"), 40)
    posts = _posts(writer, question, 5)
    _helpful(posts, 2)
    moderation.recalculate_trust(member=writer)
    writer.refresh_from_db()
    assert writer.trust_level == TrustLevel.MEMBER
    moderation.report_post(post=posts[-1], reporter=question.author, reason=Report.Reason.ABUSE)
    moderation.hide_post(post=posts[-1], moderator=moderator, reason="Rude to another member.")
    writer.refresh_from_db()
    assert writer.trust_level == TrustLevel.BASIC


def test_a_locked_level_is_never_recalculated_and_the_lock_is_logged(member: User, moderator: User):
    moderation.lock_trust_level(member=member, moderator=moderator, level=TrustLevel.MEMBER,
                                reason="Known to us from the support group.")  # fmt: skip
    member.refresh_from_db()
    assert member.trust_level == TrustLevel.MEMBER and member.trust_level_locked
    assert moderation.recalculate_trust(member=member) == TrustLevel.MEMBER
    call_command("recalculate_trust")
    member.refresh_from_db()
    assert member.trust_level == TrustLevel.MEMBER
    assert LogEntry.objects.filter(action=LogEntry.Action.LOCK_TRUST, target_id=member.pk).exists()
    moderation.unlock_trust_level(member=member, moderator=moderator)
    member.refresh_from_db()
    assert member.trust_level == TrustLevel.NEW and not member.trust_level_locked


def test_only_moderators_lock_levels(member: User, other_member: User):
    with pytest.raises(PermissionDenied):
        moderation.lock_trust_level(member=member, moderator=other_member, level=3, reason="x")


def test_the_daily_command_promotes_and_reports_changes(question: Thread, capsys: Any):
    writer = UserFactory(username="writer")
    _posts(writer, question, 2)
    _aged(writer, 5)
    call_command("recalculate_trust")
    writer.refresh_from_db()
    assert writer.trust_level == TrustLevel.BASIC
    assert "changed" in capsys.readouterr().out


def test_a_helpful_mark_recalculates_at_once(
    question: Thread, django_capture_on_commit_callbacks: Any, settings: Any
):
    settings.MEDIUS_TRUST_MEMBER_HELPFUL = 1
    writer = _aged(UserFactory(username="writer"), 31)
    posts = _posts(writer, question, 4)
    moderation.recalculate_trust(member=writer)
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_helpful(post=posts[0], user=question.author)
    writer.refresh_from_db()
    assert writer.trust_level == TrustLevel.MEMBER


# Privileges.


def test_locked_at_new_keeps_a_member_in_the_sandbox(member: User, moderator: User, settings: Any):
    settings.MEDIUS_NEWCOMER_HELD_POSTS = 0
    moderation.lock_trust_level(member=member, moderator=moderator, level=TrustLevel.NEW,
                                reason="Posting adverts.")  # fmt: skip
    member.refresh_from_db()
    assert policy.in_sandbox(member)
    assert not policy.is_established(member)


def test_locked_at_basic_lifts_the_newcomer_limits(member: User, moderator: User, settings: Any):
    settings.MEDIUS_NEWCOMER_HELD_POSTS = 5
    moderation.lock_trust_level(member=member, moderator=moderator, level=TrustLevel.BASIC,
                                reason="Vouched for.")  # fmt: skip
    member.refresh_from_db()
    assert not policy.in_sandbox(member) and policy.is_established(member)


def test_a_trusted_members_report_counts_double_toward_auto_hide(
    question: Thread, settings: Any, production_posting_rules: Any
):
    settings.MEDIUS_AUTO_HIDE_REPORTS = 3
    settings.MEDIUS_NEWCOMER_DAYS = 0
    settings.MEDIUS_NEWCOMER_APPROVED_POSTS = 0
    reply = services.post_reply(
        parent=question.opening_post, author=UserFactory(username="writer"), body="Odd advice.",
        screen=False,
    )  # fmt: skip
    trusted = UserFactory(username="veteran", trust_level=TrustLevel.TRUSTED)
    moderation.report_post(post=reply, reporter=trusted, reason=Report.Reason.UNSAFE_ADVICE)
    reply.refresh_from_db()
    assert reply.status == Status.VISIBLE  # 2 of 3
    moderation.report_post(
        post=reply, reporter=UserFactory(username="plain"), reason=Report.Reason.UNSAFE_ADVICE
    )
    reply.refresh_from_db()
    assert reply.status == Status.HELD


def test_new_members_edit_for_a_day_and_basic_members_always(member: User, question: Thread):
    post = question.opening_post
    assert permissions.can_edit_post(member, post)
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(hours=25))
    post.refresh_from_db()
    assert not permissions.can_edit_post(member, post)
    with pytest.raises(PermissionDenied, match="24 hours"):
        permissions.check_can_edit_post(member, post)
    member.trust_level = TrustLevel.BASIC
    assert permissions.can_edit_post(member, post)


def test_new_members_follow_a_limited_number_of_members(member: User, settings: Any):
    settings.MEDIUS_NEW_MAX_MEMBER_FOLLOWS = 2
    others = [UserFactory(username=f"writer{i}") for i in range(3)]
    services.follow(user=member, member=others[0])
    services.follow(user=member, member=others[1])
    with pytest.raises(services.FollowRefused):
        services.follow(user=member, member=others[2])
    services.follow(user=member, member=others[1])  # following again is not one more
    member.trust_level = TrustLevel.BASIC
    services.follow(user=member, member=others[2])


def test_the_follow_refusal_is_a_message_not_an_error(
    member_client: Client, member: User, settings: Any
):
    settings.MEDIUS_NEW_MAX_MEMBER_FOLLOWS = 0
    UserFactory(username="writer")
    response = member_client.post(reverse("discussions:follow"), {"member": "writer"}, follow=True)
    assert response.status_code == 200
    assert "New members can follow up to 0 members" in response.text


def test_new_members_notify_fewer_mentioned_members(
    condition: Any, settings: Any, django_capture_on_commit_callbacks: Any
):
    settings.MEDIUS_NEW_MAX_MENTIONS = 2
    settings.MEDIUS_MAX_MENTIONS = 5
    for name in ("ann", "ben", "cat", "dan"):
        UserFactory(username=name)
    body = "Asking @ann @ben @cat @dan for their thoughts."
    newcomer = UserFactory(username="newcomer")
    thread = make_question(author=newcomer, conditions=[condition], body=body)
    fan_out_post(post=thread.opening_post)
    assert Notification.objects.filter(post=thread.opening_post).count() == 2
    regular = UserFactory(username="regular", trust_level=TrustLevel.BASIC)
    thread = make_question(author=regular, conditions=[condition], body=body, title="Another one")
    fan_out_post(post=thread.opening_post)
    assert Notification.objects.filter(post=thread.opening_post).count() == 4


def test_a_member_sees_their_level_and_what_unlocks_the_next(member_client: Client):
    page = member_client.get(reverse("moderation:trust"))
    assert page.status_code == 200
    assert "Your trust level: New" in page.text
    assert "To reach Basic" in page.text
    assert "Approved posts: 0 of 2" in page.text
    assert page["Cache-Control"] == "private, no-store"


def test_the_trust_page_asks_visitors_to_log_in(client: Client):
    assert client.get(reverse("moderation:trust")).status_code == 302


def test_the_member_admin_page_shows_the_record_but_no_password_hash(
    moderator_client: Client, member: User, question: Thread
):
    page = moderator_client.get(reverse("admin:accounts_user_change", args=[member.pk]))
    assert page.status_code == 200
    assert "Recent posts" in page.text and "Reports about their posts" in page.text
    assert "Trust level" in page.text
    assert "md5$" not in page.text and "Raw passwords are not stored" not in page.text

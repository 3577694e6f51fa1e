"""The moderator's desk: every admin action, run as a moderator through the changelist POST."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from forum.accounts.models import BANNED_UNTIL
from forum.discussions import services as discussions
from forum.discussions.models import PUBLIC_STATUSES, Post, Status, Thread
from forum.moderation import services
from forum.moderation.models import LogEntry, Report
from tests.factories import PASSWORD, UserFactory
from tests.moderation.helpers import (
    POSTS_URL,
    QUEUE_URL,
    THREADS_URL,
    USERS_URL,
    make_member,
    run_action,
)

pytestmark = pytest.mark.django_db

POST_LISTS = [pytest.param(QUEUE_URL, id="review-queue"), pytest.param(POSTS_URL, id="all-posts")]
REASON = "Advertises a paid course; see the community guidelines."


@pytest.fixture
def replies(question, other_member, third_member):
    """Two of bob's replies and one of carol's, all top-level under alice's question."""
    return [
        discussions.post_reply(parent=question.opening_post, author=author, body=body)
        for author, body in [
            (other_member, "Buy my course at example.com for instant relief."),
            (other_member, "Another link to my paid course."),
            (third_member, "Side-lying with a pillow between the knees helped me."),
        ]
    ]


def queue(*posts, reporter=None):
    """Put the posts in the review queue with an open report each."""
    reporter = reporter or make_member("reporter")
    for post in posts:
        Report.objects.create(post=post, reporter=reporter, reason="spam", snapshot=post.body)


def refreshed(*objects):
    for obj in objects:
        obj.refresh_from_db()
    return objects


def assert_counters_true(thread):
    """Recount from scratch: the stored counters match what the rows say."""
    thread.refresh_from_db()
    posts = Post.objects.filter(thread=thread)
    assert thread.reply_count == posts.filter(depth__gte=1, status=Status.VISIBLE).count()
    for post in posts:
        shown = post.children.filter(status__in=PUBLIC_STATUSES).count()
        assert post.child_count == shown, f"child_count of post {post.pk}"


# Post actions, on the review queue and on the list of all posts


@pytest.mark.parametrize("url", POST_LISTS)
@pytest.mark.parametrize("bulk", [False, True], ids=["single", "bulk"])
def test_approve_makes_held_posts_visible_and_closes_their_reports(
    url, bulk, replies, question, moderator_client, moderator
):
    chosen = replies[:2] if bulk else replies[:1]
    for post in chosen:
        discussions.set_post_status(post=post, status=Status.HELD, reason="New member")
    queue(*chosen)

    response = run_action(moderator_client, url, "approve", chosen)

    assert response.status_code == 302
    for post in refreshed(*chosen):
        assert (post.status, post.moderation_reason) == (Status.VISIBLE, "")
        report = post.reports.get()
        assert report.resolution == Report.Resolution.APPROVED
        assert report.resolved_by == moderator
    assert refreshed(replies[2])[0].status == Status.VISIBLE
    assert LogEntry.objects.filter(action="approve").count() == len(chosen)
    assert_counters_true(question)


@pytest.mark.parametrize("url", POST_LISTS)
@pytest.mark.parametrize("bulk", [False, True], ids=["single", "bulk"])
def test_hide_asks_for_a_reason_then_hides_with_it(
    url, bulk, replies, question, moderator_client, moderator
):
    chosen = replies[:2] if bulk else replies[:1]
    queue(*chosen)

    first = run_action(moderator_client, url, "hide", chosen)

    assert first.status_code == 200
    assert "admin/moderation/action_form.html" in [t.name for t in first.templates]
    assert 'name="reason"' in first.content.decode()
    assert 'name="apply"' in first.content.decode()
    assert all(p.status == Status.VISIBLE for p in refreshed(*chosen))

    second = run_action(moderator_client, url, "hide", chosen, apply=True, reason=REASON)

    assert second.status_code == 302
    for post in refreshed(*chosen):
        assert (post.status, post.moderation_reason) == (Status.HIDDEN, REASON)
        assert post.reports.get().resolution == Report.Resolution.HIDDEN
    assert refreshed(replies[2])[0].status == Status.VISIBLE
    assert LogEntry.objects.filter(action="hide", reason=REASON).count() == len(chosen)
    assert_counters_true(question)


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(QUEUE_URL, id="review-queue"),
        pytest.param(POSTS_URL, id="all-posts"),
    ],
)
@pytest.mark.parametrize(("action", "done"), [("approve", "Approved"), ("hide", "Hidden")])
def test_post_actions_say_how_many_posts_they_changed(url, action, done, replies, moderator_client):
    queue(*replies[:2])
    extra = {"apply": True, "reason": REASON} if action == "hide" else {}
    if action == "approve":
        for post in replies[:2]:
            discussions.set_post_status(post=post, status=Status.HELD, reason="New member")

    response = run_action(moderator_client, url, action, replies[:2], **extra)

    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == [f"{done}: 2 posts."]


@pytest.mark.parametrize("url", POST_LISTS)
def test_hide_without_a_reason_shows_the_form_again_and_hides_nothing(
    url, replies, moderator_client
):
    queue(replies[0])

    response = run_action(moderator_client, url, "hide", replies[:1], apply=True, reason="")

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert refreshed(replies[0])[0].status == Status.VISIBLE
    assert not LogEntry.objects.exists()


@pytest.mark.parametrize("url", POST_LISTS)
def test_restore_makes_hidden_posts_visible_and_leaves_others_alone(
    url, replies, question, moderator_client
):
    hidden, held, visible = replies
    discussions.set_post_status(post=hidden, status=Status.HIDDEN, reason=REASON)
    discussions.set_post_status(post=held, status=Status.HELD, reason="New member")
    queue(hidden, held, visible)

    response = run_action(moderator_client, url, "restore", replies)

    assert response.status_code == 302
    hidden, held, visible = refreshed(*replies)
    assert (hidden.status, hidden.moderation_reason) == (Status.VISIBLE, "")
    assert held.status == Status.HELD
    assert visible.status == Status.VISIBLE
    assert LogEntry.objects.filter(action="restore").count() == 1
    assert_counters_true(question)


@pytest.mark.parametrize("url", POST_LISTS)
def test_resolve_no_action_closes_reports_and_keeps_the_post(
    url, replies, moderator_client, moderator
):
    post = replies[0]
    queue(post, reporter=make_member("first"))
    queue(post, reporter=make_member("second"))

    response = run_action(moderator_client, url, "resolve_no_action", [post])

    assert response.status_code == 302
    assert refreshed(post)[0].status == Status.VISIBLE
    assert post.reports.count() == 2
    for report in post.reports.all():
        assert not report.is_open
        assert report.resolution == Report.Resolution.NO_ACTION
        assert report.resolved_by == moderator
    entry = LogEntry.objects.get()
    assert (entry.action, entry.after) == ("resolve", {"reports_resolved": 2})
    assert post.pk not in [p.pk for p in moderator_client.get(QUEUE_URL).context["cl"].result_list]


@pytest.mark.parametrize("url", POST_LISTS)
def test_lock_threads_locks_the_threads_of_the_chosen_posts(
    url, replies, question, condition, other_member, moderator_client
):
    elsewhere = discussions.ask_question(
        author=other_member,
        title="Piriformis stretch advice",
        body="Which stretch helps most?",
        conditions=[condition],
    )
    queue(replies[0])

    response = run_action(moderator_client, url, "lock_threads", [replies[0]])

    assert response.status_code == 302
    question.refresh_from_db()
    elsewhere.refresh_from_db()
    assert question.is_locked
    assert not elsewhere.is_locked
    assert LogEntry.objects.get().action == "lock"


def test_review_queue_offers_only_queued_posts_to_its_actions(replies, moderator_client):
    """A post that is neither held nor reported is not in the queue, so an action skips it."""
    queue(replies[0])

    run_action(moderator_client, QUEUE_URL, "hide", replies[:2], apply=True, reason=REASON)

    first, second, _ = refreshed(*replies)
    assert first.status == Status.HIDDEN
    assert second.status == Status.VISIBLE


def test_hiding_and_restoring_keep_the_counters_true(
    question, other_member, third_member, moderator_client
):
    top = discussions.post_reply(
        parent=question.opening_post, author=other_member, body="Top-level reply."
    )
    nested = discussions.post_reply(parent=top, author=third_member, body="A nested reply.")
    assert_counters_true(question)
    assert (question.reply_count, refreshed(top)[0].child_count) == (2, 1)

    steps = [
        ("hide", [nested], 1, 0),
        ("restore", [nested], 2, 1),
        ("hide", [top], 1, 1),
        ("restore", [top], 2, 1),
        ("hide", [top, nested], 0, 0),
        ("restore", [top, nested], 2, 1),
    ]
    for action, posts, reply_count, top_children in steps:
        extra = {"apply": True, "reason": REASON} if action == "hide" else {}
        run_action(moderator_client, POSTS_URL, action, posts, **extra)
        question.refresh_from_db()
        top.refresh_from_db()
        assert (question.reply_count, top.child_count) == (reply_count, top_children), action
        assert_counters_true(question)


@pytest.mark.parametrize(
    "steps", [["approve"], ["hide", "restore"]], ids=["approve", "hide-restore"]
)
def test_moderating_a_reported_post_its_author_deleted_keeps_it_deleted(
    steps, reply, question, member, moderator_client
):
    services.report_post(post=reply, reporter=member, reason="spam")
    discussions.delete_post(post=reply, actor=reply.author)
    assert reply.pk in [p.pk for p in moderator_client.get(QUEUE_URL).context["cl"].result_list]

    for action in steps:
        extra = {"apply": True, "reason": REASON} if action == "hide" else {}
        run_action(moderator_client, POSTS_URL, action, [reply], **extra)

    reply.refresh_from_db()
    assert reply.status in {Status.DELETED, Status.HIDDEN}
    assert reply.body not in moderator_client.get(question.get_absolute_url()).content.decode()


def test_approving_a_held_reply_counts_it(question, other_member, moderator_client):
    reply = discussions.post_reply(
        parent=question.opening_post, author=other_member, body="A newcomer's first reply."
    )
    discussions.set_post_status(post=reply, status=Status.HELD, reason="New member")
    assert refreshed(question)[0].reply_count == 0

    run_action(moderator_client, QUEUE_URL, "approve", [reply])

    assert refreshed(question)[0].reply_count == 1
    assert_counters_true(question)


# Thread actions


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("lock", {"is_locked": False}, {"is_locked": True}),
        ("unlock", {"is_locked": True}, {"is_locked": False}),
        ("pin", {"is_pinned": False}, {"is_pinned": True}),
        ("unpin", {"is_pinned": True}, {"is_pinned": False}),
    ],
)
def test_thread_actions_lock_unlock_pin_and_unpin(
    action, before, after, question, article, moderator_client, moderator
):
    Thread.objects.filter(pk__in=[question.pk, article.pk]).update(**before)

    response = run_action(moderator_client, THREADS_URL, action, [question, article])

    assert response.status_code == 302
    for thread in refreshed(question, article):
        field, value = next(iter(after.items()))
        assert getattr(thread, field) == value
    entries = LogEntry.objects.filter(action=action, actor=moderator)
    assert sorted(e.target_id for e in entries) == sorted([question.pk, article.pk])


def test_locked_thread_refuses_member_replies(question, moderator_client, login_as):
    run_action(moderator_client, THREADS_URL, "lock", [question])

    response = login_as("other_member").post(
        reverse("discussions:reply", args=[question.opening_post.pk]), {"body": "Too late?"}
    )

    assert response.status_code == 403
    assert "locked" in response.content.decode()


def test_mark_reviewed_asks_for_the_reviewer_then_records_them(
    article, editor, clinician, moderator_client, moderator
):
    with time_machine.travel(datetime(2031, 5, 6, 12, tzinfo=UTC), tick=False):
        moderator_client.force_login(moderator)
        first = run_action(moderator_client, THREADS_URL, "mark_reviewed", [article])

        assert first.status_code == 200
        reviewer_field = first.context["form"].fields["reviewer"]
        assert clinician in reviewer_field.queryset
        assert editor not in reviewer_field.queryset  # an editor is not a clinician
        assert moderator not in reviewer_field.queryset
        assert refreshed(article)[0].last_reviewed_on is None

        second = run_action(
            moderator_client,
            THREADS_URL,
            "mark_reviewed",
            [article],
            apply=True,
            reviewer=str(clinician.pk),
        )

    assert second.status_code == 302
    article.refresh_from_db()
    assert article.reviewed_by == clinician
    assert str(article.last_reviewed_on) == "2031-05-06"
    assert LogEntry.objects.get(action="review").actor == moderator


# Member actions


def test_suspend_asks_for_days_and_a_reason_then_suspends(member, moderator_client, moderator):
    now = datetime(2031, 5, 6, 12, tzinfo=UTC)
    with time_machine.travel(now, tick=False):
        moderator_client.force_login(moderator)
        first = run_action(moderator_client, USERS_URL, "suspend", [member])
        assert first.status_code == 200
        assert {"days", "reason"} <= set(first.context["form"].fields)

        second = run_action(
            moderator_client, USERS_URL, "suspend", [member], apply=True, days="7", reason=REASON
        )

    assert second.status_code == 302
    member.refresh_from_db()
    assert member.suspended_until == now + timedelta(days=7)
    assert member.suspension_reason == REASON
    entry = LogEntry.objects.get()
    assert (entry.action, entry.actor, entry.target_id) == ("suspend", moderator, member.pk)


@pytest.mark.parametrize("days", ["0", "366", "seven"])
def test_suspend_with_a_bad_number_of_days_suspends_nobody(days, member, moderator_client):
    response = run_action(
        moderator_client, USERS_URL, "suspend", [member], apply=True, days=days, reason=REASON
    )

    assert response.status_code == 200
    assert response.context["form"].errors["days"]
    assert refreshed(member)[0].suspended_until is None


def test_ban_suspends_for_good_with_a_reason(member, moderator_client):
    run_action(moderator_client, USERS_URL, "ban", [member])
    response = run_action(moderator_client, USERS_URL, "ban", [member], apply=True, reason=REASON)

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.suspended_until == BANNED_UNTIL
    assert member.is_banned
    assert LogEntry.objects.get().action == "ban"


def test_lift_suspension_lets_suspended_and_banned_members_post_again(
    member, other_member, third_member, moderator_client, moderator
):
    services.suspend_member(
        member=member,
        moderator=moderator,
        until=timezone.now() + timedelta(days=3),
        reason=REASON,
    )
    services.ban_member(member=other_member, moderator=moderator, reason=REASON)

    response = run_action(
        moderator_client, USERS_URL, "lift_suspension", [member, other_member, third_member]
    )

    assert response.status_code == 302
    for user in refreshed(member, other_member):
        assert (user.suspended_until, user.suspension_reason) == (None, "")
        assert not user.is_suspended
    # Only the two who were suspended get a log row.
    assert LogEntry.objects.filter(action="unsuspend").count() == 2


def test_remove_spammer_bans_and_hides_everything_in_one_logged_step(
    question, condition, other_member, third_member, moderator_client, moderator
):
    spammer = other_member
    own_thread = discussions.ask_question(
        author=spammer,
        title="Miracle cure for hip pain",
        body="Visit my shop for the miracle cure.",
        conditions=[condition],
    )
    top = discussions.post_reply(
        parent=question.opening_post, author=spammer, body="My shop has the cure."
    )
    answer = discussions.post_reply(parent=top, author=third_member, body="Please stop.")
    nested = discussions.post_reply(parent=answer, author=spammer, body="Really, visit my shop.")
    queue(top)

    run_action(moderator_client, USERS_URL, "remove_spammer", [spammer])
    response = run_action(
        moderator_client, USERS_URL, "remove_spammer", [spammer], apply=True, reason=REASON
    )

    assert response.status_code == 302
    spammer.refresh_from_db()
    assert spammer.is_banned
    assert spammer.suspension_reason == REASON
    posts = Post.objects.filter(author=spammer)
    assert posts.count() == 3
    assert set(posts.values_list("status", flat=True)) == {Status.HIDDEN}
    assert set(posts.values_list("moderation_reason", flat=True)) == {REASON}
    assert refreshed(own_thread)[0].status == Status.HIDDEN
    assert refreshed(answer)[0].status == Status.VISIBLE
    assert refreshed(nested)[0].status == Status.HIDDEN
    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    entry = LogEntry.objects.get()
    assert (entry.action, entry.actor, entry.target_id) == ("spammer", moderator, spammer.pk)
    assert entry.after["posts_hidden"] == 3
    assert_counters_true(question)
    assert_counters_true(own_thread)


# What a suspension means for the member


@pytest.fixture
def suspended(member, moderator, question):
    until = timezone.now() + timedelta(days=7)
    services.suspend_member(member=member, moderator=moderator, until=until, reason=REASON)
    member.refresh_from_db()
    return member


def test_suspended_member_can_read_and_sees_the_notice_in_the_header(
    suspended, question, member_client
):
    for url in [reverse("home"), question.get_absolute_url()]:
        response = member_client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Your account is suspended until" in page
        assert "you can read but not post" in page
        assert REASON in page


def test_banned_member_sees_a_ban_notice(member, moderator, member_client):
    services.ban_member(member=member, moderator=moderator, reason=REASON)

    page = member_client.get(reverse("home")).content.decode()

    assert "Your account is banned: you can read but not post." in page


def test_suspended_member_cannot_ask_or_reply_and_is_told_why(
    suspended, question, other_member, member_client, condition
):
    reply = discussions.post_reply(
        parent=question.opening_post, author=other_member, body="Try this."
    )
    ask_url = reverse("discussions:ask")
    attempts = [
        member_client.get(ask_url),
        member_client.post(
            ask_url,
            {
                "title": "Another question about my hip",
                "body": "Text",
                "conditions": [condition.pk],
            },
        ),
        member_client.get(reverse("discussions:reply", args=[reply.pk])),
        member_client.post(reverse("discussions:reply", args=[reply.pk]), {"body": "Thanks!"}),
    ]

    for response in attempts:
        assert response.status_code == 403
        page = response.content.decode()
        assert "Your account is suspended until" in page
        assert REASON in page
    assert Thread.objects.count() == 1
    assert Post.objects.filter(author=suspended).count() == 1


def test_suspended_member_sees_no_reply_form_on_the_thread_page(suspended, question, member_client):
    page = member_client.get(question.get_absolute_url()).content.decode()

    assert 'class="reply-form"' not in page


def test_suspension_ends_by_itself(suspended, question, other_member, member_client):
    reply = discussions.post_reply(
        parent=question.opening_post, author=other_member, body="Try this."
    )
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = member_client.post(
            reverse("discussions:reply", args=[reply.pk]), {"body": "Back again, thanks!"}
        )

    assert response.status_code == 302
    assert Post.objects.filter(author=suspended, depth=2).exists()


# Who gets into the admin


def test_plain_member_is_sent_away_from_the_admin(member_client, replies):
    for url in ["/admin/", QUEUE_URL, POSTS_URL]:
        response = member_client.get(url)
        assert response.status_code in {302, 403}
        if response.status_code == 302:
            assert response.url.startswith(reverse("admin:login"))

    response = run_action(member_client, POSTS_URL, "hide", replies, apply=True, reason=REASON)

    assert response.status_code in {302, 403}
    assert not Post.objects.filter(status=Status.HIDDEN).exists()


def test_staff_without_the_moderators_group_cannot_run_post_actions(replies, client):
    staff = UserFactory(username="helpdesk", is_staff=True)
    client.force_login(staff)

    response = run_action(client, POSTS_URL, "hide", replies, apply=True, reason=REASON)

    assert response.status_code in {302, 403}
    assert not Post.objects.filter(status=Status.HIDDEN).exists()


def test_admin_login_redirects_to_the_sites_login(client):
    response = client.get("/admin/login/?next=/admin/moderation/queuedpost/")

    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=/admin/moderation/queuedpost/"


def test_admin_pages_send_visitors_through_the_sites_login(client):
    response = client.get(QUEUE_URL, follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert "next=" in response.redirect_chain[-1][0]


def test_admin_login_shares_allauths_rate_limit_on_failed_logins(client, moderator):
    """Guessing a moderator's password through /admin/login/ meets allauth's limits: after a
    few failures even the right password is refused for a while."""
    login = client.get("/admin/login/", follow=True).redirect_chain[-1][0]
    pages = [
        client.post(login, {"login": moderator.email, "password": f"guess {i}"}) for i in range(6)
    ]

    assert "Too many failed login attempts" not in pages[0].content.decode()
    assert "Too many failed login attempts" in pages[-1].content.decode()
    response = client.post(login, {"login": moderator.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_moderator_reaches_the_moderators_desk(moderator_client):
    response = moderator_client.get("/admin/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "review queue" in page.lower()
    assert "moderation log" in page.lower()


# The review queue


def test_review_queue_shows_held_posts_and_open_reports_oldest_first(
    question, condition, other_member, third_member, moderator_client, moderator
):
    start = timezone.now()
    mark = iter(range(100))

    def at(hours):
        return time_machine.travel(start + timedelta(hours=hours), tick=False)

    def write(author, hours):
        with at(hours):
            return discussions.post_reply(
                parent=question.opening_post,
                author=author,
                body=f"Reply number {next(mark)} about hip pain.",
            )

    reported_late = write(other_member, 0)  # written first, reported last
    held = write(third_member, 1)
    discussions.set_post_status(post=held, status=Status.HELD, reason="New member")
    reported_twice = write(other_member, 2)
    write(third_member, 3)  # no report: not queued
    resolved = write(other_member, 4)  # its report is resolved: not in the queue
    hidden = write(third_member, 5)  # hidden after the report: not in the queue
    reporters = [make_member("rep_a"), make_member("rep_b")]
    with at(6):
        services.report_post(post=reported_twice, reporter=reporters[0], reason="unsafe")
        services.report_post(post=resolved, reporter=reporters[0], reason="spam")
        services.report_post(post=hidden, reporter=reporters[0], reason="spam")
    with at(7):
        services.report_post(
            post=reported_twice, reporter=reporters[1], reason="other", details="Dangerous dose"
        )
        services.resolve_reports(post=resolved, moderator=moderator)
        services.hide_post(post=hidden, moderator=moderator, reason=REASON)
    with at(8):
        services.report_post(post=reported_late, reporter=reporters[1], reason="spam")

    response = moderator_client.get(QUEUE_URL)

    assert response.status_code == 200
    listed = [p.pk for p in response.context["cl"].result_list]
    queued = [held.pk, reported_twice.pk, reported_late.pk]
    assert [pk for pk in listed if pk in queued] == queued
    assert resolved.pk not in listed
    assert hidden.pk not in listed
    page = response.content.decode()
    rows = re.findall(r"<tr>.*?</tr>", page, flags=re.S)
    row = next(r for r in rows if reported_twice.body in r)
    assert "Unsafe medical advice" in row
    assert "Something else: Dangerous dose" in row
    assert '<td class="field-open_reports">2</td>' in row
    assert f'href="{reported_twice.get_absolute_url()}"' in row
    held_row = next(r for r in rows if held.body in r)
    assert "Held for review" in held_row
    assert f'href="{held.get_absolute_url()}"' in held_row


def test_review_queue_leaves_out_posts_that_are_neither_held_nor_reported(
    question, reply, other_member, moderator, moderator_client
):
    resolved = discussions.post_reply(
        parent=question.opening_post, author=other_member, body="Reported, then cleared."
    )
    services.report_post(post=resolved, reporter=moderator, reason="spam")
    services.resolve_reports(post=resolved, moderator=moderator)

    response = moderator_client.get(QUEUE_URL)

    assert list(response.context["cl"].result_list) == []


def test_review_queue_shows_the_reported_text_after_the_author_edits_it(
    reply, member, moderator_client
):
    reported = reply.body
    services.report_post(post=reply, reporter=member, reason="spam")
    discussions.edit_post(post=reply, editor=reply.author, body="Perfectly innocent text now.")

    page = moderator_client.get(QUEUE_URL).content.decode()

    assert reported in page


# The session, the moderator, their permissions (2), the paginator's two counts, the rows
# (with authors and threads joined), one prefetch of the open reports, and the queue's
# counts for the header (forum/moderation/context_processors.py, one aggregate).
QUEUE_QUERIES = 9


@pytest.mark.parametrize("n_posts", [2, 20])
def test_review_queue_query_count_does_not_grow_with_rows(
    n_posts, question, moderator_client, django_assert_num_queries
):
    """Guards against a query per row: reasons come from one prefetch, authors and threads
    from one join, whatever the number of queued posts."""
    authors = [UserFactory() for _ in range(3)]
    reporters = [UserFactory() for _ in range(2)]
    for i in range(n_posts):
        post = discussions.post_reply(
            parent=question.opening_post, author=authors[i % 3], body=f"Queued reply {i}."
        )
        if i % 2:
            discussions.set_post_status(post=post, status=Status.HELD, reason="New member")
        for reporter in reporters:
            services.report_post(post=post, reporter=reporter, reason="spam")
    moderator_client.get(QUEUE_URL)  # warm the session and content types

    with django_assert_num_queries(QUEUE_QUERIES):
        response = moderator_client.get(QUEUE_URL)

    listed = {p.pk for p in response.context["cl"].result_list}
    assert listed >= set(Post.objects.filter(depth=1).values_list("pk", flat=True))


def test_visitors_are_sent_to_log_in_from_the_review_queue(client, reply):
    response = client.get(QUEUE_URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))

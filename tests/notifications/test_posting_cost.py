"""Posting a reply costs the same whatever the number of people it concerns (issue 17).

The fan-out reads every recipient's preferences in one query, writes every notification in
one INSERT and queues one task for the emails due now, which the worker sends later.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from forum.accounts.models import User
from forum.discussions import services as discussions
from forum.notifications.models import Frequency, Kind, Notification
from forum.notifications.services import set_email_preference
from tests.factories import UserFactory

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Session and member; the post replied to and its thread's visibility. The posting
# transaction (savepoints here, BEGIN and COMMIT on the site): the author's row lock, the
# red-flag phrases (once, for the notice and the flag), the throttle and duplicates, the
# author's permissions (two), their approved posts (counted once for the sandbox, the spam
# screening and the newcomer limits), the insert, its path and two counters. After it
# commits: the author with their trust facts (one query); then the post with whether it was
# announced, the thread's followers, the author's follow, the preferences, the
# notifications; the thread's and the lists' page versions (one statement with the
# database cache); the one queued email task. Before the bulk fan-out: 56 with one
# follower (immediate email), 132 with twenty; before one query each for the phrases,
# trust and page versions: 42.
REPLY_QUERIES = 27


def _followers(question, n: int) -> list[User]:
    followers = UserFactory.create_batch(n)
    for follower in followers:
        discussions.follow(user=follower, thread=question)
    return followers


@pytest.mark.parametrize("n_followers", [1, 20])
def test_posting_a_reply_costs_the_same_for_1_or_20_followers(
    n_followers,
    question,
    other_member,
    settings,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    settings.TASKS = DATABASE_TASKS
    _followers(question, n_followers)
    client = Client()
    client.force_login(other_member)
    url = reverse("discussions:reply", args=[question.opening_post_id])

    with (
        django_assert_num_queries(REPLY_QUERIES),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(url, {"body": "A pillow between the knees helped me."})

    assert response.status_code == 302
    made = Notification.objects.filter(post__author=other_member)
    assert made.count() == n_followers + 1  # the asker and every follower
    [task] = DBTaskResult.objects.all()  # one task for every email due now, none sent yet
    assert task.task_path == "forum.notifications.tasks.send_notification_emails"
    asker = made.get(recipient=question.author)
    assert task.args_kwargs["args"] == [[asker.pk]]  # followers get a daily digest
    assert mail.outbox == []


def test_the_one_task_emails_each_member_as_they_chose(question, member, other_member, committed):
    """The bulk fan-out keeps every rule of one-by-one notifying: a muted thread, an
    inactive account, no email to a suspended member or an unverified address or to one
    who chose none or a digest, nothing for the author, the anonymous author masked."""
    now, daily, off, muted, gone, suspended, unverified = _followers(question, 7)
    set_email_preference(user=now, kind=Kind.FOLLOWED_THREAD, frequency=Frequency.IMMEDIATELY)
    set_email_preference(user=daily, kind=Kind.FOLLOWED_THREAD, frequency=Frequency.DAILY)
    set_email_preference(user=off, kind=Kind.FOLLOWED_THREAD, frequency=Frequency.OFF)
    for chooser in (suspended, unverified):
        set_email_preference(
            user=chooser, kind=Kind.FOLLOWED_THREAD, frequency=Frequency.IMMEDIATELY
        )
    discussions.unfollow(user=muted, thread=question)
    User.objects.filter(pk=gone.pk).update(is_active=False)
    User.objects.filter(pk=suspended.pk).update(suspended_until=timezone.now() + timedelta(days=3))
    unverified.emailaddress_set.update(verified=False)
    discussions.follow(user=other_member, thread=question)  # the author follows too
    mail.outbox.clear()

    reply = committed(
        discussions.post_reply,
        parent=question.opening_post,
        author=other_member,
        body="A pillow between the knees helped me.",
        screen=False,
        anonymous=True,
    )

    notified = {n.recipient_id: n for n in Notification.objects.filter(post=reply)}
    assert set(notified) == {member.pk, now.pk, daily.pk, off.pk, suspended.pk, unverified.pk}
    assert all(n.actor_id is None for n in notified.values())  # anonymous: no actor stored
    assert notified[member.pk].kind == Kind.REPLY_TO_QUESTION
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, now.email])
    assert all("Anonymous member" in m.subject for m in mail.outbox)
    assert other_member.username not in " ".join(m.body for m in mail.outbox)
    # No email ever for these: chosen off, or given up when the task found it cannot email.
    abandoned = {pk for pk, n in notified.items() if n.email_abandoned}
    assert abandoned == {off.pk, suspended.pk, unverified.pk}

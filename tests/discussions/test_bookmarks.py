"""Bookmarks: saving a reply or a thread with an optional reminder, the page that lists
them, and the reminders that ``send_reminders`` delivers as notifications."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from forum.discussions import services
from forum.discussions.models import Bookmark
from forum.moderation import services as moderation
from forum.notifications.models import Kind, Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("discussions:bookmarks")
TODAY = date(2026, 12, 1)

# The bookmarks page: session, user, the header's unread count, the paginator's count
# and one page of bookmarks with their posts, threads and authors; the same for 1 or 30.
BOOKMARKS_QUERIES = 5


def bookmark_url(post) -> str:
    return reverse("discussions:bookmark", args=[post.pk])


@pytest.fixture
def reply(question, other_member):
    return services.post_reply(parent=question.opening_post, author=other_member, body="Ice.")


# Saving


def test_member_saves_a_reply_with_a_reminder_and_finds_it_on_the_page(reply, member, login_as):
    client = login_as("member")
    when = timezone.localdate() + timedelta(days=7)

    response = client.post(bookmark_url(reply), {"remind_on": when.isoformat()})

    assert response.status_code == 302
    assert Bookmark.objects.get(user=member, post=reply).remind_on == when
    page = client.get(LIST_URL).content.decode()
    assert "bob\u2019s reply in \u201cOuter hip pain when lying on my side\u201d" in page
    assert f'datetime="{when.isoformat()}"' in page


def test_saving_a_thread_saves_its_opening_post_without_a_reminder(question, member, login_as):
    login_as("member").post(bookmark_url(question.opening_post), {"remind_on": ""})

    bookmark = Bookmark.objects.get(user=member)
    assert bookmark.post == question.opening_post and bookmark.remind_on is None


def test_saving_again_changes_only_the_reminder(reply, member):
    first = services.save_bookmark(user=member, post=reply, remind_on=None, today=TODAY)
    second = services.save_bookmark(
        user=member, post=reply, remind_on=TODAY + timedelta(days=1), today=TODAY
    )

    assert first.pk == second.pk
    assert Bookmark.objects.get().remind_on == TODAY + timedelta(days=1)


@pytest.mark.parametrize(
    ("value", "error"),
    [("2001-01-01", "from today on"), ("next tuesday", "Enter a date such as")],
)
def test_a_bad_reminder_date_is_refused_and_kept(reply, login_as, value, error):
    response = login_as("member").post(bookmark_url(reply), {"remind_on": value})

    assert response.status_code == 400
    html = response.content.decode()
    assert error in html
    assert f'value="{value}"' in html
    assert not Bookmark.objects.exists()


def test_removing_a_bookmark_from_the_list(reply, member, login_as):
    services.save_bookmark(user=member, post=reply, remind_on=None, today=TODAY)

    response = login_as("member").post(bookmark_url(reply), {"remove": "1", "next": "list"})

    assert response.url == LIST_URL
    assert not Bookmark.objects.exists()


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("third_member", 404)])
def test_a_post_one_cannot_see_cannot_be_bookmarked(reply, moderator, login_as, role, status):
    moderation.hide_post(post=reply, moderator=moderator, reason="Off topic.")

    response = login_as(role).post(bookmark_url(reply), {"remind_on": ""})

    assert response.status_code == status
    assert not Bookmark.objects.exists()


def test_the_list_shows_only_my_bookmarks_of_posts_i_can_still_see(
    reply, question, member, third_member, moderator, login_as
):
    services.save_bookmark(user=member, post=reply, remind_on=None, today=TODAY)
    services.save_bookmark(user=member, post=question.opening_post, remind_on=None, today=TODAY)
    services.save_bookmark(user=third_member, post=reply, remind_on=None, today=TODAY)
    moderation.hide_post(post=reply, moderator=moderator, reason="Off topic.")

    listed = list(login_as("member").get(LIST_URL).context["page"].object_list)

    assert [b.post for b in listed] == [question.opening_post]


def test_thread_page_offers_bookmark_links_to_members_only(reply, question, login_as):
    url = question.get_absolute_url()

    assert bookmark_url(reply) not in login_as("anonymous").get(url).content.decode()
    html = login_as("third_member").get(url).content.decode()
    assert bookmark_url(reply) in html and bookmark_url(question.opening_post) in html


@pytest.mark.parametrize("n", [1, 30])
def test_bookmarks_page_query_count_is_fixed(
    n, question, member, login_as, django_assert_num_queries
):
    authors = [UserFactory() for _ in range(3)]
    for i in range(n):
        post = services.post_reply(
            parent=question.opening_post, author=authors[i % 3], body=f"Tip {i}."
        )
        services.save_bookmark(user=member, post=post, remind_on=None, today=TODAY)
    client = login_as("member")

    with django_assert_num_queries(BOOKMARKS_QUERIES):
        response = client.get(LIST_URL)
    assert len(response.context["page"].object_list) == n


# Reminders


def run_reminders() -> str:
    out = StringIO()
    call_command("send_reminders", stdout=out)
    return out.getvalue()


def test_a_due_reminder_becomes_one_notification_once(reply, member):
    today = timezone.localdate()
    services.save_bookmark(user=member, post=reply, remind_on=today, today=today)
    later = services.save_bookmark(
        user=member,
        post=reply.thread.opening_post,
        remind_on=today + timedelta(days=3),
        today=today,
    )

    assert "Bookmark reminders sent: 1." in run_reminders()
    assert "Bookmark reminders sent: 0." in run_reminders()

    (notification,) = Notification.objects.filter(recipient=member, kind=Kind.BOOKMARK_REMINDER)
    assert notification.post == reply
    assert notification.text.startswith("Your bookmark reminder: a reply in")
    later.refresh_from_db()
    assert later.reminded_at is None


def test_no_reminder_about_a_post_that_was_hidden_since(reply, member, moderator):
    today = timezone.localdate()
    services.save_bookmark(user=member, post=reply, remind_on=today, today=today)
    moderation.hide_post(post=reply, moderator=moderator, reason="Off topic.")

    assert "Bookmark reminders sent: 0." in run_reminders()
    assert Bookmark.objects.get().reminded_at is not None


def test_a_new_date_reminds_again(reply, member):
    today = timezone.localdate()
    services.save_bookmark(user=member, post=reply, remind_on=today, today=today)
    run_reminders()
    services.save_bookmark(user=member, post=reply, remind_on=today + timedelta(1), today=today)

    bookmark = Bookmark.objects.get()
    assert bookmark.reminded_at is None

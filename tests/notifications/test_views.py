"""The notifications page, opening a notification, "mark all read", following, the header
count, and the query counts that keep them cheap."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from forum.discussions import services as discussions
from forum.discussions.models import Follow
from forum.notifications import services
from forum.notifications.models import Kind, Notification
from tests.notifications.helpers import inbox, unread_count

pytestmark = pytest.mark.django_db

LIST_URL = reverse("notifications:list")
MARK_ALL_URL = reverse("notifications:mark_all_read")
FOLLOW_URL = reverse("discussions:follow")

# The home page for a member: the waiting count, session, user, latest questions,
# unanswered ones, articles, the conditions of all three lists at once, the conditions with
# their children (one query). The header adds one COUNT of the unread notifications, however many
# there are.
HOME_MEMBER_QUERIES = 9
# The notifications page: session, user, the header's unread count, the count of items
# for the paginator, one page of items (grouped) and their newest notifications with
# actors and threads; the same for 1 or 30 notifications.
LIST_QUERIES = 6


def open_url(notification) -> str:
    return reverse("notifications:open", args=[notification.pk])


def pile_up(user, n, *, question=None):
    """``n`` unread notifications for ``user``, one second apart, oldest first."""
    start = timezone.now() - timedelta(minutes=10)
    made = []
    for i in range(n):
        with time_machine.travel(start + timedelta(seconds=i), tick=False):
            made.append(services.notify(recipient=user, kind=Kind.MENTION, thread=question))
    return made


@pytest.fixture
def replies(question, other_member, third_member, committed):
    """bob's reply to alice's question, then carol's reply to bob's: two notifications
    of different kinds for alice (a reply to her question, a reply in a thread she
    follows), so two items in her inbox; one for bob (a reply to his reply)."""
    bobs = committed(
        discussions.post_reply, parent=question.opening_post, author=other_member, body="Ice."
    )
    carols = committed(
        discussions.post_reply, parent=bobs, author=third_member, body="Heat helped me."
    )
    return [bobs, carols]


# The list


def test_notifications_page_lists_newest_first(replies, member, login_as):
    response = login_as("member").get(LIST_URL)

    assert response.status_code == 200
    listed = response.context["notifications"]
    assert [n.post for n in listed] == [replies[1], replies[0]]
    html = response.content.decode()
    assert html.index("carol replied") < html.index("bob replied")
    assert html.count("Unread: ") == 2


def test_notifications_page_lists_only_my_notifications(replies, login_as):
    response = login_as("third_member").get(LIST_URL)

    assert response.context["notifications"] == []
    assert b"Nothing yet." in response.content


def test_notifications_page_needs_a_login(client):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("n", [1, 30])
def test_notifications_page_query_count_does_not_grow(
    n, member, question, login_as, django_assert_num_queries
):
    pile_up(member, n, question=question)
    client = login_as("member")

    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(LIST_URL).status_code == 200


# Opening one


def test_opening_a_notification_marks_it_read_and_goes_to_the_reply(replies, member, login_as):
    client = login_as("member")
    newest = inbox(member)[0]
    assert unread_count(member) == 2

    response = client.get(open_url(newest))

    assert response.status_code == 302
    assert response.url == f"/r/{replies[1].pk}/"
    newest.refresh_from_db()
    assert newest.read_at is not None
    assert unread_count(member) == 1
    landing = client.get(response.url)
    assert landing.status_code == 302
    assert landing.url.endswith(f"#r-{replies[1].pk}")


def test_opening_a_read_notification_again_keeps_the_count(replies, member, login_as):
    client = login_as("member")
    newest = inbox(member)[0]
    client.get(open_url(newest))

    assert client.get(open_url(newest)).status_code == 302

    assert unread_count(member) == 1


@pytest.mark.parametrize("role", ["other_member", "moderator"])
def test_nobody_else_can_open_my_notification(role, replies, member, login_as):
    notification = inbox(member)[0]

    assert login_as(role).get(open_url(notification)).status_code == 404

    notification.refresh_from_db()
    assert notification.read_at is None
    assert unread_count(member) == 2


def test_opening_a_notification_needs_a_login(replies, member, client):
    response = client.get(open_url(inbox(member)[0]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_opening_a_notification_without_a_post_goes_to_its_thread(question, member, login_as):
    [notification] = pile_up(member, 1, question=question)

    response = login_as("member").get(open_url(notification))

    assert response.url == question.get_absolute_url()


# Mark all read


def test_mark_all_read_zeroes_the_count(replies, member, login_as):
    client = login_as("member")

    response = client.post(MARK_ALL_URL, follow=True)

    assert response.redirect_chain == [(LIST_URL, 302)]
    assert b"Marked 2 notifications as read." in response.content
    assert unread_count(member) == 0
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()
    assert b"count-badge" not in response.content


def test_mark_all_read_leaves_other_members_alone(replies, member, other_member, login_as):
    bobs = unread_count(other_member)  # carol's reply to his reply
    assert bobs == 1

    login_as("member").post(MARK_ALL_URL)

    assert unread_count(other_member) == bobs
    assert Notification.objects.get(recipient=other_member).read_at is None


def test_mark_all_read_is_post_only(replies, member, login_as):
    assert login_as("member").get(MARK_ALL_URL).status_code == 405
    assert unread_count(member) == 2


def test_mark_all_read_needs_a_login(client):
    response = client.post(MARK_ALL_URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


# The header


def test_header_shows_the_unread_count(replies, login_as):
    response = login_as("member").get("/")

    # Visually hidden text, not aria-label on a plain span (which screen readers may skip).
    badge = b'<span class="count-badge">2<span class="visually-hidden"> unread</span></span>'
    assert badge in response.content
    assert b"aria-label" not in response.content.split(b"count-badge", 1)[1][:80]


def test_header_shows_no_badge_with_nothing_unread(login_as):
    response = login_as("member").get("/")

    assert b"Notifications" in response.content
    assert b"count-badge" not in response.content


@pytest.mark.parametrize("unread", [0, 1, 30])
def test_home_page_query_count_does_not_depend_on_unread_notifications(
    unread, member, question, article, login_as, django_assert_num_queries
):
    pile_up(member, unread, question=question)
    client = login_as("member")

    with django_assert_num_queries(HOME_MEMBER_QUERIES):
        response = client.get("/")

    assert response.status_code == 200
    assert (b"count-badge" in response.content) == bool(unread)


# Following


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("other_member", 302), ("member", 302)]
)
def test_follow_permission_matrix(role, status, question, login_as, request):
    response = login_as(role).post(FOLLOW_URL, {"thread": question.pk})

    assert response.status_code == status
    if role == "anonymous":
        assert response.url.startswith(reverse("account_login"))
        assert not Follow.objects.exclude(user=question.author).exists()
    else:
        user = request.getfixturevalue(role)
        assert Follow.objects.filter(user=user, thread=question, muted=False).exists()


def test_follow_is_post_only(question, login_as):
    assert login_as("other_member").get(FOLLOW_URL).status_code == 405


def test_follow_returns_to_a_safe_next_url_only(question, login_as):
    client = login_as("other_member")

    evil = client.post(FOLLOW_URL, {"thread": question.pk, "next": "https://evil.example/"})
    local = client.post(FOLLOW_URL, {"thread": question.pk, "next": "/questions/"})

    assert evil.url == question.get_absolute_url()
    assert local.url == "/questions/"


def test_cannot_follow_a_thread_i_cannot_see(question, member, moderator, committed, login_as):
    from forum.moderation import services as moderation

    committed(moderation.hide_post, post=question.opening_post, moderator=moderator, reason="x")

    assert login_as("other_member").post(FOLLOW_URL, {"thread": question.pk}).status_code == 404


def test_settings_page_lists_what_i_follow_and_unfollows(question, condition, login_as):
    client = login_as("member")
    client.post(FOLLOW_URL, {"condition": condition.slug})

    page = client.get(reverse("notifications:settings"))

    follows = list(page.context["follows"])
    assert {(f.thread, f.condition) for f in follows} == {(question, None), (None, condition)}
    client.post(FOLLOW_URL, {"condition": condition.slug, "action": "unfollow"})
    page = client.get(reverse("notifications:settings"))
    assert [f.thread for f in page.context["follows"]] == [question]

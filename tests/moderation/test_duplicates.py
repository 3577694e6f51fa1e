"""Closing a question as a duplicate of another and merging two threads: the replies
move with their branches, both pages link to each other, the log has one row each, and
the site and the admin call the same services."""

import pytest
from django.urls import reverse

from forum.discussions import services as discussions
from forum.discussions.models import Bookmark, Follow, Post, Status, Thread
from forum.moderation import services
from forum.moderation.models import LogEntry
from tests.factories import make_question
from tests.moderation.helpers import THREADS_URL, run_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def original(member, condition):
    return make_question(
        author=member, conditions=[condition], title="Pain on the outer hip at night"
    )


@pytest.fixture
def duplicate(third_member, condition, other_member, fourth_member):
    """carol's question with bob's reply and dave's answer to it, a branch of two."""
    thread = make_question(
        author=third_member, conditions=[condition], title="Outer hip hurts when I lie on it"
    )
    bobs = discussions.post_reply(parent=thread.opening_post, author=other_member, body="Ice.")
    discussions.post_reply(parent=bobs, author=fourth_member, body="Ice helped me too.")
    discussions.mark_helpful(post=bobs, user=fourth_member)
    return thread


def duplicate_url(thread) -> str:
    return reverse("moderation:close_duplicate", args=[thread.pk])


def assert_tree_sound(thread: Thread) -> None:
    thread.refresh_from_db()
    posts = Post.objects.filter(thread=thread)
    replies = posts.filter(depth__gt=0)
    assert thread.reply_count == replies.filter(status=Status.VISIBLE).count()
    for post in replies.select_related("parent"):
        assert post.parent.thread_id == thread.pk
        assert post.path.startswith(post.parent.path) and post.depth == post.parent.depth + 1


def test_closing_moves_the_replies_with_their_branches(original, duplicate, moderator):
    moved_ids = set(Post.objects.filter(thread=duplicate, depth__gt=0).values_list("pk", flat=True))

    services.close_as_duplicate(thread=duplicate, original=original, moderator=moderator)

    assert set(Post.objects.filter(thread=original, depth__gt=0).values_list("pk", flat=True)) == (
        moved_ids
    )
    assert_tree_sound(original)
    assert_tree_sound(duplicate)
    duplicate.refresh_from_db()
    original.refresh_from_db()
    assert duplicate.duplicate_of == original and duplicate.is_locked
    assert (duplicate.reply_count, original.reply_count) == (0, 2)
    assert (duplicate.helpful_count, original.helpful_count) == (0, 1)
    assert original.duplicate_count == 1
    entry = LogEntry.objects.get()
    assert entry.action == LogEntry.Action.CLOSE_DUPLICATE
    assert entry.target_id == duplicate.pk and entry.after["replies_moved"] == 2


def test_both_pages_link_to_each_other_and_the_original_shows_the_replies(
    original, duplicate, moderator, client
):
    services.close_as_duplicate(thread=duplicate, original=original, moderator=moderator)

    dup_page = client.get(duplicate.get_absolute_url()).content.decode()
    assert "Closed as a duplicate of" in dup_page and original.get_absolute_url() in dup_page
    page = client.get(original.get_absolute_url()).content.decode()
    assert "Also asked as" in page and duplicate.get_absolute_url() in page
    assert "Ice helped me too." in page


def test_closing_into_a_duplicate_closes_into_its_original(
    original, duplicate, member, condition, moderator
):
    services.close_as_duplicate(thread=duplicate, original=original, moderator=moderator)
    third = make_question(author=member, conditions=[condition], title="Side-lying hip ache again")

    result = services.close_as_duplicate(thread=third, original=duplicate, moderator=moderator)

    assert result == original
    third.refresh_from_db()
    assert third.duplicate_of == original


@pytest.mark.parametrize("case", ["itself", "article", "hidden", "twice"])
def test_refused_closes_change_nothing(original, duplicate, moderator, editor, condition, case):
    from tests.factories import make_article

    target = original
    if case == "itself":
        target = duplicate
    elif case == "article":
        target = make_article(author=editor, conditions=[condition])
    elif case == "hidden":
        services.hide_post(post=original.opening_post, moderator=moderator, reason="Spam.")
    elif case == "twice":
        services.close_as_duplicate(thread=duplicate, original=original, moderator=moderator)
    log_rows = LogEntry.objects.count()

    with pytest.raises(services.DuplicateRefused):
        services.close_as_duplicate(thread=duplicate, original=target, moderator=moderator)

    assert LogEntry.objects.count() == log_rows


def test_merge_also_moves_followers_and_bookmarks(
    original, duplicate, moderator, other_member, fourth_member
):
    discussions.follow(user=other_member, thread=duplicate)
    discussions.save_bookmark(
        user=fourth_member,
        post=duplicate.opening_post,
        remind_on=None,
        today=original.created_at.date(),
    )

    services.merge_threads(source=duplicate, target=original, moderator=moderator)

    assert Follow.objects.following(other_member, thread=original)
    assert Bookmark.objects.get(user=fourth_member).post == original.opening_post
    assert LogEntry.objects.get().action == LogEntry.Action.MERGE
    assert_tree_sound(original)


# The site's form


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("member", 403)])
def test_only_moderators_can_close(original, duplicate, login_as, role, status):
    response = login_as(role).post(duplicate_url(duplicate), {"original": str(original.pk)})

    assert response.status_code == status
    duplicate.refresh_from_db()
    assert duplicate.duplicate_of is None


def test_moderator_closes_by_the_original_address(original, duplicate, moderator_client):
    address = "https://medius.example" + original.get_absolute_url()

    response = moderator_client.post(duplicate_url(duplicate), {"original": address})

    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.duplicate_of_id == original.pk


@pytest.mark.parametrize(
    ("value", "error"),
    [("not a question", "address or its number"), ("999999", "no question with that number")],
)
def test_a_bad_original_keeps_what_was_typed(duplicate, moderator_client, value, error):
    response = moderator_client.post(duplicate_url(duplicate), {"original": value})

    assert response.status_code == 400
    html = response.content.decode()
    assert error in html and value in html


def test_thread_page_offers_the_close_link_to_moderators_only(duplicate, login_as):
    url = duplicate.get_absolute_url()

    assert duplicate_url(duplicate) in login_as("moderator").get(url).content.decode()
    assert duplicate_url(duplicate) not in login_as("member").get(url).content.decode()


# The admin


def test_admin_action_closes_as_duplicate(original, duplicate, moderator_client):
    response = run_action(
        moderator_client, THREADS_URL, "close_duplicate", [duplicate], apply=True,
        original=str(original.pk), reason="Same question.",
    )  # fmt: skip

    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.duplicate_of == original
    assert LogEntry.objects.get().reason == "Same question."


def test_admin_merge_action_asks_for_the_original_first(duplicate, moderator_client):
    response = run_action(moderator_client, THREADS_URL, "merge", [duplicate])

    assert response.status_code == 200
    assert b"The original question" in response.content

"""The posting pages under the thresholds production runs with (issue 12).

tests/conftest.py relaxes the sandbox, the throttle and the link limit for every other
test; here ``production_posting_rules`` puts back exactly what forum/settings.py sets,
and asking, replying and editing are tried through their pages as a new member would.
Nothing below hard-codes a threshold: each test reads it from the settings.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from forum.discussions import services
from forum.discussions.models import Post, Status, Thread
from forum.moderation import services as moderation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_posting_rules")]


@pytest.fixture
def thread(third_member, condition):
    return services.ask_question(
        author=third_member,
        title="Pain on the outside of the hip when climbing stairs",
        body="Stairs make it worse. Any tips?",
        conditions=[condition],
        screen=False,
    )


@pytest.fixture
def own_visible_reply(member, thread):
    """alice's reply from an hour ago, visible (made without the rules)."""
    return services.post_reply(
        parent=thread.opening_post,
        author=member,
        body="Ice helped me.",
        created_at=timezone.now() - timedelta(hours=1),
        screen=False,
    )


def links(n: int) -> str:
    return " ".join(f"[page {i}](https://example.com/{i})" for i in range(n))


def submit(via, client, *, body, thread, condition, post=None, title=None, **extra):
    if via == "ask":
        data = {"title": title or "Clicking hip when I stand up", "body": body,
                "conditions": [condition.pk]}  # fmt: skip
        return client.post(reverse("discussions:ask"), data | extra)
    if via == "reply":
        parent = thread.opening_post
        return client.post(reverse("discussions:reply", args=[parent.pk]), {"body": body} | extra)
    return client.post(reverse("discussions:edit", args=[post.pk]), {"body": body} | extra)


def test_the_production_thresholds_are_not_the_relaxed_ones():
    assert settings.MEDIUS_NEWCOMER_HELD_POSTS >= 1
    assert settings.MEDIUS_POST_MIN_INTERVAL_SECONDS >= 1
    assert settings.MEDIUS_NEWCOMER_MAX_LINKS < 100
    assert settings.MEDIUS_DUPLICATE_WINDOW_MINUTES >= 1


@pytest.mark.parametrize("via", ["ask", "reply", "edit"])
def test_a_new_members_posts_and_edits_are_held(
    via, member, member_client, thread, condition, own_visible_reply, clock
):
    response = submit(
        via, member_client, body="My own words about my hip.", thread=thread,
        condition=condition, post=own_visible_reply,
    )  # fmt: skip

    assert response.status_code == 302
    if via == "ask":
        post = Thread.objects.get(author=member).opening_post
    elif via == "reply":
        post = Post.objects.filter(author=member).latest("pk")
    else:
        post = Post.objects.get(pk=own_visible_reply.pk)
    assert post.status == Status.HELD
    page = member_client.get(response.url, follow=True).content.decode()
    assert "Awaiting review" in page or "edits included" in page


def test_the_sandbox_opens_after_the_approvals_the_settings_name(
    member, member_client, thread, condition, moderator, clock
):
    for i in range(settings.MEDIUS_NEWCOMER_HELD_POSTS):
        submit("reply", member_client, body=f"Reply {i}.", thread=thread, condition=condition)
        clock.shift(settings.MEDIUS_POST_MIN_INTERVAL_SECONDS + 1)
    held = list(Post.objects.filter(author=member))
    assert {p.status for p in held} == {Status.HELD}

    for post in held:
        moderation.approve_post(post=post, moderator=moderator)
    submit("reply", member_client, body="Now I am trusted.", thread=thread, condition=condition)

    assert Post.objects.filter(author=member).latest("pk").status == Status.VISIBLE


@pytest.mark.parametrize("via", ["ask", "reply"])
def test_a_second_post_too_soon_gets_the_throttle_message_and_keeps_the_text(
    via, member_client, thread, condition, clock
):
    submit(via, member_client, body="First thought.", thread=thread, condition=condition,
           title="My first question here")  # fmt: skip
    clock.shift(1)

    response = submit(via, member_client, body="Second thought.", thread=thread,
                      condition=condition, title="My second question here")  # fmt: skip

    wait = settings.MEDIUS_POST_MIN_INTERVAL_SECONDS
    assert response.status_code == 200
    assert f"Please wait {wait} seconds before posting again." in response.content.decode()
    assert response.context["form"]["body"].value() == "Second thought."


def test_an_edit_right_after_posting_is_not_throttled(
    member, member_client, thread, condition, clock
):
    submit("reply", member_client, body="A reply with a tpyo.", thread=thread, condition=condition)
    post = Post.objects.get(author=member)

    response = submit("edit", member_client, body="A reply with a typo fixed.", thread=thread,
                      condition=condition, post=post)  # fmt: skip

    assert response.status_code == 302
    assert Post.objects.get(pk=post.pk).body == "A reply with a typo fixed."


@pytest.mark.parametrize("via", ["ask", "reply", "edit"])
def test_a_new_member_gets_the_link_limit_on_every_path(
    via, member_client, thread, condition, own_visible_reply, clock
):
    limit = settings.MEDIUS_NEWCOMER_MAX_LINKS
    body = links(limit + 1)

    response = submit(via, member_client, body=body, thread=thread, condition=condition,
                      post=own_visible_reply)  # fmt: skip

    assert response.status_code == 200
    page = response.content.decode()
    assert f"New members can include at most {limit} links in a post." in page
    assert response.context["form"]["body"].value() == body

    clock.shift(settings.MEDIUS_POST_MIN_INTERVAL_SECONDS + 1)
    allowed = submit(via, member_client, body=links(limit), thread=thread, condition=condition,
                     post=own_visible_reply)  # fmt: skip
    assert allowed.status_code == 302


@pytest.mark.parametrize("via", ["ask", "reply"])
def test_the_same_text_in_the_same_place_within_the_window_leads_to_the_first(
    via, member, member_client, thread, condition, clock
):
    text = "Clamshells with a band, three sets a day."
    first = submit(via, member_client, body=text, thread=thread, condition=condition)
    clock.shift(timedelta(minutes=settings.MEDIUS_DUPLICATE_WINDOW_MINUTES) - timedelta(seconds=1))

    again = submit(via, member_client, body=text, thread=thread, condition=condition)

    original = Post.objects.get(author=member)
    assert again.status_code == 302
    assert again.url == original.get_absolute_url()
    landed = member_client.get(again.url, follow=True)
    assert "You had already posted this; here it is." in landed.content.decode()
    assert first.status_code == 302

    clock.shift(timedelta(seconds=2))
    after_window = submit(via, member_client, body=text, thread=thread, condition=condition)
    assert after_window.status_code == 302
    assert Post.objects.filter(author=member).count() == 2


def test_an_edit_to_the_text_of_another_post_is_saved(
    member, member_client, thread, condition, own_visible_reply, clock
):
    submit("reply", member_client, body="Same words here.", thread=thread, condition=condition)

    response = submit("edit", member_client, body="Same words here.", thread=thread,
                      condition=condition, post=own_visible_reply)  # fmt: skip

    assert response.status_code == 302
    assert Post.objects.get(pk=own_visible_reply.pk).body == "Same words here."

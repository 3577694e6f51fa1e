"""Posting rules, with the real thresholds and a controllable clock: the newcomer sandbox
(held first posts, link and hourly limits), the throttle, duplicates and double clicks,
and the urgent-care notice for red-flag phrases."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forum.discussions import policy, services
from forum.discussions.models import Post, RedFlagPhrase, Status, Thread
from forum.moderation import services as moderation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

THREE_LINKS = (
    "These helped me: [one](https://example.com/1), [two](https://example.com/2) "
    "and [three](https://example.com/3)."
)
TWO_LINKS = "These helped me: [one](https://example.com/1) and [two](https://example.com/2)."


@pytest.fixture(autouse=True)
def _real_posting_rules(production_posting_rules):
    """The thresholds forum/settings.py ships with (tests/conftest.py relaxes them); the
    tests below spell them out in their messages and counts."""
    assert list(production_posting_rules.values()) == [2, 3, 3, 2, 5, 10, 10]


@pytest.fixture
def thread(third_member, condition):
    """carol's question, open for replies (made without the posting rules)."""
    return services.ask_question(
        author=third_member,
        title="Pain on the outside of the hip when climbing stairs",
        body="Stairs make it worse. Any tips?",
        conditions=[condition],
        screen=False,
    )


@pytest.fixture
def other_thread(third_member, condition):
    return services.ask_question(
        author=third_member,
        title="Sitting on hard chairs makes my buttock ache",
        body="Hard chairs are the worst. What cushion do you use?",
        conditions=[condition],
        screen=False,
    )


def established(username="dora"):
    """Joined four days ago, with three visible posts from yesterday."""
    now = timezone.now()
    user = UserFactory(username=username, date_joined=now - timedelta(days=4))
    parent = services.ask_question(
        author=UserFactory(),
        title="Anyone else with hip pain?",
        body="Say hello.",
        conditions=[],
        screen=False,
    ).opening_post
    for i in range(3):
        services.post_reply(
            parent=parent,
            author=user,
            body=f"Hello number {i}.",
            created_at=now - timedelta(days=1),
            screen=False,
        )
    return user


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def reply(client, parent, body, **extra):
    return client.post(reverse("discussions:reply", args=[parent.pk]), {"body": body, **extra})


def ask(client, condition, body, title="Clicking hip when I stand up from a chair", **extra):
    data = {"title": title, "body": body, "conditions": [condition.pk], **extra}
    return client.post(reverse("discussions:ask"), data)


def page_text(response) -> str:
    return response.content.decode()


def assert_refused_keeping_the_text(response, message, body):
    assert response.status_code == 200
    assert message in page_text(response)
    assert response.context["form"]["body"].value() == body


# The newcomer sandbox


def test_newcomers_posts_stay_held_until_moderators_have_approved_two(
    member, member_client, thread, condition, clock, login_as, moderator
):
    first = ask(member_client, condition, "My first question, about clicking.")
    question = Thread.objects.get(author=member)
    assert first.url == question.get_absolute_url()
    assert question.status == Status.HELD
    shown = member_client.get(first.url)
    assert "Awaiting review" in page_text(shown)
    assert "A moderator checks new members" in page_text(shown)

    # Held posts are not a way out of the sandbox: all three wait.
    clock.shift(11)
    second = reply(member_client, thread.opening_post, "My first reply: stairs hurt me too.")
    clock.shift(11)
    third = reply(member_client, thread.opening_post, "My second reply: try one step at a time.")
    first_reply, second_reply = Post.objects.filter(author=member, depth=1).order_by("pk")
    assert (first_reply.status, second_reply.status) == (Status.HELD, Status.HELD)
    assert second.url == first_reply.get_absolute_url()
    assert third.url == second_reply.get_absolute_url()
    as_author = page_text(member_client.get(thread.get_absolute_url()))
    assert "My first reply" in as_author
    assert "Awaiting review" in as_author
    as_other = page_text(login_as("other_member").get(thread.get_absolute_url()))
    assert "My first reply" not in as_other
    assert "My second reply" not in as_other
    assert login_as("other_member").get(question.get_absolute_url()).status_code == 404

    # One approval is not enough; the second opens the sandbox.
    moderation.approve_post(post=first_reply, moderator=moderator)
    clock.shift(11)
    reply(member_client, thread.opening_post, "My third reply, still checked.")
    assert Post.objects.filter(author=member).latest("pk").status == Status.HELD
    moderation.approve_post(post=second_reply, moderator=moderator)
    clock.shift(11)
    reply(member_client, thread.opening_post, "My fourth reply, out of the sandbox.")
    assert Post.objects.filter(author=member).latest("pk").status == Status.VISIBLE
    as_other = page_text(login_as("other_member").get(thread.get_absolute_url()))
    assert "My fourth reply" in as_other


def test_hidden_posts_do_not_count_as_approved(member, member_client, thread, clock, moderator):
    for i in range(2):
        reply(member_client, thread.opening_post, f"Held reply {i}.")
        clock.shift(11)
    for post in Post.objects.filter(author=member):
        moderation.hide_post(post=post, moderator=moderator, reason="Advertising")

    reply(member_client, thread.opening_post, "A third reply.")

    assert Post.objects.filter(author=member).latest("pk").status == Status.HELD


def test_deleted_posts_do_not_use_up_the_held_posts(member, member_client, thread, clock):
    reply(member_client, thread.opening_post, "A first reply I will withdraw.")
    services.delete_post(post=Post.objects.get(author=member), actor=member)
    clock.shift(11)
    reply(member_client, thread.opening_post, "A second try.")
    clock.shift(11)
    reply(member_client, thread.opening_post, "A third try.")

    statuses = list(Post.objects.filter(author=member).order_by("pk").values_list("status"))
    assert statuses == [(Status.DELETED,), (Status.HELD,), (Status.HELD,)]
    assert not policy.is_established(member)


@pytest.mark.parametrize("via", ["ask", "reply"])
def test_newcomer_may_include_two_links_but_not_three(
    via, member, member_client, thread, condition, clock
):
    def post(body, title):
        if via == "ask":
            return ask(member_client, condition, body, title=title)
        return reply(member_client, thread.opening_post, body)

    assert post(TWO_LINKS, "Exercises that helped my hip").status_code == 302
    clock.shift(11)
    response = post(THREE_LINKS, "More exercises that helped my hip")

    assert_refused_keeping_the_text(
        response, "New members can include at most 2 links in a post.", THREE_LINKS
    )
    assert "Remove some links" in page_text(response)
    assert Post.objects.filter(author=member).count() == 1


def test_newcomer_may_post_five_times_an_hour(member, member_client, thread, clock):
    for i in range(5):
        response = reply(member_client, thread.opening_post, f"Reply number {i} this hour.")
        assert response.status_code == 302, i
        clock.shift(11)

    sixth = "Reply number 5 this hour."
    response = reply(member_client, thread.opening_post, sixth)

    assert_refused_keeping_the_text(response, "New members can post 5 times an hour.", sixth)
    assert Post.objects.filter(author=member).count() == 5

    clock.shift(timedelta(hours=1) - timedelta(seconds=5 * 11) + timedelta(seconds=1))
    assert reply(member_client, thread.opening_post, sixth).status_code == 302
    assert Post.objects.filter(author=member).count() == 6


@pytest.mark.parametrize(
    ("joined_days_ago", "visible", "held", "expected"),
    [
        pytest.param(3 - 1 / 86400, 3, 0, False, id="a-second-short-of-3-days"),
        pytest.param(3, 3, 0, True, id="exactly-3-days-with-3-posts"),
        pytest.param(4, 2, 0, False, id="4-days-with-2-posts"),
        pytest.param(4, 2, 1, False, id="4-days-with-2-visible-and-1-held"),
        pytest.param(30, 3, 0, True, id="a-month-with-3-posts"),
    ],
)
def test_who_is_established(joined_days_ago, visible, held, expected, thread, clock):
    now = timezone.now()
    user = UserFactory(date_joined=now - timedelta(days=joined_days_ago))
    for i in range(visible + held):
        post = services.post_reply(
            parent=thread.opening_post, author=user, body=f"Post {i}.", screen=False
        )
        if i >= visible:
            services.set_post_status(post=post, status=Status.HELD, reason="New member")

    assert policy.is_established(user) is expected


def test_established_member_has_none_of_the_newcomer_limits(thread, condition, clock):
    member = established()
    client = client_for(member)

    first = reply(client, thread.opening_post, THREE_LINKS)
    assert first.status_code == 302
    assert Post.objects.filter(author=member).latest("pk").status == Status.VISIBLE
    for i in range(6):
        clock.shift(11)
        response = ask(client, condition, f"Question {i} this hour.", title=f"My question {i}")
        assert response.status_code == 302, i
    assert Post.objects.filter(author=member, status=Status.VISIBLE).count() == 3 + 7


@pytest.mark.parametrize("role", ["editor", "staff"])
def test_editors_and_staff_are_trusted_from_their_first_post(role, thread, condition, clock):
    user = UserFactory(username=f"new_{role}", is_staff=role == "staff")
    if role == "editor":
        user.groups.add(Group.objects.get(name="Editors"))
    client = client_for(user)

    assert ask(client, condition, THREE_LINKS).status_code == 302
    assert Thread.objects.get(author=user).status == Status.VISIBLE
    for i in range(6):
        clock.shift(11)
        assert reply(client, thread.opening_post, f"Reply {i} this hour.").status_code == 302
    assert Post.objects.filter(author=user, status=Status.VISIBLE).count() == 7


# The throttle, duplicates and double clicks


@pytest.mark.parametrize("who", ["newcomer", "established"])
def test_second_post_within_ten_seconds_is_refused_with_the_wait(who, thread, clock):
    user = UserFactory() if who == "newcomer" else established()
    client = client_for(user)
    reply(client, thread.opening_post, "First thought.")
    count = Post.objects.filter(author=user).count()

    clock.shift(3)
    response = reply(client, thread.opening_post, "Second thought.")

    assert_refused_keeping_the_text(response, "before posting again.", "Second thought.")
    wait = int(re.search(r"Please wait (\d+) seconds", page_text(response)).group(1))
    assert 7 <= wait <= 8
    assert Post.objects.filter(author=user).count() == count

    clock.shift(7)
    assert reply(client, thread.opening_post, "Second thought.").status_code == 302
    assert Post.objects.filter(author=user).count() == count + 1


THANKS = "Thank you, that really helps!"


def test_same_text_under_another_reply_or_in_another_thread_is_a_new_post(
    member, member_client, thread, other_thread, other_member, clock
):
    first_answer = services.post_reply(
        parent=thread.opening_post, author=other_member, body="Try a pillow.", screen=False
    )
    second_answer = services.post_reply(
        parent=thread.opening_post, author=other_member, body="Try ice.", screen=False
    )
    moderated = established("dora")
    client = client_for(moderated)

    to_first = reply(client, first_answer, THANKS)
    clock.shift(timedelta(minutes=1))
    to_second = reply(client, second_answer, THANKS)
    clock.shift(timedelta(minutes=1))
    elsewhere = reply(client, other_thread.opening_post, THANKS)

    thanks = list(Post.objects.filter(author=moderated, body=THANKS).order_by("pk"))
    assert [p.parent_id for p in thanks] == [
        first_answer.pk,
        second_answer.pk,
        other_thread.opening_post_id,
    ]
    assert [to_first.url, to_second.url, elsewhere.url] == [p.get_absolute_url() for p in thanks]
    followed = client.get(elsewhere.url, follow=True)
    assert "You had already posted this" not in page_text(followed)


def test_same_text_under_the_same_parent_within_ten_minutes_leads_to_the_first_post(
    member, member_client, thread, clock
):
    text = "Ice for ten minutes, then gentle glute bridges, helped me."
    reply(member_client, thread.opening_post, text)
    original = Post.objects.get(author=member)

    clock.shift(timedelta(minutes=5))
    response = reply(member_client, thread.opening_post, text)

    assert response.status_code == 302
    assert response.url == original.get_absolute_url()
    followed = member_client.get(response.url, follow=True)
    assert "You had already posted this; here it is." in page_text(followed)
    assert Post.objects.filter(author=member).count() == 1

    clock.shift(timedelta(minutes=5, seconds=1))
    assert reply(member_client, thread.opening_post, text).status_code == 302
    assert Post.objects.filter(author=member, body=text).count() == 2


def test_a_question_is_a_duplicate_only_with_the_same_title_and_text(
    member, member_client, condition, clock
):
    body = "Does anyone else get a clicking hip when they stand up?"
    ask(member_client, condition, body, title="Clicking hip when standing up")
    clock.shift(11)
    other_title = ask(member_client, condition, body, title="Clicking hip on the stairs")
    clock.shift(11)
    again = ask(member_client, condition, body, title="Clicking hip when standing up")

    first, second = Thread.objects.filter(author=member).order_by("pk")
    assert other_title.url == second.get_absolute_url()
    assert again.url == first.opening_post.get_absolute_url()  # the one that exists
    assert Thread.objects.filter(author=member).count() == 2


def test_double_clicked_reply_creates_one_post_and_leads_to_it(
    member, member_client, thread, clock
):
    url = reverse("discussions:reply", args=[thread.opening_post.pk])
    data = {"body": "Clamshells with a band, three sets a day."}

    first = member_client.post(url, data)
    second = member_client.post(url, data)

    post = Post.objects.get(author=member)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == post.get_absolute_url()


def test_double_clicked_question_creates_one_thread_and_leads_to_it(
    member, member_client, condition, clock
):
    first = ask(member_client, condition, "Does anyone else get a clicking hip?")
    second = ask(member_client, condition, "Does anyone else get a clicking hip?")

    question = Thread.objects.get(author=member)
    assert Post.objects.filter(author=member).count() == 1
    assert first.status_code == second.status_code == 302
    assert first.url == question.get_absolute_url()
    landed = member_client.get(second.url, follow=True)
    assert landed.redirect_chain[-1][0] == question.get_absolute_url()
    assert "You had already posted this; here it is." in page_text(landed)


# Red-flag phrases


URGENT = ("This may need urgent care, not a forum", "Saddle numbness since this morning.")
CRISIS = ("You matter, and help is available right now", "Some days I want to harm myself.")


@pytest.mark.parametrize(("heading", "body"), [URGENT, CRISIS], ids=["urgent", "crisis"])
@pytest.mark.parametrize("via", ["ask", "reply"])
def test_red_flag_phrase_shows_the_notice_and_posts_only_when_sent_again(
    via, heading, body, member, member_client, thread, condition, clock
):
    def post(**extra):
        if via == "ask":
            return ask(member_client, condition, body, **extra)
        return reply(member_client, thread.opening_post, body, **extra)

    first = post()

    assert first.status_code == 200
    page = page_text(first)
    assert heading in page
    assert 'name="red_flag_seen" value="1"' in page
    assert first.context["form"]["body"].value() == body
    if heading == CRISIS[0]:
        assert "crisis line" in page
        assert "Samaritans" in page
        assert URGENT[0] not in page
    assert not Post.objects.filter(author=member).exists()

    second = post(red_flag_seen="1")

    assert second.status_code == 302
    created = Post.objects.get(author=member)
    assert created.red_flag == ("Saddle numbness" if heading == URGENT[0] else "harm myself")
    assert created.red_flag_kind == ("urgent" if heading == URGENT[0] else "crisis")
    assert created.red_flag_pending
    assert created.body == body


def test_red_flag_preview_never_posts_even_when_seen(member, member_client, thread, clock):
    response = reply(member_client, thread.opening_post, URGENT[1], red_flag_seen="1", preview="1")

    assert response.status_code == 200
    assert URGENT[0] in page_text(response)
    assert not Post.objects.filter(author=member).exists()


def test_a_red_flag_reply_a_rule_refuses_still_shows_the_notice_first(
    member, member_client, thread, settings, clock
):
    """The notice comes before every other rule: a writer in crisis who posts too soon
    after their last post reads the crisis help first, and only then the wait."""
    settings.MEDIUS_POST_MIN_INTERVAL_SECONDS = 60
    assert reply(member_client, thread.opening_post, "The first of my replies.").status_code == 302

    first = reply(member_client, thread.opening_post, CRISIS[1])

    assert CRISIS[0] in page_text(first)
    assert "Please wait" not in page_text(first)
    assert first.context["form"]["body"].value() == CRISIS[1]

    second = reply(member_client, thread.opening_post, CRISIS[1], red_flag_seen="1")

    assert second.status_code == 200
    assert "Please wait" in page_text(second)
    assert Post.objects.filter(author=member).count() == 1


def test_red_flag_in_a_question_title_counts_too(member, member_client, condition, clock):
    response = ask(
        member_client, condition, "It started after a fall.", title="Cannot bear weight on my hip"
    )

    assert response.status_code == 200
    assert URGENT[0] in page_text(response)
    assert not Thread.objects.exists()


def test_inactive_red_flag_pattern_is_ignored(member, member_client, thread, clock):
    text = URGENT[1]
    while hit := policy.find_red_flag(text):
        RedFlagPhrase.objects.filter(pk=hit.pk).update(is_active=False)

    response = reply(member_client, thread.opening_post, text)

    assert response.status_code == 302
    created = Post.objects.get(author=member)
    assert (created.red_flag, created.red_flag_pending) == ("", False)

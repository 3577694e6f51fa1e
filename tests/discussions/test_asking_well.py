"""Asking well (issue 13): "Not sure yet" as a condition of its own, the conditions as a
plain list without JavaScript, the optional details as a summary, how long review takes,
urgent-care guidance whatever the sandbox does, when the hourly limit lets a member post
again, and over-long text refused with all of it kept."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from forum.conditions.models import Condition
from forum.core.dates import clock_and_wait, rough_duration
from forum.discussions import policy, services
from forum.discussions.forms import BODY_MAX
from forum.discussions.models import Follow, Post, Status, Thread
from forum.moderation import services as moderation
from tests.factories import ConditionFactory, make_question

pytestmark = pytest.mark.django_db

TITLE = "A deep ache in my buttock that nobody can name"


def ask(client, conditions, body="It aches after sitting for an hour.", **extra):
    data = {"title": TITLE, "body": body, "conditions": [c.pk for c in conditions], **extra}
    return client.post(reverse("discussions:ask"), data)


def page(response) -> str:
    return response.content.decode()


# "Not sure yet"


def test_the_migration_makes_one_not_sure_yet_condition_with_other_names(not_sure_yet):
    assert not_sure_yet.slug == "not-sure-yet"
    assert not_sure_yet.name == "Not sure yet"
    assert {s.name for s in not_sure_yet.synonyms.all()} >= {"undiagnosed"}
    with pytest.raises(IntegrityError), transaction.atomic():
        ConditionFactory(name="Unknown", slug="unknown", is_undiagnosed=True)


def test_a_question_can_be_asked_as_not_sure_yet(member_client, member, not_sure_yet):
    response = ask(member_client, [not_sure_yet])

    question = Thread.objects.get(author=member)
    assert response.status_code == 302
    assert list(question.conditions.all()) == [not_sure_yet]
    assert not_sure_yet.get_absolute_url() in page(member_client.get(response.url))


def test_not_sure_yet_with_a_condition_is_refused_keeping_everything(
    member_client, member, not_sure_yet, condition
):
    body = "It aches after sitting, and my physio said it might be the tendon."
    response = ask(member_client, [not_sure_yet, condition], body=body, activity="Cycling")

    assert response.status_code == 200
    assert "“Not sure yet” stands instead of a condition" in page(response)
    form = response.context["form"]
    assert form["body"].value() == body
    assert form["title"].value() == TITLE
    assert form["activity"].value() == "Cycling"
    assert set(map(int, form["conditions"].value())) == {not_sure_yet.pk, condition.pk}
    assert not Thread.objects.filter(author=member).exists()


def test_the_not_sure_yet_page_invites_what_could_this_be_questions(client, member, not_sure_yet):
    question = make_question(author=member, conditions=[not_sure_yet], title=TITLE)

    response = client.get(not_sure_yet.get_absolute_url())

    assert response.status_code == 200
    html = page(response)
    assert "Ask a “what could this be?” question" in html
    assert f"{reverse('discussions:ask')}?condition=not-sure-yet" in html
    assert question.get_absolute_url() in html
    assert "All questions not yet diagnosed" in html


def test_clinicians_can_follow_not_sure_yet_and_answer_for_it(client, clinician, not_sure_yet):
    client.force_login(clinician)
    html = page(client.get(not_sure_yet.get_absolute_url()))
    assert 'name="condition" value="not-sure-yet"' in html
    assert reverse("conditions:answering") in html

    client.post(reverse("discussions:follow"), {"condition": "not-sure-yet"})
    assert Follow.objects.filter(user=clinician, condition=not_sure_yet, muted=False).exists()

    answering = client.get(reverse("conditions:answering"))
    choices = list(answering.context["form"].fields["conditions"].queryset)
    assert choices[0] == not_sure_yet


def test_the_ask_link_of_a_condition_page_ticks_that_condition(
    member_client, not_sure_yet, condition
):
    response = member_client.get(reverse("discussions:ask"), {"condition": "not-sure-yet"})
    assert re.search(rf'value="{not_sure_yet.pk}"[^>]*checked', page(response))
    assert not re.search(rf'value="{condition.pk}"[^>]*checked', page(response))
    # An unknown or hostile value ticks nothing and is no error.
    for value in ("nothing-like-it", "<script>", "x" * 500):
        response = member_client.get(reverse("discussions:ask"), {"condition": value})
        assert response.status_code == 200
        assert "checked" not in page(response).split('class="condition-choices"')[1]


# The conditions without JavaScript


def test_without_javascript_every_condition_is_a_checkbox_with_its_other_names(
    member_client, not_sure_yet, gtps, condition
):
    response = member_client.get(reverse("discussions:ask"))

    html = page(response)
    choices = html.split('class="condition-choices"')[1].split("</ul>")[0]
    boxes = re.findall(r'type="checkbox" name="conditions" value="(\d+)"', choices)
    assert int(boxes[0]) == not_sure_yet.pk  # offered first
    assert {int(pk) for pk in boxes} == set(Condition.objects.values_list("pk", flat=True))
    synonyms = [s.name for s in gtps.synonyms.all()]
    assert synonyms
    for name in synonyms:
        assert name in choices  # shown to read
        assert f"|{name.lower()}" in choices  # and in data-names, for the filter
    assert "data-undiagnosed" in choices


# The optional details


def test_the_optional_details_are_a_summary_on_the_question(member_client, member, condition):
    ask(
        member_client,
        [condition],
        side="left",
        duration="3_to_12_months",
        activity="Trail running",
        aggravating="Hills and lying on that side",
        treatments_tried="Rest, then physio",
    )
    question = Thread.objects.get(author=member)

    html = page(member_client.get(question.get_absolute_url()))

    details = html.split('<dl class="question-details"')[1].split("</dl>")[0]
    for label, value in [
        ("Side", question.get_side_display()),
        ("For how long", question.get_duration_display()),
        ("Activity or sport", "Trail running"),
        ("What makes it worse", "Hills and lying on that side"),
        ("Treatments tried", "Rest, then physio"),
    ]:
        assert f"<dt>{label}</dt><dd>{value}</dd>" in details


def test_a_question_without_details_has_no_empty_summary(member_client, member, condition):
    ask(member_client, [condition], side="", duration="", activity="")
    question = Thread.objects.get(author=member)
    assert "question-details" not in page(member_client.get(question.get_absolute_url()))


# How long review takes


def held_and_approved(author, moderator, clock, waits):
    for i, minutes in enumerate(waits):
        post = services.ask_question(
            author=author,
            title=f"Held question number {i}",
            body="Waiting for a moderator.",
            conditions=[],
            screen=False,
        ).opening_post
        services.set_post_status(post=post, status=Status.HELD)
        clock.shift(timedelta(minutes=minutes))
        moderation.approve_post(post=post, moderator=moderator)


def test_typical_review_wait_is_the_median_of_the_last_30_days(other_member, moderator, clock):
    assert policy.typical_review_wait() is None
    cache.clear()
    held_and_approved(other_member, moderator, clock, [10, 40, 300])

    assert policy.typical_review_wait() == timedelta(minutes=40)
    # Kept for ten minutes, then measured again: approvals older than 30 days drop out.
    held_and_approved(other_member, moderator, clock, [1, 1, 1])
    assert policy.typical_review_wait() == timedelta(minutes=40)
    clock.shift(timedelta(days=31))
    cache.clear()
    assert policy.typical_review_wait() is None


def test_hiding_a_held_post_is_not_counted_as_a_review_time(other_member, moderator, clock):
    post = make_question(author=other_member, conditions=[], title="Spam, held").opening_post
    services.set_post_status(post=post, status=Status.HELD)
    clock.shift(timedelta(minutes=30))
    moderation.hide_post(post=post, moderator=moderator, reason="Advertising")
    post.refresh_from_db()
    assert post.held_at is not None and post.approved_at is None
    assert policy.typical_review_wait() is None


def test_a_held_first_question_says_how_long_review_takes_and_what_happens_next(
    production_posting_rules, member, member_client, other_member, moderator, condition, clock
):
    held_and_approved(other_member, moderator, clock, [20, 25, 30])
    cache.clear()

    response = ask(member_client, [condition])

    question = Thread.objects.get(author=member)
    assert question.status == Status.HELD
    shown = page(member_client.get(response.url))
    wait = "Review usually takes about 25 minutes"
    assert wait in shown
    assert "you will get a notification when it is approved" in shown
    assert shown.count(wait) == 2  # the message after posting, and the page's own line
    again = page(member_client.get(question.get_absolute_url()))
    assert again.count(wait) == 1
    other = member_client.__class__()
    other.force_login(moderator)
    assert wait not in page(other.get(question.get_absolute_url()))


def test_with_no_reviews_yet_the_held_page_says_moderators_check_soon(
    production_posting_rules, member, member_client, condition, clock
):
    response = ask(member_client, [condition])
    shown = page(member_client.get(response.url))
    assert "Moderators check held posts as soon as they can." in shown


@pytest.mark.parametrize(
    ("span", "words"),
    [
        (timedelta(minutes=2), "a few minutes"),
        (timedelta(minutes=38), "about 40 minutes"),
        (timedelta(minutes=70), "about an hour"),
        (timedelta(hours=5, minutes=20), "about 5 hours"),
        (timedelta(days=2, hours=3), "about 2 days"),
    ],
)
def test_rough_duration(span, words):
    assert rough_duration(span) == words


def test_clock_and_wait_rounds_up_and_never_says_zero():
    now = timezone.now().replace(hour=14, minute=0, second=0, microsecond=0)
    assert clock_and_wait(now + timedelta(minutes=11, seconds=1), now) == "at 14:12, in 12 minutes"
    assert clock_and_wait(now + timedelta(seconds=30), now) == "at 14:01, in 1 minute"
    assert clock_and_wait(now, now) == "at 14:00, in 1 minute"


# Red flags, whatever the sandbox does


@pytest.mark.parametrize("sandboxed", [True, False], ids=["held", "visible"])
def test_a_red_flag_question_gets_the_guidance_at_once_and_on_its_page(
    sandboxed, settings, member, member_client, login_as, condition, clock
):
    settings.MEDIUS_NEWCOMER_HELD_POSTS = 2 if sandboxed else 0
    body = "Since this morning I have saddle numbness and my hip hurts."

    first = ask(member_client, [condition], body=body)
    assert "This may need urgent care, not a forum" in page(first)
    assert not Thread.objects.exists()

    second = ask(member_client, [condition], body=body, red_flag_seen="1")
    question = Thread.objects.get(author=member)
    assert question.status == (Status.HELD if sandboxed else Status.VISIBLE)
    shown = page(member_client.get(second.url))
    assert "This may need urgent care, not a forum" in shown
    assert "urgent care or an emergency department" in shown
    if not sandboxed:
        assert (
            "urgent care"
            not in page(login_as("other_member").get(second.url))
            .split("<main")[1]
            .split('class="post-body')[0]
        )


def test_a_crisis_question_gets_the_crisis_lines_on_its_page(
    production_posting_rules, member, member_client, condition, clock
):
    body = "Some days I want to harm myself because of this pain."
    response = ask(member_client, [condition], body=body, red_flag_seen="1")
    shown = page(member_client.get(response.url))
    assert "You matter, and help is available right now" in shown
    assert "Samaritans" in shown


# The hourly limit


def test_the_hourly_limit_says_when_the_member_can_post_again(
    production_posting_rules, member, member_client, condition, clock
):
    start = timezone.now().replace(second=0, microsecond=0)
    clock.move_to(start)
    question = services.ask_question(
        author=member, title="My own earlier question", body="x", conditions=[], screen=False
    )
    for i in range(5):
        services.post_reply(
            parent=question.opening_post, author=member, body=f"Reply {i}", screen=False
        )
        clock.shift(timedelta(minutes=3))
    body = "My sixth post this hour, about stairs."

    response = ask(member_client, [condition], body=body)

    again = timezone.localtime(start + timedelta(hours=1))
    assert response.status_code == 200
    assert (
        f"New members can post 5 times an hour. You can post again at {again:%H:%M}, "
        "in 45 minutes. Your text is kept below."
    ) in page(response)
    assert response.context["form"]["body"].value() == body


# Over-long text


def test_an_over_long_question_is_refused_with_its_length_keeping_all_of_it(
    member_client, member, condition
):
    body = "My hip. " * (BODY_MAX // 8 + 50)

    response = ask(member_client, [condition], body=body)

    assert response.status_code == 200
    html = page(response)
    assert f"Please keep it under {BODY_MAX:,} characters (it has {len(body.strip())})" in html
    assert response.context["form"]["body"].value() == body
    textarea = re.search(r'<textarea[^>]*name="body"[^>]*>', html).group(0)
    assert "maxlength" not in textarea  # a browser would cut a paste short silently
    assert f'data-max-length="{BODY_MAX}"' in textarea
    assert not Thread.objects.filter(author=member).exists()


def test_the_inline_reply_box_has_a_counted_limit_not_a_cutting_one(
    member_client, member, condition
):
    question = make_question(author=member, conditions=[condition], title=TITLE)
    html = page(member_client.get(question.get_absolute_url()))
    textarea = re.search(r'<textarea id="inline-reply-body"[^>]*>', html).group(0)
    assert "maxlength" not in textarea
    assert f'data-max-length="{BODY_MAX}"' in textarea


def test_no_post_keeps_a_cut_body(member_client, member, condition):
    Post.objects.all().delete()
    body = "x" * (BODY_MAX + 1)
    ask(member_client, [condition], body=body)
    assert not Post.objects.exists()

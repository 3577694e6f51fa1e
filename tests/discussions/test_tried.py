"""What members tried, told from their own question ("what have you tried?") or reply
("this is what I did"): real treatment records, private unless shown, always counted."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from forum.core import pagecache
from forum.discussions import services
from forum.discussions.models import PostRecord, Thread
from forum.privacy import services as privacy
from forum.treatments import services as treatments
from forum.treatments.models import FollowUp, Outcome, Treatment, TreatmentRecord, TreatmentTally
from tests.factories import make_question

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_posting_rules")]

ASK = reverse("discussions:ask")
SECRET_NOTE = "my private note about the clinic"


@pytest.fixture
def ball(db) -> Treatment:
    return Treatment.objects.get(slug="ball-release-gluteus-medius")


@pytest.fixture
def physio(db) -> Treatment:
    return Treatment.objects.get(slug="physiotherapy")


def started(days: int = 5) -> str:
    return (timezone.localdate() - timedelta(days=days)).isoformat()


def ask_data(question_condition, **tried):
    data = {
        "title": "Outer hip pain that wakes me at night",
        "body": "It aches when I lie on my left side. What helped you?",
        "conditions": [question_condition.pk],
    }
    return data | {f"tried-{key}": value for key, value in tried.items()}


def record_data(condition, **overrides):
    data = {
        "treatment": "Ball release of the gluteus medius",
        "condition": condition.pk,
        "started_on": started(),
        "outcome": Outcome.BETTER,
        "note": SECRET_NOTE,
    }
    return data | overrides


def attach(post, member, treatment, condition, *, shown):
    return services.attach_record(
        post=post,
        member=member,
        shown=shown,
        treatment=treatment,
        condition=condition,
        started_on=timezone.localdate() - timedelta(days=5),
        outcome=Outcome.BETTER,
        note=SECRET_NOTE,
    )


# Asking


def test_asking_with_what_was_tried_makes_a_real_record_on_the_question(
    member_client, member, condition
):
    response = member_client.post(
        ASK,
        ask_data(
            condition,
            treatment="lacrosse ball release",  # a synonym, any case
            condition=condition.pk,
            started_on=started(),
            outcome=Outcome.BETTER,
            pain_before="7",
            pain_after="4",
            note=SECRET_NOTE,
            show="on",
        )
        | {"treatments_tried": "A hot water bottle"},
    )
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    link = PostRecord.objects.select_related("record__treatment").get()
    assert link.post == thread.opening_post and link.thread == thread and link.is_shown
    record = link.record
    assert record.member == member and record.treatment.slug == "ball-release-gluteus-medius"
    assert (record.pain_before, record.pain_after) == (7, 4)
    assert FollowUp.objects.filter(record=record).count() == 2  # 2 and 8 weeks still ahead
    assert TreatmentTally.objects.get(condition=condition).reported == 1
    assert thread.treatments_tried == "A hot water bottle"  # the free text stays as written


def test_asking_without_what_was_tried_records_nothing(member_client, condition):
    response = member_client.post(ASK, ask_data(condition, treatment="", outcome=""))
    assert response.status_code == 302
    assert Thread.objects.count() == 1 and not TreatmentRecord.objects.exists()


@pytest.mark.parametrize(
    ("tried", "error"),
    [
        ({"treatment": "Magic crystals", "started_on": started()}, "is not in our list yet"),
        ({"treatment": "Yoga", "outcome": Outcome.SAME}, "Enter when you started"),
        ({"treatment": "Yoga", "started_on": started()}, "Choose how it went."),
        (
            {"treatment": "Yoga", "started_on": started(-3), "outcome": Outcome.SAME},
            "The start date cannot be in the future.",
        ),
        (
            {"treatment": "Yoga", "started_on": started(), "outcome": "worse", "pain_after": "11"},
            "less than or equal to 10",
        ),
    ],
)
def test_a_bad_record_stops_the_question_and_keeps_everything_typed(
    member_client, condition, tried, error
):
    response = member_client.post(ASK, ask_data(condition, note="kept note", **tried))
    page = response.content.decode()
    assert response.status_code == 200
    assert error in page
    assert "Outer hip pain that wakes me at night" in page and "kept note" in page
    assert f'value="{tried["treatment"]}"' in page
    assert not Thread.objects.exists() and not TreatmentRecord.objects.exists()


def test_the_ask_page_offers_every_name_and_synonym(member_client, django_assert_num_queries):
    # session, user, unread notifications, conditions and their synonyms; for the record:
    # treatment names, their synonyms, the conditions to choose from
    with django_assert_num_queries(8):
        response = member_client.get(ASK)
    page = response.content.decode()
    assert '<datalist id="treatment-names">' in page
    assert '<option value="Physio">' in page and '<option value="Physiotherapy">' in page


# From the question page and from replies


def test_the_asker_adds_what_they_tried_from_the_question_page(
    member_client, member, question, condition
):
    url = reverse("discussions:record_on_post", args=[question.opening_post.pk])
    assert url in member_client.get(question.get_absolute_url()).content.decode()
    form = member_client.get(url)
    assert f'<option value="{condition.pk}" selected>' in form.content.decode()  # its condition
    response = member_client.post(url, record_data(condition))
    assert response.status_code == 302
    link = PostRecord.objects.get()
    assert link.post == question.opening_post and not link.is_shown  # private by default
    page = member_client.get(question.get_absolute_url()).content.decode()
    assert "What the asker tried" in page and "Only you see this" in page
    assert SECRET_NOTE not in page  # the note is never shown with a post


def test_a_refused_record_keeps_what_was_typed(member_client, question, condition):
    url = reverse("discussions:record_on_post", args=[question.opening_post.pk])
    response = member_client.post(url, record_data(condition, started_on="mid March"))
    page = response.content.decode()
    assert response.status_code == 200 and "Enter a date such as" in page
    assert SECRET_NOTE in page and 'value="Ball release of the gluteus medius"' in page
    assert not TreatmentRecord.objects.exists()


def test_a_member_says_this_is_what_i_did_on_their_own_reply(
    client, other_member, question, condition, ball
):
    reply = services.post_reply(parent=question.opening_post, author=other_member, body="Me too.")
    client.force_login(other_member)
    page = client.get(question.get_absolute_url()).content.decode()
    assert f"/r/{reply.pk}/tried/" in page and "This is what I did" in page
    url = reverse("discussions:record_on_post", args=[reply.pk])
    assert client.post(url, record_data(condition, show="on")).status_code == 302
    client.logout()
    page = client.get(question.get_absolute_url()).content.decode()
    assert "What they did" in page and "Ball release of the gluteus medius" in page
    assert "a little better" in page and SECRET_NOTE not in page


@pytest.mark.parametrize("whose", ["question", "reply"])
def test_nobody_attaches_a_record_to_someone_elses_post(
    client, member, other_member, question, condition, whose
):
    post = question.opening_post
    if whose == "reply":
        post = services.post_reply(parent=post, author=member, body="A reply of the asker.")
    client.force_login(other_member)
    url = reverse("discussions:record_on_post", args=[post.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, record_data(condition)).status_code == 403
    assert not TreatmentRecord.objects.exists()
    with pytest.raises(ValueError):
        attach(post, other_member, Treatment.objects.first(), condition, shown=True)


def test_visitors_are_sent_to_log_in_and_articles_take_no_records(
    client, editor, article, condition
):
    url = reverse("discussions:record_on_post", args=[article.opening_post.pk])
    assert client.get(url).status_code == 302
    client.force_login(editor)
    assert client.get(url).status_code == 403


def test_a_suspended_member_cannot_add_a_record(member_client, member, question):
    member.suspended_until = timezone.now() + timedelta(days=3)
    member.save()
    url = reverse("discussions:record_on_post", args=[question.opening_post.pk])
    assert member_client.get(url).status_code == 403


# Privacy


def test_others_see_only_shown_records_and_every_record_counts(
    client, member, other_member, third_member, question, condition, ball, physio
):
    attach(question.opening_post, member, ball, condition, shown=False)
    reply = services.post_reply(parent=question.opening_post, author=other_member, body="Physio.")
    attach(reply, other_member, physio, condition, shown=True)
    for viewer in (None, third_member):
        if viewer:
            client.force_login(viewer)
        page = client.get(question.get_absolute_url()).content.decode()
        assert "Ball release" not in page  # private: only counted
        assert "Physiotherapy" in page and "What they did" in page
        assert "Stop showing it" not in page and "Only you see this" not in page
    assert TreatmentTally.objects.get(treatment=ball).reported == 1


def test_a_record_on_an_anonymous_question_counts_and_shows_no_name(
    client, member, condition, ball, settings
):
    member.trust_level = 1
    member.save()
    thread = services.ask_question(
        author=member, title="Sore at night", body="Aches.", conditions=[condition], anonymous=True
    )
    attach(thread.opening_post, member, ball, condition, shown=True)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Ball release of the gluteus medius" in page and member.username not in page
    assert TreatmentTally.objects.get(treatment=ball).reported == 1


def test_a_record_on_a_deleted_reply_is_no_longer_shown(
    client, other_member, question, condition, ball
):
    reply = services.post_reply(parent=question.opening_post, author=other_member, body="Mine.")
    attach(reply, other_member, ball, condition, shown=True)
    services.delete_post(post=reply, actor=other_member)
    assert "Ball release" not in client.get(question.get_absolute_url()).content.decode()
    assert TreatmentTally.objects.get(treatment=ball).reported == 1  # still counted


def test_the_member_shows_and_hides_their_record(
    client, member, other_member, question, condition, ball
):
    link = attach(question.opening_post, member, ball, condition, shown=False)
    url = reverse("discussions:show_record", args=[link.pk])
    client.force_login(other_member)
    assert client.post(url, {"shown": "1"}).status_code == 403
    client.force_login(member)
    assert client.post(url, {"shown": "1"}).status_code == 302
    assert PostRecord.objects.get().is_shown
    client.logout()
    assert "Ball release" in client.get(question.get_absolute_url()).content.decode()
    client.force_login(member)
    client.post(url, {"shown": "0"})
    client.logout()
    assert "Ball release" not in client.get(question.get_absolute_url()).content.decode()


def test_deleting_or_answering_a_record_makes_its_question_page_again(
    member, question, condition, ball, django_capture_on_commit_callbacks
):
    link = attach(question.opening_post, member, ball, condition, shown=True)
    key = pagecache._version_key(pagecache.thread(question.pk))

    def version():
        return pagecache._cache().get(key)

    before = version()
    follow_up = FollowUp.objects.filter(record=link.record).first()
    with django_capture_on_commit_callbacks(execute=True):
        treatments.answer_follow_up(follow_up=follow_up, outcome=Outcome.MUCH_BETTER)
    answered = version()
    assert answered != before
    with django_capture_on_commit_callbacks(execute=True):
        treatments.delete_record(record=link.record)
    assert version() != answered
    assert not PostRecord.objects.exists()


def test_the_export_says_where_records_were_told_and_deletion_removes_them(
    member, question, condition, ball
):
    attach(question.opening_post, member, ball, condition, shown=True)
    data = json.loads(json.dumps(privacy.export_member_data(member=member), default=str))
    [told] = data["treatments_told_on_posts"]
    assert told["treatment"] == ball.name and told["shown_with_the_post"] is True
    assert told["post"].endswith(question.opening_post.get_absolute_url())
    privacy.delete_member(member=member, keep_posts=True)
    assert not PostRecord.objects.exists() and not TreatmentRecord.objects.exists()


def test_the_question_page_costs_one_query_for_its_records_however_many(
    client, member, other_member, question, condition, ball, physio, django_assert_num_queries
):
    from tests.discussions.test_query_counts import SHORT_VISITOR_QUERIES

    reply = services.post_reply(parent=question.opening_post, author=other_member, body="Me.")
    attach(question.opening_post, member, ball, condition, shown=True)
    attach(question.opening_post, member, physio, condition, shown=True)
    attach(reply, other_member, physio, condition, shown=True)
    with django_assert_num_queries(SHORT_VISITOR_QUERIES):
        page = client.get(question.get_absolute_url()).content.decode()
    assert page.count("Physiotherapy</a>") == 2


# The treatment page's questions


def test_the_treatment_page_lists_questions_that_mention_it(
    client, member, other_member, condition, physio, django_assert_num_queries
):
    shown = make_question(author=member, conditions=[condition], title="Night pain")
    attach(shown.opening_post, member, physio, condition, shown=True)
    private = make_question(author=member, conditions=[condition], title="Stairs hurt")
    attach(private.opening_post, member, physio, condition, shown=False)
    by_title = make_question(
        author=other_member, conditions=[condition], title="Is physio worth it?"
    )
    by_body = make_question(
        author=other_member,
        conditions=[condition],
        title="Sitting",
        body="My Physical therapy stopped.",
    )
    by_detail = services.ask_question(
        author=other_member, title="Running", body="Hurts.", conditions=[condition],
        details={"treatments_tried": "physiotherapy, ice"},
    )  # fmt: skip
    not_a_word = make_question(
        author=other_member, conditions=[condition], title="Physiological?", body="Odd pain."
    )
    members_only = services.ask_question(
        author=other_member, title="Physio for me?", body="Hm.", conditions=[condition],
        members_only=True,
    )  # fmt: skip
    # treatment, synonyms, counts, questions, their conditions
    with django_assert_num_queries(5):
        page = client.get(physio.get_absolute_url()).content.decode()
    for listed in (shown, by_title, by_body, by_detail):
        assert listed.get_absolute_url() in page
    for left_out in (private, not_a_word, members_only):
        assert left_out.get_absolute_url() not in page


def test_a_record_shown_on_a_held_question_does_not_list_it(member, condition, physio):
    thread = make_question(author=member, conditions=[condition], title="Aching")
    attach(thread.opening_post, member, physio, condition, shown=True)
    Thread.objects.filter(pk=thread.pk).update(status="held")
    listed = Thread.objects.public().mentioning_treatment(physio.pk, [])
    assert not listed.exists()


def test_check_can_attach_record_refuses_a_hidden_post(member, question):
    from forum.discussions import permissions

    post = question.opening_post
    post.status = "hidden"
    with pytest.raises(PermissionDenied):
        permissions.check_can_attach_record(member, post)

"""Verified clinicians: applying, a moderator approving or rejecting in the admin, the badge
and "Clinician answer", choosing conditions, and the questions waiting for an answer."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from forum.accounts.models import ClinicianApplication
from forum.discussions import services as discussions
from forum.moderation.models import LogEntry
from tests.factories import make_question
from tests.moderation.helpers import run_action

pytestmark = pytest.mark.django_db

APPLY_URL = reverse("accounts:clinician")
ADMIN_URL = "/admin/accounts/clinicianapplication/"
ANSWERING_URL = reverse("conditions:answering")
NEEDS_ANSWER_URL = reverse("discussions:needs_answer")
APPLICATION = {
    "profession": "Physiotherapist",
    "registration_body": "Health and Care Professions Council",
    "registration_number": "PH654321",
    "country": "United Kingdom",
    "verification_url": "https://www.hcpc-uk.org/check/PH654321",
}
NOTE = "The register entry shows a different name; please link your own entry."


@pytest.fixture
def application(member, login_as):
    """alice's pending application, made through the page."""
    assert login_as("member").post(APPLY_URL, APPLICATION).status_code == 302
    return ClinicianApplication.objects.get(user=member)


def asked(author, conditions, title, *, hours_ago=0):
    with time_machine.travel(timezone.now() - timedelta(hours=hours_ago)):
        return make_question(
            author=author, conditions=conditions, title=title, body=f"{title}: what helped?"
        )


# Applying


def test_member_applies_and_sees_the_application_waiting(member, login_as):
    client = login_as("member")
    assert client.get(APPLY_URL).status_code == 200

    response = client.post(APPLY_URL, APPLICATION, follow=True)

    assert response.redirect_chain == [(APPLY_URL, 302)]
    assert b"A moderator will check your registration." in response.content
    assert b"is waiting for a moderator" in response.content
    application = ClinicianApplication.objects.get(user=member)
    assert application.status == ClinicianApplication.Status.PENDING
    assert application.registration_number == "PH654321"


def test_application_form_errors_keep_the_input(member, login_as):
    data = APPLICATION | {"registration_number": "", "verification_url": "not a web address"}

    response = login_as("member").post(APPLY_URL, data)

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"registration_number", "verification_url"}
    html = response.content.decode()
    assert 'value="Health and Care Professions Council"' in html
    assert 'value="not a web address"' in html
    assert not ClinicianApplication.objects.exists()


def test_only_one_pending_application_at_a_time(application, member, login_as):
    response = login_as("member").post(APPLY_URL, APPLICATION | {"profession": "Osteopath"})

    assert response.status_code == 200
    assert response.context["form"] is None
    assert ClinicianApplication.objects.filter(user=member).count() == 1


def test_applying_needs_a_login(client):
    response = client.get(APPLY_URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


# A moderator decides in the admin


def test_moderator_approves_in_the_admin(application, member, moderator, moderator_client):
    response = run_action(moderator_client, ADMIN_URL, "approve", [application])

    assert response.status_code == 302
    application.refresh_from_db()
    member.refresh_from_db()
    assert application.status == ClinicianApplication.Status.APPROVED
    assert application.decided_by == moderator
    assert member.is_verified_clinician
    assert member.clinician_profession == "Physiotherapist"
    assert member.groups.filter(name="Clinicians").exists()
    assert member.has_perm("discussions.write_article")
    entry = LogEntry.objects.get(action="clinician_ok")
    assert (entry.actor, entry.target_type, entry.target_id) == (moderator, "user", member.pk)


def test_approved_clinician_can_write_articles(application, login_as, moderator_client):
    assert login_as("member").get(reverse("discussions:article_new")).status_code == 403

    run_action(moderator_client, ADMIN_URL, "approve", [application])

    assert login_as("member").get(reverse("discussions:article_new")).status_code == 200


def test_approved_clinician_sees_it_on_the_application_page(
    application, login_as, moderator_client
):
    run_action(moderator_client, ADMIN_URL, "approve", [application])

    response = login_as("member").get(APPLY_URL)

    assert b"You are shown as a verified physiotherapist" in response.content
    assert response.context["form"] is None


def test_moderator_rejects_with_a_note_through_the_intermediate_form(
    application, member, moderator, moderator_client, login_as
):
    ask = run_action(moderator_client, ADMIN_URL, "reject", [application])
    assert ask.status_code == 200
    assert b"Reject applications" in ask.content
    application.refresh_from_db()
    assert application.status == ClinicianApplication.Status.PENDING

    done = run_action(moderator_client, ADMIN_URL, "reject", [application], apply=True,
                      reason=NOTE)  # fmt: skip

    assert done.status_code == 302
    application.refresh_from_db()
    member.refresh_from_db()
    assert application.status == ClinicianApplication.Status.REJECTED
    assert application.decision_note == NOTE
    assert not member.is_verified_clinician
    assert not member.groups.filter(name="Clinicians").exists()
    entry = LogEntry.objects.get(action="clinician_no")
    assert (entry.actor, entry.target_id, entry.reason) == (moderator, member.pk, NOTE)
    page = login_as("member").get(APPLY_URL)
    assert NOTE.encode() in page.content
    assert page.context["form"] is not None  # may apply again


def test_reject_without_a_note_changes_nothing(application, moderator_client):
    response = run_action(moderator_client, ADMIN_URL, "reject", [application], apply=True,
                          reason="")  # fmt: skip

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    application.refresh_from_db()
    assert application.status == ClinicianApplication.Status.PENDING
    assert not LogEntry.objects.exists()


def test_approving_a_rejected_application_does_nothing(application, member, moderator_client):
    run_action(moderator_client, ADMIN_URL, "reject", [application], apply=True, reason=NOTE)

    run_action(moderator_client, ADMIN_URL, "approve", [application])

    member.refresh_from_db()
    assert not member.is_verified_clinician
    assert not LogEntry.objects.filter(action="clinician_ok").exists()


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("other_member", 302)])
def test_only_moderators_decide_applications(role, status, application, member, login_as):
    response = run_action(login_as(role), ADMIN_URL, "approve", [application])

    assert response.status_code == status
    assert "/login/" in response.url
    member.refresh_from_db()
    assert not member.is_verified_clinician


# The badge and "Clinician answer"


def test_badge_on_the_thread_page_and_clinician_answer_apart_from_accepted_answer(
    question, member, other_member, clinician, client
):
    from_clinician = discussions.post_reply(
        parent=question.opening_post, author=clinician, body="Load the tendon gradually."
    )
    from_member = discussions.post_reply(
        parent=question.opening_post, author=other_member, body="A pillow helped me."
    )
    discussions.accept_answer(thread=question, post=from_member, actor=member)

    html = client.get(question.get_absolute_url()).content.decode()

    clinician_reply = html[html.index(f'id="r-{from_clinician.pk}"') :]
    clinician_reply = clinician_reply[: clinician_reply.index("</article>")]
    member_reply = html[html.index(f'id="r-{from_member.pk}"') :]
    member_reply = member_reply[: member_reply.index("</article>")]
    assert '<span class="clinician-badge">Clinician</span>' in clinician_reply
    assert "Clinician answer" in clinician_reply
    assert "Accepted answer" not in clinician_reply
    assert "Accepted answer" in member_reply
    assert "Clinician answer" not in member_reply
    assert "clinician-badge" not in member_reply


def test_accepted_clinician_reply_shows_both_badges(question, member, clinician, client):
    reply = discussions.post_reply(
        parent=question.opening_post, author=clinician, body="Load the tendon gradually."
    )
    discussions.accept_answer(thread=question, post=reply, actor=member)

    html = client.get(question.get_absolute_url()).content.decode()

    block = html[html.index(f'id="r-{reply.pk}"') :]
    block = block[: block.index("</article>")]
    assert '<span class="badge badge-solved">Accepted answer</span>' in block
    assert '<span class="badge badge-clinician">Clinician answer</span>' in block


def test_badge_next_to_the_clinician_on_their_thread_in_lists_and_on_their_profile(
    clinician, condition, client
):
    thread = make_question(
        author=clinician, conditions=[condition], title="How I explain tendon load to patients"
    )

    for url in [thread.get_absolute_url(), reverse("discussions:questions"), "/"]:
        html = client.get(url).content.decode()
        byline = html[html.index(">dr_jones</a>") :][:200]
        assert 'class="clinician-badge"' in byline, url
    profile = client.get(clinician.get_absolute_url()).content.decode()
    assert '<span class="clinician-badge">Clinician</span> Verified physiotherapist' in profile


def test_no_badge_for_members(question, member, client):
    html = client.get(question.get_absolute_url()).content.decode()
    assert "clinician-badge" not in html
    assert "clinician-badge" not in client.get(member.get_absolute_url()).content.decode()


# Conditions a clinician answers for


def test_clinician_chooses_conditions_to_answer_for(
    clinician, condition, other_condition, login_as
):
    client = login_as("clinician")
    assert client.get(ANSWERING_URL).status_code == 200

    response = client.post(ANSWERING_URL, {"conditions": [condition.pk]})

    assert response.status_code == 302
    assert list(clinician.answers_for.all()) == [condition]
    page = client.get(ANSWERING_URL)
    assert list(page.context["form"].initial["conditions"]) == [condition]


@pytest.mark.parametrize("role", ["member", "moderator", "editor"])
def test_only_verified_clinicians_choose_conditions(role, condition, login_as, request):
    client = login_as(role)

    assert client.get(ANSWERING_URL).status_code == 403
    assert client.post(ANSWERING_URL, {"conditions": [condition.pk]}).status_code == 403
    assert not request.getfixturevalue(role).answers_for.exists()


def test_choosing_conditions_needs_a_login(client):
    response = client.get(ANSWERING_URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


# Questions that need an answer


@pytest.fixture
def waiting(member, other_member, condition, other_condition):
    """Questions by age: two unanswered in ``condition``, one in the other, one answered."""
    oldest = asked(member, [condition], "Oldest unanswered", hours_ago=50)
    other = asked(member, [other_condition], "Other condition unanswered", hours_ago=40)
    answered = asked(member, [condition], "Answered already", hours_ago=30)
    discussions.post_reply(parent=answered.opening_post, author=other_member, body="Ice.")
    recent = asked(member, [condition], "Recent unanswered", hours_ago=1)
    return {"oldest": oldest, "other": other, "answered": answered, "recent": recent}


def test_needs_answer_lists_unanswered_questions_oldest_first(waiting, client):
    response = client.get(NEEDS_ANSWER_URL)

    assert response.status_code == 200
    listed = list(response.context["page"].object_list)
    assert listed == [waiting["oldest"], waiting["other"], waiting["recent"]]
    assert response.context["mine"] == []


def test_needs_answer_filters_by_condition(waiting, condition, client):
    response = client.get(NEEDS_ANSWER_URL, {"condition": condition.slug})

    assert list(response.context["page"].object_list) == [waiting["oldest"], waiting["recent"]]
    assert client.get(NEEDS_ANSWER_URL, {"condition": "no-such"}).status_code == 404


def test_needs_answer_shows_a_clinician_questions_waiting_over_a_day_in_their_conditions(
    waiting, clinician, condition, login_as
):
    clinician.answers_for.set([condition])

    response = login_as("clinician").get(NEEDS_ANSWER_URL)

    assert list(response.context["mine"]) == [waiting["oldest"]]
    assert b"Waiting more than a day in your conditions" in response.content


def test_needs_answer_shows_members_no_personal_section(waiting, login_as):
    response = login_as("other_member").get(NEEDS_ANSWER_URL)

    assert response.context["mine"] == []
    assert b"Waiting more than a day in your conditions" not in response.content


def test_home_page_says_how_many_questions_are_waiting(waiting, client):
    response = client.get("/")

    assert response.context["waiting"] == 3
    assert b"3 questions waiting for an answer" in response.content
    assert NEEDS_ANSWER_URL.encode() in response.content

"""Condition guides: the review stamp, the page's lists and sections, the admin, the cache."""

from datetime import timedelta
from typing import Any

import extruct
import lxml.html
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forum.conditions import services
from forum.conditions.models import Guide
from forum.discussions import services as discussions
from tests.factories import (
    GUIDE_FIELDS,
    ConditionFactory,
    UserFactory,
    make_article,
    make_guide,
    make_question,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_posting_rules")]


@pytest.fixture
def second_clinician(clinician: Any, moderator: Any) -> Any:
    """Another verified clinician (the fixture ``clinician`` is dr_jones)."""
    user = UserFactory(username="dr_okafor", clinician_profession="Sports physician")
    user.clinician_verified_at = timezone.now()
    user.save(update_fields=["clinician_verified_at"])
    return user


def page(client: Client, condition: Any) -> Any:
    return lxml.html.fromstring(client.get(condition.get_absolute_url()).content)


def test_a_verified_clinician_who_did_not_write_it_reviews_a_guide(
    client, condition, editor, clinician
):
    guide = make_guide(condition=condition, author=editor, reviewer=clinician)
    assert guide.reviewed_by == clinician and guide.is_reviewed and not guide.is_review_due
    stamp = page(client, condition).cssselect(".guide-review")[0].text_content()
    assert "Reviewed by dr_jones" in " ".join(stamp.split())
    assert f"{timezone.now():%-d %B %Y}" in stamp


def test_the_author_cannot_review_their_own_guide(condition, clinician):
    guide = make_guide(condition=condition, author=clinician)
    with pytest.raises(PermissionDenied, match="other than its author"):
        services.review_guide(guide=guide, reviewer=clinician)
    guide.refresh_from_db()
    assert guide.reviewed_at is None


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("member", 403), ("moderator", 403), ("clinician", 403),
     ("second_clinician", 302)],
)  # fmt: skip
def test_only_another_verified_clinician_may_stamp_a_guide_from_its_page(
    login_as, condition, clinician, role, status
):
    """The guide's author here is the clinician ``clinician``; moderators are not clinicians."""
    guide = make_guide(condition=condition, author=clinician)
    response = login_as(role).post(reverse("conditions:review_guide", args=[condition.slug]))
    assert response.status_code == status
    guide.refresh_from_db()
    assert guide.is_reviewed == (role == "second_clinician")
    if role == "second_clinician":
        assert response["Location"] == condition.get_absolute_url()


def test_the_review_button_shows_only_to_a_clinician_who_may_review(
    login_as, condition, clinician, second_clinician
):
    make_guide(condition=condition, author=clinician)
    assert not page(login_as("clinician"), condition).cssselect(".guide-review-form")
    assert not page(login_as("member"), condition).cssselect(".guide-review-form")
    assert page(login_as("second_clinician"), condition).cssselect(".guide-review-form")


def test_an_edit_that_changes_the_text_clears_the_review_stamp(condition, editor, clinician):
    guide = make_guide(condition=condition, author=editor, reviewer=clinician)
    edited = services.edit_guide(
        condition=condition, author=editor, fields={"symptoms": "A new symptom list"}
    )
    assert edited.reviewed_at is None and edited.reviewed_by is None
    assert edited.edited_at is not None and edited.edited_at >= guide.reviewed_at


def test_saving_the_same_text_keeps_the_review_stamp(condition, editor, clinician):
    make_guide(condition=condition, author=editor, reviewer=clinician)
    kept = services.edit_guide(condition=condition, author=editor, fields=GUIDE_FIELDS)
    assert kept.reviewed_by == clinician


def test_a_clinician_who_edits_a_guide_becomes_its_author_and_cannot_review_it(
    condition, editor, clinician
):
    make_guide(condition=condition, author=editor)
    guide = services.edit_guide(condition=condition, author=clinician, fields={"helps": "Rest"})
    with pytest.raises(PermissionDenied):
        services.review_guide(guide=guide, reviewer=clinician)


def test_a_review_falls_due_after_the_review_period_setting(
    settings, client, condition, editor, clinician
):
    assert settings.MEDIUS_GUIDE_REVIEW_MONTHS == 12
    guide = make_guide(condition=condition, author=editor, reviewer=clinician)
    Guide.objects.filter(pk=guide.pk).update(reviewed_at=timezone.now() - timedelta(days=370))
    guide.refresh_from_db()
    assert guide.is_review_due
    assert list(Guide.objects.review_due()) == [guide]
    assert "Review due" in page(client, condition).cssselect(".guide-review")[0].text_content()
    settings.MEDIUS_GUIDE_REVIEW_MONTHS = 24
    assert not guide.is_review_due and not Guide.objects.review_due().exists()


def test_an_unreviewed_guide_says_so(client, condition, editor):
    make_guide(condition=condition, author=editor)
    assert (
        "Not yet reviewed" in page(client, condition).cssselect(".guide-review")[0].text_content()
    )


def test_the_admin_filter_shows_moderators_the_guides_needing_review(
    moderator_client, editor, clinician
):
    fresh = make_guide(condition=ConditionFactory(name="Fresh"), author=editor, reviewer=clinician)
    old = make_guide(condition=ConditionFactory(name="Old"), author=editor, reviewer=clinician)
    Guide.objects.filter(pk=old.pk).update(reviewed_at=timezone.now() - timedelta(days=400))
    never = make_guide(condition=ConditionFactory(name="Never"), author=editor)
    url = reverse("admin:conditions_guide_changelist")

    def listed(review: str) -> set[int]:
        response = moderator_client.get(url, {"review": review})
        assert response.status_code == 200
        return {g.pk for g in response.context["cl"].result_list}

    assert listed("needed") == {old.pk, never.pk}
    assert listed("unreviewed") == {never.pk}
    assert listed("due") == {old.pk}
    assert listed("current") == {fresh.pk}


def admin_form(condition: Any, **fields: str) -> dict[str, str]:
    return {"condition": str(condition.pk), **GUIDE_FIELDS, **fields}


def test_an_admin_edit_goes_through_the_service_and_clears_the_stamp(
    moderator_client, moderator, condition, editor, clinician
):
    guide = make_guide(condition=condition, author=editor, reviewer=clinician)
    url = reverse("admin:conditions_guide_change", args=[guide.pk])
    response = moderator_client.post(url, admin_form(condition, causes="Only one cause now"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    guide.refresh_from_db()
    assert guide.causes == "Only one cause now"
    assert guide.author == moderator and guide.reviewed_at is None


def test_an_admin_edit_naming_an_unknown_look_alike_is_refused_and_keeps_the_text(
    moderator_client, condition, editor
):
    guide = make_guide(condition=condition, author=editor)
    url = reverse("admin:conditions_guide_change", args=[guide.pk])
    response = moderator_client.post(
        url, admin_form(condition, told_apart="Hip gout: hotter", about="My new words")
    )
    assert response.status_code == 200
    assert "No condition is called Hip gout" in str(response.context["adminform"].form.errors)
    assert "My new words" in response.content.decode()


def test_the_admin_preview_renders_the_unsaved_text_and_saves_nothing(
    moderator_client, condition, other_condition, editor
):
    guide = make_guide(condition=condition, author=editor)
    response = moderator_client.post(
        reverse("admin:conditions_guide_preview"),
        admin_form(
            condition,
            symptoms="First unsaved symptom\nSecond unsaved symptom",
            told_apart=f"{other_condition.name}: deeper in the buttock",
        ),
    )
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.content)
    assert [li.text for li in tree.cssselect("#guide-symptoms-h + ul > li")] == [
        "First unsaved symptom",
        "Second unsaved symptom",
    ]
    assert tree.cssselect(f'.guide-apart a[href="{other_condition.get_absolute_url()}"]')
    guide.refresh_from_db()
    assert guide.symptoms == GUIDE_FIELDS["symptoms"]


def test_the_admin_preview_is_for_staff_only(member_client):
    response = member_client.post(reverse("admin:conditions_guide_preview"), {})
    assert response.status_code == 302 and "login" in response["Location"]


def test_every_list_of_the_guide_renders_as_a_real_list(client, condition, other_condition, editor):
    make_guide(
        condition=condition,
        author=editor,
        symptoms="- Ache on the side\n\n* Pain on stairs\n",
        told_apart=f"{other_condition.name}: pain deeper in the buttock",
    )
    tree = page(client, condition)
    items = {
        heading: [li.text_content() for li in tree.cssselect(f"#{heading} + ul > li")]
        for heading in ["guide-symptoms-h", "guide-causes-h", "guide-helps-h", "guide-urgent-h"]
    }
    assert items["guide-symptoms-h"] == ["Ache on the side", "Pain on stairs"]
    assert items["guide-causes-h"] == ["A sudden rise in walking", "Being over forty"]
    assert items["guide-helps-h"] == ["Load management", "Graded strengthening"]
    assert items["guide-urgent-h"] == []  # an introduction comes first, then the list
    urgent = tree.cssselect(".guide-urgent ul > li")
    assert [li.text for li in urgent] == GUIDE_FIELDS["urgent"].splitlines()
    assert tree.cssselect('.guide-urgent a[href="/help/#urgent"]')
    look_alike = tree.cssselect(".guide-apart dt a")[0]
    assert look_alike.get("href") == other_condition.get_absolute_url()
    # The page outline: one h1, the guide an h2 with h3 sections, the community h2s.
    assert len(tree.cssselect("h1")) == 1
    assert [h.get("id") for h in tree.cssselect(".guide h3")] == [
        "guide-symptoms-h", "guide-causes-h", "guide-helps-h", "guide-apart-h", "guide-urgent-h",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("told_apart", "Piriformis syndrome without a colon", "Condition name: how it differs"),
        ("specialties", "Astrology", "Not a specialty we know"),
        ("symptoms", "\n \n", "at least one item"),
    ],
)
def test_bad_guide_text_is_refused_with_a_clear_message(condition, field, value, message):
    with pytest.raises(ValidationError, match=message):
        services.edit_guide(condition=condition, author=None, fields={**GUIDE_FIELDS, field: value})
    assert not Guide.objects.exists()


def test_the_ask_button_pre_selects_the_condition(member_client, condition, other_condition):
    tree = page(member_client, condition)
    button = tree.cssselect("a.ask-button")[0]
    assert button.text_content() == f"Ask about {condition.name}"
    ask = lxml.html.fromstring(member_client.get(button.get("href")).content)
    checked = [box.get("value") for box in ask.cssselect('input[name="conditions"][checked]')]
    assert checked == [str(condition.pk)]


def test_an_unknown_condition_in_the_ask_link_preselects_nothing(member_client, condition):
    ask = lxml.html.fromstring(
        member_client.get(reverse("discussions:ask"), {"condition": "no-such"}).content
    )
    assert not ask.cssselect('input[name="conditions"][checked]')


def test_most_helpful_answered_questions_lead_accepted_first(
    client, condition, member, other_member
):
    plain = make_question(author=member, conditions=[condition], title="Plain answered question")
    discussions.post_reply(parent=plain.opening_post, author=other_member, body="A reply.")
    liked = make_question(author=member, conditions=[condition], title="Liked answered question")
    discussions.post_reply(parent=liked.opening_post, author=other_member, body="A reply.")
    accepted = make_question(author=member, conditions=[condition], title="Accepted question")
    answer = discussions.post_reply(
        parent=accepted.opening_post, author=other_member, body="The answer."
    )
    discussions.accept_answer(thread=accepted, post=answer, actor=member)
    liked.__class__.objects.filter(pk=liked.pk).update(helpful_count=5)
    make_question(author=member, conditions=[condition], title="Nobody replied")
    context = client.get(condition.get_absolute_url()).context
    assert [t.title for t in context["helpful"]] == [
        "Accepted question",
        "Liked answered question",
        "Plain answered question",
    ]
    assert [t.title for t in context["unanswered"]] == ["Nobody replied"]


def test_the_page_lists_articles_and_sub_conditions_with_the_guide(client, condition, editor):
    child = ConditionFactory(name="A narrower condition", parent=condition)
    make_article(author=editor, conditions=[condition], title="Loading the side of the hip")
    make_guide(condition=condition, author=editor)
    tree = page(client, condition)
    assert tree.cssselect(f'#sub-h + ul a[href="{child.get_absolute_url()}"]')
    assert (
        "Loading the side of the hip"
        in tree.cssselect(".guide-helps-h, #guide-helps-h")[0].getparent().text_content()
    )
    assert "Loading the side of the hip" in tree.cssselect("aside")[0].text_content()


def json_ld(client: Client, condition: Any) -> list[dict[str, Any]]:
    html = client.get(condition.get_absolute_url()).content.decode()
    return extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]


def test_structured_data_is_a_reviewed_medical_condition_and_a_collection_page(
    client, condition, editor, clinician
):
    condition.synonyms.create(name="Glute med")
    question = make_question(author=editor, conditions=[condition])
    guide = make_guide(condition=condition, author=editor, reviewer=clinician)
    items = {item["@type"]: item for item in json_ld(client, condition)}
    assert set(items) == {"MedicalWebPage", "CollectionPage", "BreadcrumbList"}
    medical = items["MedicalWebPage"]["about"]
    assert medical["@type"] == "MedicalCondition"
    assert medical["name"] == condition.name and medical["alternateName"] == ["Glute med"]
    assert [s["name"] for s in medical["signOrSymptom"]] == guide.symptom_list()
    assert {s["@type"] for s in medical["signOrSymptom"]} == {"MedicalSignOrSymptom"}
    assert [r["name"] for r in medical["riskFactor"]] == guide.cause_list()
    assert [t["name"] for t in medical["possibleTreatment"]] == guide.help_list()
    assert medical["relevantSpecialty"] == [
        "https://schema.org/Musculoskeletal",
        "https://schema.org/Physiotherapy",
    ]
    webpage = items["MedicalWebPage"]
    assert webpage["lastReviewed"] == f"{guide.reviewed_at:%Y-%m-%d}"
    assert webpage["reviewedBy"]["name"] == clinician.public_name
    listed = items["CollectionPage"]["mainEntity"]["itemListElement"]
    assert any(item["url"].endswith(question.get_absolute_url()) for item in listed)


def test_an_unreviewed_guide_claims_no_review_in_its_structured_data(client, condition, editor):
    make_guide(condition=condition, author=editor)
    webpage = next(i for i in json_ld(client, condition) if i["@type"] == "MedicalWebPage")
    assert "lastReviewed" not in webpage and "reviewedBy" not in webpage
    assert webpage["about"]["signOrSymptom"]


def test_not_sure_yet_claims_no_condition_and_mentions_the_ones_its_guide_tells_apart(
    client, not_sure_yet, condition, other_condition, editor, clinician
):
    """ "Not sure yet" is no diagnosis: its page is a reviewed ``MedicalWebPage`` that
    mentions the conditions its guide links to, never a ``MedicalCondition`` of its own
    with symptoms, risk factors or treatments."""
    told_apart = f"{condition.name}: at the side\n{other_condition.name}: in the buttock"
    guide = make_guide(
        condition=not_sure_yet, author=editor, reviewer=clinician, told_apart=told_apart
    )
    items = {item["@type"]: item for item in json_ld(client, not_sure_yet)}
    webpage = items["MedicalWebPage"]
    assert "about" not in webpage
    assert [(m["@type"], m["name"]) for m in webpage["mentions"]] == [
        ("MedicalCondition", condition.name),
        ("MedicalCondition", other_condition.name),
    ]
    assert webpage["mentions"][0]["url"].endswith(condition.get_absolute_url())
    assert webpage["lastReviewed"] == f"{guide.reviewed_at:%Y-%m-%d}"
    assert "MedicalCondition" not in items


def test_not_sure_yet_without_a_guide_claims_no_condition_either(client, not_sure_yet):
    webpage = next(i for i in json_ld(client, not_sure_yet) if i["@type"] == "MedicalWebPage")
    assert "about" not in webpage and "mentions" not in webpage


@pytest.mark.parametrize("n_questions", [3, 12])
def test_condition_page_query_count_with_a_guide_is_pinned(
    client,
    condition,
    other_condition,
    editor,
    clinician,
    member,
    django_assert_num_queries,
    n_questions,
):
    make_guide(
        condition=condition,
        author=editor,
        reviewer=clinician,
        told_apart=f"{other_condition.name}: deeper",
    )
    for n in range(n_questions):
        asked = make_question(author=member, conditions=[condition], title=f"Question {n}")
    discussions.post_reply(parent=asked.opening_post, author=editor, body="An answer.")
    make_article(author=editor, conditions=[condition])
    # Every list has rows. The condition with guide and reviewer (one join), synonyms,
    # children and the look-alikes (one query for both), four lists and their threads'
    # conditions (one query for the four), what members tried (one read of the stored
    # tallies)
    with django_assert_num_queries(9):
        assert client.get(condition.get_absolute_url()).status_code == 200


def test_sub_conditions_and_look_alikes_come_from_one_query_and_stay_apart(
    client, condition, other_condition, editor
):
    """A sub-condition the guide does not name is listed, not linked as a look-alike;
    a look-alike that is not a sub-condition is linked, not listed; one that is both is
    both."""
    unnamed_child = ConditionFactory(name="Zeta variant", parent=condition)
    named_child = ConditionFactory(name="Alpha variant", parent=condition)
    make_guide(
        condition=condition,
        author=editor,
        told_apart=f"{other_condition.name}: deeper\n{named_child.name}: lower",
    )
    tree = page(client, condition)
    assert [a.text for a in tree.cssselect("#sub-h + ul a")] == ["Alpha variant", "Zeta variant"]
    assert [(dt.text_content(), [a.get("href") for a in dt.cssselect("a")])
            for dt in tree.cssselect(".guide-apart dt")] == [
        (other_condition.name, [other_condition.get_absolute_url()]),
        ("Alpha variant", [named_child.get_absolute_url()]),
    ]  # fmt: skip
    assert unnamed_child.get_absolute_url() not in {
        a.get("href") for a in tree.cssselect(".guide-apart a")
    }


def test_a_condition_page_whose_threads_are_all_hidden_lists_none_of_them(
    client, condition, editor, member, django_assert_num_queries
):
    """Threads carrying the condition, none a visitor may see: the lists are queried
    (the tag count is only a bound) and show their empty lines."""
    make_guide(condition=condition, author=editor)
    asked = make_question(author=member, conditions=[condition], title="A hidden question")
    asked.status = "hidden"
    asked.save(update_fields=["status"])
    make_article(author=editor, conditions=[condition], publish=False)
    # the condition (with its tag count), synonyms, children, four lists (all empty, so
    # no conditions to fetch for them), what members tried
    with django_assert_num_queries(8):
        page = client.get(condition.get_absolute_url()).content.decode()
    assert "A hidden question" not in page
    assert "No answered questions about this condition yet." in page
    assert "No articles yet." in page


def test_a_condition_page_nobody_tagged_yet_skips_its_thread_lists(
    client, condition, editor, django_assert_num_queries
):
    make_guide(condition=condition, author=editor)
    # the condition (with its tag count: nought), synonyms, children, what members tried
    with django_assert_num_queries(4):
        page = client.get(condition.get_absolute_url()).content.decode()
    assert "No questions about this condition yet." in page
    assert "Every question here has a reply." in page
    assert "No articles yet." in page


def test_editing_a_guide_renews_the_cached_condition_page(
    settings, condition, editor, django_capture_on_commit_callbacks
):
    settings.MEDIUS_PAGE_CACHE = True
    with django_capture_on_commit_callbacks(execute=True):
        make_guide(condition=condition, author=editor)
    url = condition.get_absolute_url()
    assert Client().get(url)["X-Page-Cache"] == "miss"
    assert Client().get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.edit_guide(
            condition=condition, author=editor, fields={"symptoms": "A freshly written symptom"}
        )
    renewed = Client().get(url)
    assert renewed["X-Page-Cache"] == "miss"
    assert b"A freshly written symptom" in renewed.content


def test_erasing_a_reviewer_drops_their_stamp_and_the_export_lists_their_guides(
    condition, editor, clinician
):
    from forum.conditions import privacy

    guide = make_guide(condition=condition, author=editor, reviewer=clinician)
    assert privacy.export_member(clinician)["condition_guides_you_reviewed"] == [condition.name]
    assert privacy.export_member(editor)["condition_guides_you_last_edited"] == [condition.name]
    privacy.erase_member(clinician)
    privacy.erase_member(editor)
    guide.refresh_from_db()
    assert guide.reviewed_by is None and guide.reviewed_at is None and guide.author is None

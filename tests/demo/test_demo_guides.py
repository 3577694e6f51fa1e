"""Every demo condition has a complete guide, reviewed by a clinician who did not write it."""

from io import StringIO

import lxml.html
import pytest
from django.core.management import call_command

from forum.conditions.models import Condition, Guide
from forum.demo.data import CONDITIONS
from forum.demo.guides import GUIDES

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())


def test_the_demo_has_a_guide_for_each_of_its_conditions_and_for_not_sure_yet():
    assert len(CONDITIONS) >= 21
    assert set(GUIDES) == {c["slug"] for c in CONDITIONS} | {"not-sure-yet"}


@pytest.mark.parametrize("slug", sorted(GUIDES))
def test_each_demo_guide_is_complete(slug):
    guide = GUIDES[slug]
    assert len(guide["about"]) > 200
    assert len(guide["symptoms"]) >= 3 and len(guide["causes"]) >= 3
    assert len(guide["helps"]) >= 3 and len(guide["urgent"]) >= 2
    assert len(guide["told_apart"]) >= 2 and guide["evidence"] and guide["specialties"]


def test_load_demo_writes_every_guide_reviewed_by_another_clinician(demo, client):
    guides = Guide.objects.select_related("condition", "author", "reviewed_by")
    assert guides.count() == Condition.objects.count() == len(GUIDES)
    assert guides.filter(condition__is_undiagnosed=True).exists()
    for guide in guides:
        assert guide.is_reviewed and not guide.is_review_due
        assert guide.reviewed_by.is_verified_clinician and guide.reviewed_by != guide.author
        guide.full_clean()  # every look-alike names a demo condition, every specialty is known
        tree = lxml.html.fromstring(client.get(guide.condition.get_absolute_url()).content)
        assert len(tree.cssselect(".guide-apart dt a")) == len(guide.look_alikes())
        assert len(tree.cssselect("#guide-symptoms-h + ul > li")) == len(guide.symptom_list())


def test_loading_the_demo_again_keeps_edited_guides(demo, settings):
    guide = Guide.objects.first()
    Guide.objects.filter(pk=guide.pk).update(about="Edited by a moderator.")
    call_command("load_demo", stdout=StringIO())
    guide.refresh_from_db()
    assert guide.about == "Edited by a moderator."


def test_not_sure_yet_has_a_map_of_the_usual_causes_and_the_urgent_signs(demo, client):
    """Its guide reads as a map, not a diagnosis: what such pain often turns out to be, how
    to describe it, what to try meanwhile, how clinicians tell the causes apart (each linked)
    and when to get care now (linked to the help page's urgent-care notice)."""
    condition = Condition.objects.get(is_undiagnosed=True)
    tree = lxml.html.fromstring(client.get(condition.get_absolute_url()).content)
    headings = [h.text_content().strip() for h in tree.cssselect(".guide h2, .guide h3")]
    assert headings == [
        "Not sure yet: what it might be",
        "Describing your pain when you ask",
        "What outer-hip and buttock pain often turns out to be",
        "What is reasonable to try meanwhile",
        "How clinicians tell the usual causes apart",
        "When to get care now",
    ]
    linked = {a.get("href") for a in tree.cssselect(".guide-apart dt a")}
    assert linked == {
        Condition.objects.get(name=name).get_absolute_url()
        for name, _ in condition.guide.look_alikes()
    }
    assert tree.cssselect('.guide-urgent a[href$="#urgent"]')
    assert "Numbness around the groin" in tree.cssselect(".guide-urgent")[0].text_content()

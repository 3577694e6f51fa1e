"""The treatment vocabulary: seeded for the outer hip and buttock, found by its synonyms."""

import pytest
from django.db import IntegrityError

from forum.treatments.models import Kind, Treatment, TreatmentSynonym

pytestmark = pytest.mark.django_db


def test_the_seed_has_at_least_twenty_treatments_each_with_an_evidence_note():
    treatments = list(Treatment.objects.all())
    assert len(treatments) >= 20
    assert all(t.description and t.evidence_note for t in treatments)
    for slug in ["ball-release-gluteus-medius", "foam-rolling", "hip-abductor-strengthening",
                 "load-management", "running-gait-changes", "physiotherapy", "dry-needling",
                 "acupuncture", "corticosteroid-injection", "shockwave-therapy", "prp-injection",
                 "yoga"]:  # fmt: skip
        assert Treatment.objects.filter(slug=slug).exists(), slug


def test_every_kind_in_the_seed_is_a_known_kind():
    assert set(Treatment.objects.values_list("kind", flat=True)) <= set(Kind.values)


def test_a_treatment_is_found_by_its_name_or_a_synonym_in_any_case():
    assert list(Treatment.objects.matching("  eswt ")) == [
        Treatment.objects.get(slug="shockwave-therapy")
    ]
    assert list(Treatment.objects.matching("YOGA")) == [Treatment.objects.get(slug="yoga")]
    assert not Treatment.objects.matching("homeopathy").exists()


def test_a_synonym_names_one_treatment_only_whatever_its_case(yoga):
    with pytest.raises(IntegrityError):
        TreatmentSynonym.objects.create(treatment=yoga, name="prp")

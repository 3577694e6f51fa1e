"""The admin: editors of the vocabulary work like on conditions; members' records are
seen only by superusers, never changed there, and deleted through the service."""

import pytest
from django.urls import reverse

from forum.treatments import aggregates
from forum.treatments.models import TreatmentRecord
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_moderators_do_not_see_members_records(moderator_client, record):
    url = reverse("admin:treatments_treatmentrecord_changelist")
    assert moderator_client.get(url).status_code == 403


def test_a_superuser_deletes_a_record_through_the_service_and_the_counts_follow(
    client, record, condition
):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert [t.reported for t in aggregates.for_condition(condition)] == [1]
    response = client.post(
        reverse("admin:treatments_treatmentrecord_changelist"),
        {"action": "delete_records", "_selected_action": [record.pk]},
    )
    assert response.status_code == 302
    assert not TreatmentRecord.objects.exists()
    assert aggregates.for_condition(condition) == [], "the tally went with the record"


def test_a_superuser_cannot_change_a_record(client, record):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    url = reverse("admin:treatments_treatmentrecord_change", args=[record.pk])
    response = client.post(url, {"outcome": "much_better"})
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.outcome == "too_early"

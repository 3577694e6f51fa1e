"""A suspended member keeps reading but cannot change what others read about them.

Issue 11: suspended members could still change their display name and bio, and apply to
be shown as a clinician. Refused in the views and in the services, with the suspension
message.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from forum.accounts.models import ClinicianApplication

pytestmark = pytest.mark.django_db

APPLICATION = {
    "profession": "Physiotherapist",
    "registration_body": "HCPC",
    "registration_number": "PH123456",
    "country": "United Kingdom",
    "verification_url": "https://register.example/PH123456",
}


def update_profile(**kwargs):
    from forum.accounts.services import update_profile

    return update_profile(**kwargs)


def apply_as_clinician(**kwargs):
    from forum.accounts.services import apply_as_clinician

    return apply_as_clinician(**kwargs)


@pytest.fixture
def suspended(member):
    member.suspended_until = timezone.now() + timedelta(days=3)
    member.suspension_reason = "Repeated advertising."
    member.display_name = "Before"
    member.save()
    return member


def test_a_suspended_member_cannot_change_their_profile(suspended, member_client):
    response = member_client.post(
        reverse("accounts:settings"), {"display_name": "Buy my course", "bio": "example.com"}
    )
    assert response.status_code == 403
    text = response.content.decode()
    assert "Your account is suspended until" in text
    assert "change your public profile" in text
    assert "Repeated advertising." in text
    suspended.refresh_from_db()
    assert (suspended.display_name, suspended.bio) == ("Before", "")
    with pytest.raises(PermissionDenied, match="suspended"):
        update_profile(member=suspended, display_name="Buy my course", bio="")


def test_a_suspended_member_can_still_read_their_settings(suspended, member_client):
    assert member_client.get(reverse("accounts:settings")).status_code == 200


def test_a_suspended_member_cannot_apply_as_a_clinician(suspended, member_client):
    response = member_client.post(reverse("accounts:clinician"), APPLICATION)
    assert response.status_code == 403
    assert "so you cannot apply as a clinician" in response.content.decode()
    assert not ClinicianApplication.objects.exists()
    with pytest.raises(PermissionDenied):
        apply_as_clinician(member=suspended, **APPLICATION)


def test_once_the_suspension_ends_both_work_again(suspended, member_client):
    suspended.suspended_until = timezone.now() - timedelta(minutes=1)
    suspended.save()
    assert (
        member_client.post(
            reverse("accounts:settings"), {"display_name": "After", "bio": ""}
        ).status_code
        == 302
    )
    assert member_client.post(reverse("accounts:clinician"), APPLICATION).status_code == 302
    assert ClinicianApplication.objects.filter(user=suspended).count() == 1


def test_the_service_refuses_a_second_pending_application(member):
    apply_as_clinician(member=member, **APPLICATION)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="still waiting"):
        apply_as_clinician(member=member, **APPLICATION)

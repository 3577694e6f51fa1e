"""A display name is shown instead of the username, so it is where impersonation happens.

Issue 11: no control, bidi-override or zero-width characters (refused, naming the
character, so the member sees what is wrong and keeps what they typed); no names that
imitate staff or the clinician badge unless the member is staff or a verified clinician;
and not another member's username or display name. The rules hold on every path: the
profile form, the admin's user form and ``services.update_profile``.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.mfa import give_authenticator, log_in

pytestmark = pytest.mark.django_db

INVISIBLE = [
    "Ann\u202eeil",  # right-to-left override
    "Bob\u200b",  # zero-width space
    "Sam\u2066x\u2069",  # isolates
    "Line\nbreak",
    "Tab\there",
    "Bell\x07",
    "Soft\u00adhyphen",
    "Filler\u3164",
    "\ufeffBom",
]
STAFF_LOOKALIKES = [
    "Moderator",
    "Rowan (moderator)",
    "m0d3rat0r",
    "M O D E R A T O R",
    "\u041coderator",  # a Cyrillic capital em
    "Site admin",
    "adm1n",
    "Medius team",
    "Staff",
    "Administrator Jo",
]
CLINICIAN_LOOKALIKES = ["Jo ✓", "Dr Jo ⚕", "Verified physio", "Clinician Kim", "Kim 🩺"]
FINE = ["Hill Runner K", "Badminton Bea", "Flagstaff Fan", "Gluteus medius survivor", "Zoë"]


def update_profile(**kwargs):
    from forum.accounts.services import update_profile

    return update_profile(**kwargs)


def _profile(client, name, bio="A line about me."):
    return client.post(reverse("accounts:settings"), {"display_name": name, "bio": bio})


@pytest.mark.parametrize("name", INVISIBLE)
def test_invisible_characters_are_refused_with_a_clear_error(member_client, member, name):
    response = _profile(member_client, name)
    assert response.status_code == 200
    errors = response.context["form"].errors["display_name"]
    assert "Use only characters that can be seen" in errors[0]
    assert "(U+" in errors[0]
    member.refresh_from_db()
    assert member.display_name == ""


@pytest.mark.parametrize("name", STAFF_LOOKALIKES)
def test_names_that_imitate_staff_are_kept_for_staff(member_client, member, name):
    response = _profile(member_client, name)
    assert "kept for the team" in response.content.decode()
    member.refresh_from_db()
    assert member.display_name == ""
    with pytest.raises(ValidationError):
        update_profile(member=member, display_name=name, bio="")


@pytest.mark.parametrize("name", ["Rowan (moderator)", "Medius staff"])
def test_staff_may_say_they_are_staff(moderator, name):
    update_profile(member=moderator, display_name=name, bio="")
    moderator.refresh_from_db()
    assert moderator.display_name == name


@pytest.mark.parametrize("name", CLINICIAN_LOOKALIKES)
def test_clinician_badge_lookalikes_are_kept_for_verified_clinicians(member, name):
    with pytest.raises(ValidationError, match="kept for verified clinicians"):
        update_profile(member=member, display_name=name, bio="")
    member.clinician_verified_at = timezone.now()
    member.save()
    update_profile(member=member, display_name=name, bio="")


@pytest.mark.parametrize("name", FINE)
def test_ordinary_names_are_fine(member_client, member, name):
    assert _profile(member_client, name).status_code == 302
    member.refresh_from_db()
    assert member.display_name == name


def _name_errors(response) -> str:
    return " ".join(response.context["form"].errors.get("display_name", []))


@pytest.mark.parametrize("name", ["bob", "BOB", "\uff42\uff4f\uff42", "\u0412ob"])
def test_another_members_username_is_refused(member_client, member, other_member, name):
    """Case, full-width forms (NFKC) and a look-alike letter (a Cyrillic capital ve) do
    not make it another name."""
    assert "another member's username" in _name_errors(_profile(member_client, name))


def test_a_lookalike_of_another_username_is_refused(member_client, other_member):
    other_member.username = "oscar"
    other_member.save()
    response = _profile(member_client, "\u043escar")  # a Cyrillic o
    assert "another member's username" in _name_errors(response)


def test_another_members_display_name_is_refused(member_client, other_member):
    other_member.display_name = "Trail Walker"
    other_member.save()
    response = _profile(member_client, "trail walker")
    assert "Another member already goes by that name" in _name_errors(response)


def test_ones_own_username_is_fine(member_client, member):
    assert _profile(member_client, "Alice").status_code == 302


def test_the_admin_user_form_applies_the_same_rules(client, member, settings):
    settings.MEDIUS_ADMIN_REQUIRES_MFA = True
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    log_in(client, root, secret=give_authenticator(root))
    data = {
        "username": member.username,
        "email": member.email,
        "display_name": "Moderator\u202e",
        "bio": "",
        "is_active": "on",
        "date_joined_0": member.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": member.date_joined.strftime("%H:%M:%S"),
    }
    url = reverse("admin:accounts_user_change", args=[member.pk])
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Use only characters that can be seen" in response.content.decode()
    response = client.post(url, data | {"display_name": "Moderator Jo"})
    assert "kept for the team" in response.content.decode()
    member.refresh_from_db()
    assert member.display_name == ""
    # Made staff in the same form, the name is theirs to use.
    moderators = Group.objects.get(name="Moderators")
    give_authenticator(member)
    response = client.post(
        url, data | {"display_name": "Moderator Jo", "is_staff": "on", "groups": [moderators.pk]}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "Moderator Jo"

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_settings_page_needs_login(client):
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_member_edits_their_profile(member_client, member):
    response = member_client.post(
        reverse("accounts:settings"), {"display_name": "Hill runner", "bio": "Left side."}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.display_name, member.bio) == ("Hill runner", "Left side.")


def test_failed_profile_form_keeps_what_was_typed(member_client, member):
    long_bio = "My story. " * 60
    response = member_client.post(
        reverse("accounts:settings"), {"display_name": "Keeps this", "bio": long_bio}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Keeps this" in html
    assert long_bio.strip() in html
    assert "at most 500 characters" in html
    member.refresh_from_db()
    assert member.bio == ""

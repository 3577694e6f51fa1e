import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_profile_shows_public_fields_and_never_the_email(client, member):
    member.display_name = "Alice R."
    member.bio = "Trail runner with a grumpy left hip."
    member.save()

    response = client.get(reverse("accounts:profile", args=[member.username]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Alice R." in html
    assert "grumpy left hip" in html
    assert "@alice" in html
    assert "joined" in html
    assert member.email not in html


def test_profile_of_unknown_or_inactive_member_is_404(client, member):
    assert client.get(reverse("accounts:profile", args=["nobody"])).status_code == 404
    member.is_active = False
    member.save()
    assert client.get(reverse("accounts:profile", args=[member.username])).status_code == 404


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


def test_bio_is_escaped(client, member):
    member.bio = '<script>alert("x")</script>'
    member.save()
    html = client.get(reverse("accounts:profile", args=[member.username])).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html

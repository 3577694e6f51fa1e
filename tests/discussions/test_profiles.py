"""A member's public page (served by discussions: it lists what they wrote)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_profile_shows_public_fields_and_never_the_email(client, member):
    member.display_name = "Alice R."
    member.bio = "Trail runner with a grumpy left hip."
    member.save()

    response = client.get(reverse("discussions:profile", args=[member.username]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Alice R." in html
    assert "grumpy left hip" in html
    assert "@alice" in html
    assert "joined" in html
    assert member.email not in html


def test_profile_of_unknown_or_inactive_member_is_404(client, member):
    assert client.get(reverse("discussions:profile", args=["nobody"])).status_code == 404
    member.is_active = False
    member.save()
    assert client.get(reverse("discussions:profile", args=[member.username])).status_code == 404


def test_bio_is_escaped(client, member):
    member.bio = '<script>alert("x")</script>'
    member.save()
    html = client.get(reverse("discussions:profile", args=[member.username])).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html

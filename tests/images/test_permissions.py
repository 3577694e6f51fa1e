"""Who may post images: the trust level MEDIUS_IMAGES_MIN_TRUST_LEVEL names, enforced by the
image service whoever calls it, with the reason shown in the editor."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.accounts.models import TrustLevel
from forum.images.models import Image
from forum.images.permissions import ImagesNotAllowed
from forum.images.services import QuotaExceeded, upload_image
from tests.factories import ConditionFactory, UserFactory, make_question
from tests.images.conftest import image_bytes, phone_photo, upload_of


def test_the_default_level_is_basic(settings):
    assert settings.MEDIUS_IMAGES_MIN_TRUST_LEVEL == "basic"


@pytest.mark.parametrize(
    ("setting", "level", "allowed"),
    [
        ("basic", TrustLevel.NEW, False),
        ("basic", TrustLevel.BASIC, True),
        ("basic", TrustLevel.TRUSTED, True),
        ("member", TrustLevel.BASIC, False),
        ("member", TrustLevel.MEMBER, True),
        ("new", TrustLevel.NEW, True),
    ],
)
def test_the_service_lets_members_at_the_level_upload(db, settings, setting, level, allowed):
    settings.MEDIUS_IMAGES_MIN_TRUST_LEVEL = setting
    uploader = UserFactory(trust_level=level)
    if allowed:
        upload_image(uploader=uploader, upload=upload_of(image_bytes()))
        assert Image.objects.filter(uploader=uploader).count() == 1
    else:
        with pytest.raises(ImagesNotAllowed, match="trust level"):
            upload_image(uploader=uploader, upload=upload_of(image_bytes()))
        assert not Image.objects.exists()


def test_a_level_a_moderator_locked_at_new_keeps_images_closed(db):
    """An old account with many posts, locked at "new" by a moderator: the stored level decides."""
    uploader = UserFactory(
        trust_level=TrustLevel.NEW,
        trust_level_locked=True,
        date_joined=timezone.now() - timedelta(days=400),
    )
    with pytest.raises(ImagesNotAllowed):
        upload_image(uploader=uploader, upload=upload_of(image_bytes()))


def test_staff_and_verified_clinicians_upload_whatever_their_level(db, moderator, clinician):
    for uploader in (moderator, clinician):
        assert uploader.trust_level == TrustLevel.NEW
        upload_image(uploader=uploader, upload=upload_of(image_bytes()))
    assert Image.objects.count() == 2


def test_an_editor_needs_the_level_like_any_member(db, editor):
    with pytest.raises(ImagesNotAllowed):
        upload_image(uploader=editor, upload=upload_of(image_bytes()))


def test_a_suspended_member_cannot_upload(db):
    uploader = UserFactory(
        trust_level=TrustLevel.TRUSTED, suspended_until=timezone.now() + timedelta(days=3)
    )
    with pytest.raises(ImagesNotAllowed, match="suspended"):
        upload_image(uploader=uploader, upload=upload_of(image_bytes()))


def test_the_daily_quota_holds_at_any_level(db, settings):
    settings.MEDIUS_IMAGES_PER_DAY = 1
    uploader = UserFactory(trust_level=TrustLevel.TRUSTED)
    upload_image(uploader=uploader, upload=upload_of(image_bytes()))
    with pytest.raises(QuotaExceeded):
        upload_image(uploader=uploader, upload=upload_of(image_bytes()))


def test_the_editor_upload_answers_403_with_the_reason(client, member):
    client.force_login(member)
    response = client.post(reverse("discussions:image_upload"), {"image": upload_of(phone_photo())})
    assert response.status_code == 403
    error = response.json()["error"]
    assert "New members cannot post images yet" in error
    assert "“Basic” trust level" in error and "yours is “New”" in error
    assert not Image.objects.exists()


def test_the_plain_image_field_refuses_and_keeps_the_text(client, member):
    client.force_login(member)
    body = "Where it hurts: the bony point on the outside of my hip."
    response = client.post(
        reverse("discussions:ask"),
        {
            "title": "Pain on the outer hip when lying on my side",
            "body": body,
            "conditions": [ConditionFactory().pk],
            "image": upload_of(phone_photo()),
            "image_alt": "My hip",
        },
    )
    assert response.status_code == 200
    assert "New members cannot post images yet" in response.content.decode()
    assert body in response.content.decode()
    assert not Image.objects.exists()


def test_the_editor_says_why_instead_of_offering_images(client, member):
    thread = make_question(author=UserFactory(), conditions=[ConditionFactory()])
    client.force_login(member)
    for url in (reverse("discussions:ask"), thread.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "New members cannot post images yet" in page, url
        assert reverse("moderation:trust") in page
        assert "data-image-upload-url" not in page
        assert 'name="image"' not in page


def test_the_editor_offers_images_at_the_level(db, client):
    member = UserFactory(trust_level=TrustLevel.BASIC)
    client.force_login(member)
    page = client.get(reverse("discussions:ask")).content.decode()
    assert "cannot post images" not in page
    assert "data-image-upload-url" in page
    assert 'name="image"' in page

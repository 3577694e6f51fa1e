"""An image's life after upload: export, account deletion, the orphan sweep, backups."""

import base64
import io
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image as PILImage

from forum.discussions import images as post_images
from forum.discussions import services
from forum.images.models import Image
from forum.images.services import sweep_orphans, upload_image
from forum.privacy.services import delete_member, export_member_data
from tests.factories import ConditionFactory, make_question
from tests.images.conftest import SERIAL, image_bytes, phone_photo, upload_of


@pytest.fixture
def condition(db):
    return ConditionFactory(name="Piriformis syndrome")


def shown(image: Image) -> str:
    return f"![A diagram of the hip]({post_images.image_url(image)})"


def files_of(image: Image) -> list[str]:
    return [image.display.name, image.thumbnail.name]


def test_export_holds_each_image_as_served(member):
    image = upload_image(uploader=member, upload=upload_of(phone_photo()))
    exported = export_member_data(member=member)["images"]
    assert [entry["key"] for entry in exported] == [image.key]
    data = base64.b64decode(exported[0]["data_base64"])
    assert SERIAL.encode() not in data
    assert PILImage.open(io.BytesIO(data)).size == (image.width, image.height)


def test_deleting_the_account_without_posts_removes_every_image(
    member, condition, django_capture_on_commit_callbacks
):
    used = upload_image(uploader=member, upload=upload_of(image_bytes()))
    unused = upload_image(uploader=member, upload=upload_of(image_bytes()))
    make_question(author=member, conditions=[condition], body=shown(used))
    names = files_of(used) + files_of(unused)
    with django_capture_on_commit_callbacks(execute=True):
        delete_member(member=member, keep_posts=False)
    assert not Image.objects.exists()
    assert not any(default_storage.exists(name) for name in names)


def test_deleting_the_account_keeping_posts_keeps_their_images(
    member, condition, client, django_capture_on_commit_callbacks
):
    used = upload_image(uploader=member, upload=upload_of(image_bytes()))
    unused = upload_image(uploader=member, upload=upload_of(image_bytes()))
    make_question(author=member, conditions=[condition], body=shown(used))
    with django_capture_on_commit_callbacks(execute=True):
        delete_member(member=member, keep_posts=True)
    assert list(Image.objects.all()) == [used]
    assert not default_storage.exists(unused.display.name)
    assert client.get(post_images.image_url(used)).status_code == 200


def test_orphan_sweep_removes_only_old_unused_uploads(
    member, condition, django_capture_on_commit_callbacks
):
    old_unused = upload_image(uploader=member, upload=upload_of(image_bytes()))
    old_used = upload_image(uploader=member, upload=upload_of(image_bytes()))
    services.post_reply(
        parent=make_question(author=member, conditions=[condition]).opening_post,
        author=member,
        body=shown(old_used),
    )
    fresh = upload_image(uploader=member, upload=upload_of(image_bytes()))
    Image.objects.exclude(pk=fresh.pk).update(created_at=timezone.now() - timedelta(hours=25))
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_orphans() == 1
    assert set(Image.objects.all()) == {old_used, fresh}
    assert not default_storage.exists(old_unused.display.name)
    assert default_storage.exists(old_used.display.name)

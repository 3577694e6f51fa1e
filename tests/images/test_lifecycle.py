"""An image's life after upload: export, account deletion, the orphan sweep, backups."""

import base64
import io
import os
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DatabaseError, transaction
from django.utils import timezone
from PIL import Image as PILImage

from forum.discussions import images as post_images
from forum.discussions import services
from forum.images.models import Image
from forum.images.services import sweep_orphans, upload_image
from forum.privacy.services import delete_member, export_member_data
from tests.factories import ConditionFactory, make_question
from tests.images.conftest import SERIAL, image_bytes, phone_photo, upload_of

pytestmark = pytest.mark.usefixtures("established")


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


def age(media_root, names: list[str], hours: int) -> None:
    then = (timezone.now() - timedelta(hours=hours)).timestamp()
    for name in names:
        os.utime(media_root / name, (then, then))


def test_files_of_an_upload_whose_transaction_rolled_back_are_swept(
    member, media_root, django_capture_on_commit_callbacks
):
    """The post that was to show the image failed: no row, two stray files. The sweep
    leaves them while their transaction might still be in flight, then deletes them."""
    with pytest.raises(RuntimeError), transaction.atomic():
        rolled_back = upload_image(uploader=member, upload=upload_of(image_bytes()))
        raise RuntimeError("the post was refused after its image was stored")
    strays = files_of(rolled_back)
    assert not Image.objects.exists()
    assert all(default_storage.exists(name) for name in strays)
    kept = upload_image(uploader=member, upload=upload_of(image_bytes()))
    Image.objects.update(used_at=timezone.now())  # a post shows it: never an orphan
    (media_root / "images" / "notes.txt").write_text("not an upload")

    assert sweep_orphans() == 0
    assert all(default_storage.exists(name) for name in strays)

    age(media_root, [*strays, *files_of(kept), "images/notes.txt"], hours=25)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_orphans() == 1
    assert not any(default_storage.exists(name) for name in strays)
    assert all(default_storage.exists(name) for name in files_of(kept))
    assert default_storage.exists("images/notes.txt")
    assert list(Image.objects.all()) == [kept]


def test_files_are_deleted_when_the_row_cannot_be_saved(member, media_root, monkeypatch):
    def fail(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(Image, "save", fail)
    with pytest.raises(DatabaseError):
        upload_image(uploader=member, upload=upload_of(image_bytes()))
    assert not [path for path in media_root.rglob("*") if path.is_file()]


def test_the_sweep_command_says_how_many_went(member, media_root, capsys):
    with pytest.raises(RuntimeError), transaction.atomic():
        stray = upload_image(uploader=member, upload=upload_of(image_bytes()))
        raise RuntimeError
    age(media_root, files_of(stray), hours=25)
    call_command("sweep_images")
    assert "Removed 1 unused image(s)" in capsys.readouterr().out
    assert not default_storage.exists(stray.display.name)

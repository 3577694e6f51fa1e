"""A backup holds the uploaded images beside the database, and a restore brings both back."""

import shutil
import stat
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from forum.backups import snapshots
from forum.images.models import Image
from forum.images.services import upload_image
from tests.factories import UserFactory
from tests.images.conftest import image_bytes, upload_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("established")]


def test_backup_and_restore_include_the_images(tmp_path: Path, settings):
    image = upload_image(uploader=UserFactory(), upload=upload_of(image_bytes()))
    stored = Path(settings.MEDIA_ROOT) / image.display.name
    original = stored.read_bytes()
    snapshot = snapshots.back_up(directory=tmp_path / "backups")
    archive = snapshots.media_archive(snapshot)
    assert archive.is_file()
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600

    later = upload_image(uploader=UserFactory(), upload=upload_of(image_bytes()))
    shutil.rmtree(Path(settings.MEDIA_ROOT) / "images" / image.key[:2])
    snapshots.restore(path=snapshot)

    assert stored.read_bytes() == original
    assert list(Image.objects.values_list("key", flat=True)) == [image.key]
    if later.key[:2] != image.key[:2]:
        assert not default_storage.exists(later.display.name)


def test_restore_refuses_paths_outside_the_media_directory(tmp_path: Path, settings):
    import io
    import tarfile

    snapshot = snapshots.back_up(directory=tmp_path / "backups")
    archive = snapshots.media_archive(snapshot)
    archive.unlink()
    with tarfile.open(archive, "w") as tar:
        evil = tarfile.TarInfo("../../escaped.txt")
        evil.size = 4
        tar.addfile(evil, io.BytesIO(b"evil"))
    with pytest.raises(tarfile.OutsideDestinationError):
        snapshots.restore_media(snapshot)
    assert not (Path(settings.MEDIA_ROOT).parent / "escaped.txt").exists()

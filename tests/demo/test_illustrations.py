"""The demo articles' drawings: made by forum/demo/illustrations.py, stored through the image
service like any upload, and shown as the articles' lead images with real alt text."""

import io
from io import StringIO

import pytest
from django.core.management import call_command
from PIL import Image as PILImage

from forum.demo import data
from forum.demo.illustrations import ILLUSTRATIONS
from forum.discussions import images as post_images
from forum.discussions.models import Thread
from forum.images.models import Image

pytestmark = pytest.mark.django_db


def _load():
    call_command("load_demo", "--yes-this-is-a-demo", stdout=StringIO())


@pytest.mark.parametrize("name", sorted(ILLUSTRATIONS))
def test_each_drawing_is_a_share_sized_png(name):
    drawing = ILLUSTRATIONS[name]
    with PILImage.open(io.BytesIO(drawing.draw())) as picture:
        assert (picture.format, picture.size) == ("PNG", (1200, 675))
        assert len(picture.getcolors(maxcolors=100_000) or []) > 10  # not a blank card
    assert len(drawing.alt) > 60 and drawing.alt.startswith("Diagram of")


def test_the_ball_and_anatomy_articles_get_their_drawings_once(client):
    _load()
    illustrated = {
        spec["title"]: spec["illustration"] for spec in data.ARTICLES if spec.get("illustration")
    }
    assert set(illustrated.values()) == {"ball_against_a_wall", "gluteus_medius"}
    for title, name in illustrated.items():
        article = Thread.objects.select_related("lead_image").get(title=title)
        image = article.lead_image
        assert image is not None and image.used_at is not None
        assert image.uploader == article.author
        assert article.lead_image_alt == ILLUSTRATIONS[name].alt
        assert (image.width, image.height) == (1200, 675)
        assert image.content_type in {"image/png", "image/webp"}  # re-encoded, lossless
        page = client.get(article.get_absolute_url()).content.decode()
        assert f'src="{post_images.image_url(image)}"' in page
        assert client.get(post_images.image_url(image)).status_code == 200
    ball = Thread.objects.get(title__startswith="Self-release for the glutes")
    assert "greater trochanter" in ball.lead_image_alt

    _load()
    assert Image.objects.count() == 2


def test_an_article_loaded_before_the_drawings_gets_its_drawing(client):
    _load()
    Thread.objects.update(lead_image=None, lead_image_alt="")
    Image.objects.all().delete()
    _load()
    assert Thread.objects.exclude(lead_image=None).count() == 2

"""An article's lead image: set where articles are edited (the site and the admin), shown on
its page with its size, shared as og:image and in the Article JSON-LD; pages without one
share the site's picture."""

import base64
import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from PIL import Image as PILImage

from forum.accounts.models import TrustLevel
from forum.discussions import images as post_images
from forum.discussions import services
from forum.discussions.models import Thread
from forum.discussions.policy import PostRefused
from forum.images.models import Image
from forum.images.services import upload_image
from forum.moderation import services as moderation
from forum.privacy.services import delete_member
from tests.factories import ConditionFactory, UserFactory, make_article
from tests.images.conftest import SERIAL, image_bytes, phone_photo, upload_of

SITE = "https://medius.example"
ALT = "A massage ball between the outer hip and a wall"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def writer(editor):
    editor.trust_level = TrustLevel.BASIC
    editor.save(update_fields=["trust_level"])
    return editor


@pytest.fixture
def condition(db):
    return ConditionFactory(name="Greater trochanteric pain syndrome")


def wide_photo() -> bytes:
    return phone_photo(size=(2400, 1260), orientation=1)


def article_form(condition, **extra):
    return {
        "title": "Ball release for the outer hip",
        "summary": "Where the ball goes, and how hard to lean.",
        "body": "Stand side-on to a wall with the ball just behind the bony point of the hip.",
        "conditions": [condition.pk],
        "publish": "on",
        **extra,
    }


def meta(html: str, prop: str) -> str | None:
    found = re.search(rf'<meta property="{re.escape(prop)}" content="([^"]*)">', html)
    return found[1] if found else None


def json_ld_article(html: str) -> dict:
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        for item in data if isinstance(data, list) else [data]:
            if item.get("@type") == "Article":
                return item
    raise AssertionError("no Article JSON-LD")


@pytest.fixture
def article_with_image(writer, condition) -> Thread:
    image = upload_image(uploader=writer, upload=upload_of(wide_photo()))
    return services.write_article(
        author=writer,
        title="Ball release for the outer hip",
        summary="Where the ball goes.",
        body="Lean into the ball gently.",
        conditions=[condition],
        publish=True,
        lead_image=image,
        lead_image_alt=ALT,
    )


def test_writing_an_article_with_a_lead_image_on_the_site(client, writer, condition):
    client.force_login(writer)
    response = client.post(
        reverse("discussions:article_new"),
        article_form(condition, lead_image=upload_of(wide_photo()), lead_image_alt=ALT),
    )
    article = Thread.objects.get()
    assert response.status_code == 302
    image = article.lead_image
    assert image is not None and article.lead_image_alt == ALT
    assert image.uploader == writer and image.used_at is not None
    assert (image.width, image.height) == (1600, 840)
    stored = default_storage.open(image.display.name).read()
    assert SERIAL.encode() not in stored


def test_the_page_shows_the_lead_image_with_its_size_and_shares_it(client, article_with_image):
    image = article_with_image.lead_image
    html = client.get(article_with_image.get_absolute_url()).content.decode()
    src = post_images.image_url(image)
    tag = re.search(r'<figure class="lead-image"><img ([^>]*)>', html)[1]
    assert f'src="{src}"' in tag and f'alt="{ALT}"' in tag
    assert 'width="1600" height="840"' in tag
    assert f'srcset="{post_images.thumbnail_url(image)} 480w, {src} 1600w"' in tag
    assert 'sizes="(max-width: 40rem) 100vw, 40rem"' in tag
    assert "loading=" not in tag  # above the fold
    assert meta(html, "og:image") == SITE + src
    assert meta(html, "og:image:width") == "1600"
    assert meta(html, "og:image:height") == "840"
    assert meta(html, "og:image:alt") == ALT
    assert json_ld_article(html)["image"] == [
        {
            "@type": "ImageObject",
            "url": SITE + src,
            "contentUrl": SITE + src,
            "width": 1600,
            "height": 840,
            "caption": ALT,
        }
    ]
    assert client.get(src).status_code == 200  # a visitor may fetch it


def test_the_lead_image_costs_the_article_page_no_query(
    client, writer, condition, article_with_image, django_assert_num_queries
):
    """Pinned: the image comes with the thread (select_related), so both pages cost the
    same; the number is the article page's for a signed-in reader (visitors get the page
    cache)."""
    plain = make_article(author=writer, conditions=[condition], title="Anatomy of the hip")
    client.force_login(UserFactory(username="reader"))
    client.get(plain.get_absolute_url())  # warm the caches both pages share
    with django_assert_num_queries(9):
        client.get(plain.get_absolute_url())
    with django_assert_num_queries(9):
        response = client.get(article_with_image.get_absolute_url())
    assert 'class="lead-image"' in response.content.decode()


def test_pages_without_their_own_image_share_the_site_picture(client, writer, condition):
    article = make_article(author=writer, conditions=[condition])
    share = SITE + django_settings.STATIC_URL + "brand/share.png"
    for path in (reverse("home"), reverse("discussions:articles"), article.get_absolute_url()):
        html = client.get(path).content.decode()
        assert meta(html, "og:image") == share, path
        assert meta(html, "og:image:width") == "1200"
        assert meta(html, "og:image:height") == "630"
        assert meta(html, "og:image:alt") == "The Medius mark and name"
        assert 'class="lead-image"' not in html
    assert json_ld_article(client.get(article.get_absolute_url()).content.decode())["image"] == [
        share
    ]


def test_the_site_picture_is_a_1200_by_630_png():
    path = Path(django_settings.BASE_DIR) / "static" / "brand" / "share.png"
    with PILImage.open(path) as picture:
        assert (picture.format, picture.size) == ("PNG", (1200, 630))


def test_a_lead_image_without_alt_text_is_refused_and_the_upload_kept(client, writer, condition):
    client.force_login(writer)
    data = article_form(condition, lead_image=upload_of(wide_photo()))
    response = client.post(reverse("discussions:article_new"), data)
    html = response.content.decode()
    assert response.status_code == 200 and not Thread.objects.exists()
    assert "Describe the lead image in a few words" in html
    assert "Stand side-on to a wall" in html  # the text is kept
    image = Image.objects.get()  # and the upload, by its key, for the next try
    assert f'name="lead_image_key" value="{image.key}"' in html
    response = client.post(
        reverse("discussions:article_new"),
        article_form(condition, lead_image_key=image.key, lead_image_alt=ALT),
    )
    assert response.status_code == 302
    assert Thread.objects.get().lead_image == image


def test_a_refused_file_is_an_error_on_the_field(client, writer, condition):
    client.force_login(writer)
    data = article_form(
        condition,
        lead_image=upload_of(
            b"<svg xmlns='http://www.w3.org/2000/svg'/>", "x.svg", "image/svg+xml"
        ),
        lead_image_alt=ALT,
    )
    response = client.post(reverse("discussions:article_new"), data)
    assert response.status_code == 200
    assert not Thread.objects.exists() and not Image.objects.exists()
    assert "Stand side-on to a wall" in response.content.decode()


def test_editing_replaces_then_removes_the_lead_image(client, writer, article_with_image):
    old = article_with_image.lead_image
    client.force_login(writer)
    url = reverse("discussions:article_edit", args=[article_with_image.pk])
    form = client.get(url).content.decode()
    assert post_images.thumbnail_url(old) in form and f'value="{ALT}"' in form
    base = article_form(article_with_image.conditions.get(), lead_image_key=old.key)
    response = client.post(
        url,
        {
            **base,
            "lead_image": upload_of(image_bytes(size=(800, 400))),
            "lead_image_alt": "A side view of the pelvis",
        },
    )
    assert response.status_code == 302
    article_with_image.refresh_from_db()
    new = article_with_image.lead_image
    assert new != old and article_with_image.lead_image_alt == "A side view of the pelvis"
    assert not Image.objects.filter(pk=old.pk).exists()  # no post showed it: deleted

    response = client.post(url, {**base, "lead_image_key": new.key, "remove_lead_image": "on"})
    assert response.status_code == 302
    article_with_image.refresh_from_db()
    assert article_with_image.lead_image is None and article_with_image.lead_image_alt == ""


def test_a_member_below_the_images_level_is_told_in_the_article_form(client, editor):
    client.force_login(editor)  # an editor at the "new" level
    html = client.get(reverse("discussions:article_new")).content.decode()
    assert "cannot post images yet" in html
    assert 'name="lead_image"' not in html


def test_the_service_refuses_no_alt_text_and_others_images(writer, condition, other_member):
    other_member.trust_level = TrustLevel.BASIC
    other_member.save(update_fields=["trust_level"])
    theirs = upload_image(uploader=other_member, upload=upload_of(image_bytes()))
    mine = upload_image(uploader=writer, upload=upload_of(image_bytes()))
    common = {
        "author": writer,
        "title": "Ball release for the outer hip",
        "summary": "",
        "body": "Lean gently.",
        "conditions": [condition],
        "publish": True,
    }
    with pytest.raises(PostRefused, match="Describe the lead image"):
        services.write_article(**common, lead_image=mine, lead_image_alt="  ")
    with pytest.raises(PostRefused, match="one you uploaded"):
        services.write_article(**common, lead_image=theirs, lead_image_alt=ALT)
    assert not Thread.objects.exists()


def test_the_database_refuses_a_lead_image_without_alt_text(article_with_image):
    with pytest.raises(IntegrityError), transaction.atomic():
        Thread.objects.filter(pk=article_with_image.pk).update(lead_image_alt="")


def test_the_lead_image_is_served_only_while_the_article_is_public(
    client, writer, condition, moderator, article_with_image
):
    image = article_with_image.lead_image
    draft_image = upload_image(uploader=writer, upload=upload_of(image_bytes()))
    services.write_article(
        author=writer, title="A draft about the hip", summary="", body="Not yet.",
        conditions=[condition], publish=False, lead_image=draft_image, lead_image_alt=ALT,
    )  # fmt: skip
    assert client.get(post_images.image_url(draft_image)).status_code == 404
    assert client.get(post_images.image_url(image)).status_code == 200
    moderation.hide_post(
        post=article_with_image.opening_post, moderator=moderator, reason="Checking a claim"
    )
    assert client.get(post_images.image_url(image)).status_code == 404


def test_a_removed_lead_image_leaves_the_page_and_the_share(
    client, moderator, article_with_image, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        moderation.remove_image(
            image=article_with_image.lead_image, moderator=moderator, reason="Not ours to use"
        )
    html = client.get(article_with_image.get_absolute_url()).content.decode()
    assert 'class="lead-image"' not in html
    assert meta(html, "og:image").endswith("brand/share.png")


def test_a_moderator_sets_the_lead_image_in_the_admin(
    moderator_client, moderator, writer, condition
):
    article = make_article(author=writer, conditions=[condition])
    url = reverse("admin:discussions_thread_change", args=[article.pk])
    form = moderator_client.get(url).content.decode()
    assert 'name="lead_image_upload"' in form and 'enctype="multipart/form-data"' in form
    data = {
        "title": article.title,
        "conditions": [condition.pk],
        "summary": article.summary,
        "lead_image_upload": upload_of(wide_photo()),
        "lead_image_text": "",
    }
    response = moderator_client.post(url, data)
    assert response.status_code == 200  # refused: no alt text
    assert "Describe the lead image" in response.content.decode()
    data["lead_image_upload"] = upload_of(wide_photo())
    data["lead_image_text"] = ALT
    response = moderator_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.lead_image is not None and article.lead_image.uploader == moderator
    assert article.lead_image_alt == ALT
    response = moderator_client.post(
        url, {**data, "lead_image_upload": "", "remove_lead_image": "on"}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.lead_image is None


def test_questions_have_no_lead_image_fields_in_the_admin(moderator_client, member, condition):
    from tests.factories import make_question

    question = make_question(author=member, conditions=[condition])
    form = moderator_client.get(reverse("admin:discussions_thread_change", args=[question.pk]))
    assert 'name="lead_image_upload"' not in form.content.decode()


@pytest.mark.parametrize("keep_posts", [True, False])
def test_account_deletion_keeps_the_lead_image_only_with_the_article(
    keep_posts, writer, article_with_image, django_capture_on_commit_callbacks
):
    image = article_with_image.lead_image
    with django_capture_on_commit_callbacks(execute=True):
        delete_member(member=writer, keep_posts=keep_posts)
    assert Image.objects.filter(pk=image.pk).exists() is keep_posts
    assert default_storage.exists(image.display.name) is keep_posts


def test_the_exported_data_holds_the_lead_image(writer, article_with_image):
    from forum.privacy.services import export_member_data

    exported = export_member_data(member=writer)["images"]
    assert [entry["key"] for entry in exported] == [article_with_image.lead_image.key]
    data = base64.b64decode(exported[0]["data_base64"])
    assert PILImage.open(io.BytesIO(data)).size == (1600, 840)

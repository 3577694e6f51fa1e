"""Images in posts: upload, rendering, who may see them, moderation, alt text."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage

from forum.discussions import images as post_images
from forum.discussions import services
from forum.discussions.policy import MISSING_ALT_TEXT, PostRefused
from forum.images.models import Image
from forum.images.services import upload_image
from forum.moderation import services as moderation
from tests.factories import ConditionFactory, make_question
from tests.images.conftest import SERIAL, image_bytes, phone_photo, upload_of

pytestmark = pytest.mark.usefixtures("established")


@pytest.fixture
def condition(db):
    return ConditionFactory(name="Gluteal tendinopathy")


@pytest.fixture
def image(member) -> Image:
    return upload_image(
        uploader=member, upload=upload_of(phone_photo(size=(2000, 1000), orientation=1))
    )


def shown(image: Image, alt: str = "Where the ball goes") -> str:
    return f"![{alt}]({post_images.image_url(image)})"


def test_upload_answers_with_the_markdown_to_insert(member_client):
    response = member_client.post(
        reverse("discussions:image_upload"), {"image": upload_of(phone_photo())}
    )
    assert response.status_code == 201
    data = response.json()
    image = Image.objects.get()
    assert data["url"] == post_images.image_url(image)
    assert data["markdown"] == f"![]({data['url']})"
    assert (data["width"], data["height"]) == (100, 200)


def test_stored_files_carry_no_metadata_and_random_names(member_client, member, media_root):
    member_client.post(
        reverse("discussions:image_upload"), {"image": upload_of(phone_photo(), "alice-home.jpg")}
    )
    image = Image.objects.get()
    files = [p for p in media_root.rglob("*") if p.is_file()]
    assert len(files) == 2  # display and thumbnail; the original is never written
    for path in files:
        data = path.read_bytes()
        assert SERIAL.encode() not in data and b"GPS" not in data and b"Exif" not in data
        assert "alice" not in str(path) and image.key in path.name


def test_refused_upload_says_why(member_client):
    response = member_client.post(
        reverse("discussions:image_upload"),
        {"image": upload_of(b"<svg onload=alert(1)>", "x.svg", "image/svg+xml")},
    )
    assert response.status_code == 400
    assert "JPEG, PNG, WebP or GIF" in response.json()["error"]
    assert not Image.objects.exists()


def test_upload_without_a_file_is_a_clear_error(member_client):
    response = member_client.post(reverse("discussions:image_upload"), {})
    assert response.status_code == 400
    assert response.json()["error"] == "Choose an image file to upload."


def test_visitors_cannot_upload(db, client):
    response = client.post(reverse("discussions:image_upload"), {"image": upload_of(phone_photo())})
    assert response.status_code == 302
    assert not Image.objects.exists()


def test_daily_quota(member_client, settings):
    settings.MEDIUS_IMAGES_PER_DAY = 2
    url = reverse("discussions:image_upload")
    for _ in range(2):
        assert member_client.post(url, {"image": upload_of(image_bytes())}).status_code == 201
    response = member_client.post(url, {"image": upload_of(image_bytes())})
    assert response.status_code == 400
    assert "2 images in the last day" in response.json()["error"]


def test_post_shows_the_image_with_size_srcset_and_lazy_loading(member, condition, image):
    thread = make_question(author=member, conditions=[condition], body="Here:\n\n" + shown(image))
    html = thread.opening_post.html
    assert f'src="{post_images.image_url(image)}"' in html
    assert 'width="1600" height="800"' in html
    assert f"{post_images.thumbnail_url(image)} 480w" in html
    assert 'loading="lazy"' in html and "sizes=" in html
    assert list(thread.opening_post.images.all()) == [image]
    image.refresh_from_db()
    assert image.used_at is not None


def test_another_members_image_or_another_site_shows_as_alt_text(member, other_member, condition):
    theirs = upload_image(uploader=other_member, upload=upload_of(image_bytes()))
    body = (
        f"{shown(theirs, 'Their picture')} ![Elsewhere](https://tracker.example/p.png) "
        "![Made up](/img/" + "0" * 32 + ".webp)"
    )
    html = make_question(author=member, conditions=[condition], body=body).opening_post.html
    assert "<img" not in html
    assert "Their picture" in html and "Elsewhere" in html and "Made up" in html


def test_raw_img_markup_is_never_kept(member, condition, image):
    body = f'<img src="{post_images.image_url(image)}" onerror="alert(1)"> text'
    html = make_question(author=member, conditions=[condition], body=body).opening_post.html
    assert "<img" not in html and "&lt;img" in html


def test_empty_alt_text_is_refused(member, condition, image):
    with pytest.raises(PostRefused, match="short description"):
        make_question(author=member, conditions=[condition], body="Look " + shown(image, " "))


def test_empty_alt_text_keeps_what_was_typed(member_client, condition, image):
    body = "My hip after a long walk " + shown(image, "")
    response = member_client.post(
        reverse("discussions:ask"),
        {"title": "Outer hip pain after walking", "body": body, "conditions": [condition.pk]},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "short description for people who cannot see it" in content
    assert "My hip after a long walk" in content
    assert MISSING_ALT_TEXT.startswith("Every image")


def test_edit_with_empty_alt_text_is_refused(member, condition, image):
    thread = make_question(author=member, conditions=[condition])
    with pytest.raises(PostRefused):
        services.edit_post(post=thread.opening_post, editor=member, body=shown(image, ""))


def serve(client, image: Image, *, thumbnail: bool = False):
    url = post_images.thumbnail_url(image) if thumbnail else post_images.image_url(image)
    return client.get(url)


def test_image_is_served_with_safe_headers(client, member, condition, image):
    make_question(author=member, conditions=[condition], body=shown(image))
    for thumbnail in (False, True):
        response = serve(client, image, thumbnail=thumbnail)
        assert response.status_code == 200
        assert response["Content-Type"] == image.content_type
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"] == f'inline; filename="image.{image.extension}"'
        assert "sandbox" in response["Content-Security-Policy"]
        assert response["Cache-Control"].startswith("private")
        data = b"".join(response.streaming_content)
        assert SERIAL.encode() not in data
        assert PILImage.open(io.BytesIO(data)).format == image.content_type.split("/")[1].upper()


def test_unused_upload_is_seen_only_by_its_uploader(member, other_member, image):
    uploader, visitor, other = Client(), Client(), Client()
    uploader.force_login(member)
    other.force_login(other_member)
    assert serve(uploader, image).status_code == 200
    assert serve(visitor, image).status_code == 404
    assert serve(other, image).status_code == 404


def test_wrong_extension_in_the_url_is_not_found(client, member, condition, image):
    make_question(author=member, conditions=[condition], body=shown(image))
    other = "png" if image.extension != "png" else "jpg"
    url = post_images.image_url(image).rsplit(".", 1)[0] + "." + other
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("action", ["hide", "delete"])
def test_hiding_or_deleting_the_post_stops_serving_its_image_to_others(
    client, member, moderator, condition, image, action
):
    thread = make_question(author=member, conditions=[condition])
    reply = services.post_reply(parent=thread.opening_post, author=member, body=shown(image))
    assert serve(client, image).status_code == 200
    if action == "hide":
        moderation.hide_post(post=reply, moderator=moderator, reason="Off topic")
    else:
        services.delete_post(post=reply, actor=member)
    assert serve(client, image).status_code == 404
    assert serve(client, image, thumbnail=True).status_code == 404
    client.force_login(member)
    assert serve(client, image).status_code == 200  # the author still sees their own


def test_held_post_image_is_seen_by_moderators_for_review(
    client, member, moderator, condition, image, settings
):
    thread = make_question(author=member, conditions=[condition])
    reply = services.post_reply(parent=thread.opening_post, author=member, body=shown(image))
    moderation.report_post(post=reply, reporter=moderator, reason="spam")
    services.set_post_status(post=reply, status="held", reason="Waiting")
    assert serve(client, image).status_code == 404
    client.force_login(moderator)
    assert serve(client, image).status_code == 200


def test_moderator_removes_one_image(
    client, member, moderator, condition, image, django_capture_on_commit_callbacks
):
    thread = make_question(author=member, conditions=[condition], body="Text " + shown(image))
    with django_capture_on_commit_callbacks(execute=True):
        moderation.remove_image(image=image, moderator=moderator, reason="Shows a face")
    assert serve(client, image).status_code == 404
    client.force_login(member)
    assert serve(client, image).status_code == 404
    thread.opening_post.refresh_from_db()
    assert "<img" not in thread.opening_post.html
    assert "Where the ball goes" in thread.opening_post.html
    assert not default_storage.exists(image.display.name)


def test_image_in_a_draft_article_is_only_its_authors(client, editor, condition):
    image = upload_image(uploader=editor, upload=upload_of(image_bytes()))
    services.write_article(
        author=editor,
        title="Ball release for the outer hip",
        summary="A picture of where the ball goes.",
        body=shown(image),
        conditions=[condition],
        publish=False,
    )
    assert serve(client, image).status_code == 404


def test_edit_that_drops_the_image_unlinks_it(client, member, condition, image):
    thread = make_question(author=member, conditions=[condition], body=shown(image))
    services.edit_post(post=thread.opening_post, editor=member, body="No picture after all.")
    assert not thread.opening_post.images.exists()
    assert serve(client, image).status_code == 404


def test_preview_shows_the_members_own_image(member_client, image):
    response = member_client.post(reverse("discussions:preview"), {"body": shown(image)})
    assert re.search(r'<img src="/img/[0-9a-f]{32}\.\w+"', response.content.decode())


def test_plain_file_field_adds_the_image_without_javascript(member_client, member, condition):
    thread = make_question(author=member, conditions=[condition])
    response = member_client.post(
        reverse("discussions:reply", kwargs={"pk": thread.opening_post.pk}),
        {"body": "Here is mine.", "image": upload_of(phone_photo()), "image_alt": "My [hip]"},
    )
    assert response.status_code == 302
    reply = thread.posts.get(depth=1)
    image = Image.objects.get()
    assert reply.body == f"Here is mine.\n\n![My (hip)]({post_images.image_url(image)})"
    assert list(reply.images.all()) == [image]
    assert 'alt="My (hip)"' in reply.html


def test_plain_file_field_needs_alt_text_and_keeps_the_text(member_client, member, condition):
    thread = make_question(author=member, conditions=[condition])
    response = member_client.post(
        reverse("discussions:reply", kwargs={"pk": thread.opening_post.pk}),
        {"body": "Words I typed.", "image": upload_of(phone_photo())},
    )
    assert response.status_code == 200
    assert "Describe the image in a few words." in response.content.decode()
    assert "Words I typed." in response.content.decode()
    assert not Image.objects.exists()


def test_plain_file_field_refusal_keeps_the_text(member_client, member, condition):
    thread = make_question(author=member, conditions=[condition])
    response = member_client.post(
        reverse("discussions:reply", kwargs={"pk": thread.opening_post.pk}),
        {
            "body": "Words I typed.",
            "image": upload_of(b"GIF89a<script>", "a.gif", "image/gif"),
            "image_alt": "A picture",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "could not be read" in content or "is not a JPEG" in content
    assert "Words I typed." in content
    assert not thread.posts.filter(depth=1).exists()

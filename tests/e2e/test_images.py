"""A member pastes a photo into a reply, is asked for its alt text, posts, and sees it."""

import base64
import io
import re

import pytest
from PIL import Image as PILImage
from playwright.sync_api import expect

from forum.accounts.models import TrustLevel
from forum.images.models import Image
from tests.e2e.test_question_journey import log_in
from tests.factories import ConditionFactory, UserFactory, make_question
from tests.images.conftest import SERIAL, phone_photo

ALT = "A massage ball between my outer hip and the wall"


@pytest.fixture(autouse=True)
def images_allowed(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def paste(page, locator, data: bytes, name: str, content_type: str) -> None:
    locator.evaluate(
        """(el, [b64, name, type]) => {
            const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type }));
            el.focus();
            const init = { clipboardData: transfer, bubbles: true, cancelable: true };
            el.dispatchEvent(new ClipboardEvent("paste", init));
        }""",
        [base64.b64encode(data).decode(), name, content_type],
    )


def test_pasted_image_asks_for_alt_text_and_shows_in_the_reply(page):
    asker = UserFactory(username="asker")
    thread = make_question(author=asker, conditions=[ConditionFactory(name="Hip bursitis")])
    helper = UserFactory(username="helper", trust_level=TrustLevel.BASIC)
    log_in(page, helper)
    page.goto(thread.get_absolute_url())
    body = page.get_by_label("Your reply")
    body.fill("This is where I put the ball:")
    paste(page, body, phone_photo(size=(2400, 1200), orientation=1), "image.png", "image/png")
    # The photo is a JPEG pasted under a PNG name: refused, with the reason, text kept.
    expect(page.get_by_role("dialog")).to_be_visible()
    page.get_by_label("Describe the image for people who cannot see it").fill(ALT)
    page.get_by_role("button", name="Insert image").click()
    expect(page.get_by_role("status").filter(has_text="save it again")).to_be_visible()
    expect(body).to_have_value("This is where I put the ball:")

    body.evaluate(
        "el => el.setSelectionRange(el.value.length, el.value.length)"
    )  # caret at the end
    paste(page, body, phone_photo(size=(2400, 1200), orientation=1), "image.jpg", "image/jpeg")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    # Alt text is not optional: an empty description is not accepted.
    page.get_by_role("button", name="Insert image").click()
    expect(dialog).to_be_visible()
    page.get_by_label("Describe the image for people who cannot see it").fill(ALT)
    page.get_by_role("button", name="Insert image").click()
    expect(body).to_have_value(
        re.compile(
            r"^This is where I put the ball:\n\n!\[" + ALT + r"\]\(/img/[0-9a-f]{32}\.\w+\)\n\n$"
        )
    )
    page.get_by_role("button", name="Post reply").click()

    picture = page.locator(".post-body img").first
    expect(picture).to_have_attribute("alt", ALT)
    expect(picture).to_be_visible()
    image = Image.objects.get()
    assert image.uploader == helper and (image.width, image.height) == (1600, 800)
    for width, height in ((390, 844), (1280, 900)):
        page.set_viewport_size({"width": width, "height": height})
        picture.scroll_into_view_if_needed()
        expect(picture).to_be_visible()
        # The phone loads the thumbnail, the desktop the display size.
        suffix = "-t." if width < 500 else "[0-9a-f]."
        page.wait_for_function(
            "([img, pattern]) => img.complete && img.naturalWidth > 0"
            " && new RegExp(pattern).test(img.currentSrc)",
            arg=[picture.element_handle(), suffix + r"\w+$"],
        )
        box = picture.bounding_box()
        assert box and 0 < box["width"] <= width
        # No layout shift: the box has the image's proportions from width and height.
        assert abs(box["height"] - box["width"] / 2) < 2
    served = page.request.get(picture.get_attribute("src"))
    assert served.headers["x-content-type-options"] == "nosniff"
    assert SERIAL.encode() not in served.body()
    assert PILImage.open(io.BytesIO(served.body())).size == (1600, 800)


def test_an_editor_gives_an_article_a_lead_image_seen_at_phone_and_desktop_widths(page):
    from django.contrib.auth.models import Group

    ConditionFactory(name="Greater trochanteric pain syndrome", slug="gtps")
    editor = UserFactory(username="editor_e2e", trust_level=TrustLevel.BASIC)
    editor.groups.add(Group.objects.get(name="Editors"))
    log_in(page, editor)
    page.goto("/articles/new/")
    page.get_by_label("Title").fill("Ball release for the outer hip, step by step")
    page.get_by_label("Summary").fill("Where the ball goes, and where it does not.")
    page.get_by_label("Article", exact=True).fill(
        "Stand side-on to a wall with the ball behind the hip."
    )
    page.get_by_label("Greater trochanteric pain syndrome").check()
    page.locator("input[name=lead_image]").set_input_files(
        files=[
            {
                "name": "wall.jpg",
                "mimeType": "image/jpeg",
                "buffer": phone_photo(size=(2400, 1260), orientation=1),
            }
        ]
    )
    page.get_by_label("Publish now").check()
    page.get_by_role("button", name="Save").click()
    # No alt text: refused, with the reason; the text and the upload are kept.
    expect(page.get_by_text("Describe the lead image in a few words")).to_be_visible()
    expect(page.get_by_label("Article", exact=True)).to_have_value(
        "Stand side-on to a wall with the ball behind the hip."
    )
    expect(page.locator(".lead-image-current img")).to_be_visible()
    page.get_by_label("Alt text of the lead image").fill(ALT)
    page.get_by_role("button", name="Save").click()

    picture = page.locator("figure.lead-image img")
    expect(picture).to_have_attribute("alt", ALT)
    image = Image.objects.get()
    assert (image.width, image.height) == (1600, 840)
    for width, height in ((390, 844), (1280, 900)):
        page.set_viewport_size({"width": width, "height": height})
        expect(picture).to_be_visible()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
        )
        box = picture.bounding_box()
        assert box and 0 < box["width"] <= width
        assert abs(box["height"] - box["width"] * 840 / 1600) < 2
    og = page.locator('meta[property="og:image"]').get_attribute("content")
    assert og and og.endswith(picture.get_attribute("src"))

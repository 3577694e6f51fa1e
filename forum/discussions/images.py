"""Images in posts: which uploads a body shows, how they are rendered, who may see them.

A body refers to an image by its URL (``![alt](/img/<key>.webp)``, as the editor
inserts it). Only the author's own uploads that no moderator removed are shown; any
other image in the text renders as its alt text (``forum.core.markdown``).
"""

import enum
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import Resolver404, resolve, reverse

from forum.accounts.models import User
from forum.core.markdown import find_images
from forum.core.text import single_line
from forum.images import services as image_services
from forum.images.models import Image

from .models import Post, Status, Thread
from .permissions import is_moderator
from .policy import PostRefused

# The column is at most ~40rem wide; a phone shows the thumbnail at full width.
SIZES = "(max-width: 40rem) 100vw, 40rem"


def image_url(image: Image) -> str:
    return reverse("discussions:image", kwargs={"key": image.key, "ext": image.extension})


def thumbnail_url(image: Image) -> str:
    return reverse("discussions:image_thumbnail", kwargs={"key": image.key, "ext": image.extension})


def key_of(src: str) -> str | None:
    """The image key in one of Medius's own image URLs (a path, no host), else None."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or parts.query or parts.fragment:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.view_name != "discussions:image":
        return None
    return str(match.kwargs["key"])


def images_in(body: str, *, author: User | None) -> dict[str, Image]:
    """The author's own live uploads the body shows, by the src written in the body."""
    keys = {src: key for src, _ in find_images(body) if (key := key_of(src))}
    if not keys or author is None:
        return {}
    found = {
        image.key: image
        for image in Image.objects.live().filter(uploader=author, key__in=set(keys.values()))
    }
    return {
        src: found[key]
        for src, key in keys.items()
        if key in found and src == image_url(found[key])
    }


def image_attributes(image: Image) -> dict[str, str]:
    """Width and height (no layout shift), a thumbnail for narrow screens, lazy loading."""
    attributes = {
        "width": str(image.width),
        "height": str(image.height),
        "loading": "lazy",
        "decoding": "async",
    }
    if image.thumbnail_width < image.width:
        attributes["srcset"] = (
            f"{thumbnail_url(image)} {image.thumbnail_width}w, {image_url(image)} {image.width}w"
        )
        attributes["sizes"] = SIZES
    return attributes


def render_attributes(body: str, *, author: User | None) -> dict[str, dict[str, str]]:
    return {src: image_attributes(image) for src, image in images_in(body, author=author).items()}


def sync_post_images(post: Post, *, new: bool = False) -> None:
    """Record which uploads the post's body shows now (an edit may add or drop some).
    A ``new`` post without images costs no query."""
    shown = list(images_in(post.body, author=post.author).values())
    if new and not shown:
        return
    post.images.set(shown)
    if shown:
        image_services.mark_images_used(images=shown)


def can_see_image(user: User | AnonymousUser, image: Image) -> bool:
    """A removed image is gone for everyone. Its uploader and moderators see it always
    (a held post in the review queue); anyone else only while a post everyone can see
    shows it, or a public article has it as its lead image: hiding or deleting the post
    takes the image down with it."""
    if image.is_removed:
        return False
    if user.is_authenticated and image.uploader_id == user.pk:
        return True
    if is_moderator(user):
        return True
    public = Thread.objects.public()
    return (
        Post.objects.filter(images=image, status=Status.VISIBLE, thread__in=public).exists()
        or public.filter(lead_image=image, opening_post__status=Status.VISIBLE).exists()
    )


class Keep(enum.Enum):
    """The article's lead image stays as it is (the default of the editing services)."""

    KEEP = "keep"


KEEP = Keep.KEEP

MISSING_LEAD_ALT = (
    "Describe the lead image in a few words, for people who cannot see it "
    "(for example “A massage ball between the outer hip and a wall”)."
)
NOT_YOUR_IMAGE = "The lead image must be one you uploaded."


def set_lead_image(article: Thread, *, image: Image | None, alt: str, editor: User) -> None:
    """Make ``image`` (one the ``editor`` uploaded, or the present one) the article's lead
    image with its alt text, or take it away with ``image=None``. A replaced lead image
    that no post shows is deleted with its files. Raises ``PostRefused`` without alt text.
    """
    alt = single_line(alt)
    if image is not None and not alt:
        raise PostRefused(MISSING_LEAD_ALT)
    if (
        image is not None
        and image.pk != article.lead_image_id
        and (image.uploader_id != editor.pk or image.is_removed)
    ):
        raise PostRefused(NOT_YOUR_IMAGE)
    new_pk = image.pk if image is not None else None
    replaced = article.lead_image if article.lead_image_id not in (None, new_pk) else None
    article.lead_image = image
    article.lead_image_alt = alt if image is not None else ""
    article.save(update_fields=["lead_image", "lead_image_alt"])
    if image is not None:
        image_services.mark_images_used(images=[image])
    if replaced is not None and not _still_shown(replaced):
        image_services.delete_image(image=replaced)


def _still_shown(image: Image) -> bool:
    return (
        Post.objects.filter(images=image).exists()
        or Thread.objects.filter(lead_image=image).exists()
    )


@dataclass(frozen=True)
class LeadImage:
    """An article's lead image as its page, ``og:image`` and the JSON-LD show it."""

    src: str
    alt: str
    width: int
    height: int
    srcset: str
    sizes: str

    @property
    def absolute_src(self) -> str:
        return settings.SITE_URL + self.src


def lead_image_of(thread: Thread) -> LeadImage | None:
    """The article's lead image unless it has none or a moderator removed it (no query
    when ``lead_image`` was selected with the thread)."""
    if not thread.is_article or not thread.lead_image_id:
        return None
    image = thread.shown_lead_image
    if image is None:
        return None
    attributes = image_attributes(image)
    return LeadImage(
        src=image_url(image),
        alt=thread.lead_image_alt,
        width=image.width,
        height=image.height,
        srcset=attributes.get("srcset", ""),
        sizes=attributes.get("sizes", ""),
    )

"""Images in posts: which uploads a body shows, how they are rendered, who may see them.

A body refers to an image by its URL (``![alt](/img/<key>.webp)``, as the editor
inserts it). Only the author's own uploads that no moderator removed are shown; any
other image in the text renders as its alt text (``forum.core.markdown``).
"""

from urllib.parse import urlsplit

from django.contrib.auth.models import AnonymousUser
from django.urls import Resolver404, resolve, reverse

from forum.accounts.models import User
from forum.core.markdown import find_images
from forum.images import services as image_services
from forum.images.models import Image

from .models import Post, Status, Thread
from .permissions import is_moderator

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
    shows it: hiding or deleting the post takes the image down with it."""
    if image.is_removed:
        return False
    if user.is_authenticated and image.uploader_id == user.pk:
        return True
    if is_moderator(user):
        return True
    return Post.objects.filter(
        images=image, status=Status.VISIBLE, thread__in=Thread.objects.public()
    ).exists()

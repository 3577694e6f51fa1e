"""Who may post images: members at the trust level ``MEDIUS_IMAGES_MIN_TRUST_LEVEL`` names.

The level is stored on the member (``User.trust_level``, written by the moderation app), so
reading it costs no query, on every page with an editor. Staff and verified clinicians may
post images whatever their level: a moderator vouched for them. Other roles (editors) are
a group, which would cost a permission query per page; a moderator who appoints an editor
with a young account locks their level instead.
"""

from django.conf import settings

from forum.accounts.models import TrustLevel, User

from .processing import ImageRefused


def min_trust_level() -> TrustLevel:
    return TrustLevel[settings.MEDIUS_IMAGES_MIN_TRUST_LEVEL.upper()]


class ImagesNotAllowed(ImageRefused):
    """The member may not post images (yet); the message says why, for the editor."""


def image_refusal(user: User) -> str:
    """Why ``user`` may not post images, or "" when they may."""
    if not user.is_authenticated or not user.is_active:
        return "Sign in to post images."
    if user.is_suspended:
        return "Your account cannot post while it is suspended."
    level = min_trust_level()
    if user.trust_level >= level or user.is_staff or user.is_verified_clinician:
        return ""
    how = (
        "a few days here and a few approved posts reach it"
        if level == TrustLevel.BASIC
        else "it rises as you take part"
    )
    return (
        f"New members cannot post images yet: images need the “{level.label}” trust level "
        f"and yours is “{TrustLevel(user.trust_level).label}” ({how}). "
        "Describe the picture in words for now."
    )


def can_post_images(user: User) -> bool:
    return not image_refusal(user)


def check_can_post_images(user: User) -> None:
    refusal = image_refusal(user)
    if refusal:
        raise ImagesNotAllowed(refusal)

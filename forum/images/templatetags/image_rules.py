"""The image rule for the editor: whether to offer uploads, or say why not."""

from django import template
from django.contrib.auth.models import AnonymousUser

from forum.accounts.models import User

from .. import permissions

register = template.Library()


@register.filter
def image_refusal(user: User | AnonymousUser) -> str:
    """Why the member may not post images ("" when they may): shown in place of the
    editor's image field."""
    if not isinstance(user, User):
        return "Sign in to post images."
    return permissions.image_refusal(user)

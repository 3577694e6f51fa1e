"""A member's own data: everything they gave us as one document, and deleting the account.

Each app exports and erases its own tables (``forum/<app>/privacy.py``); this module
only asks them in turn. Deleting keeps the user row, emptied, under a random
"deleted-<hex>" username: the moderation log, reports and helpful marks point at it,
and so stay true without naming anyone.
"""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from forum.accounts import privacy as accounts
from forum.accounts.models import User
from forum.conditions import privacy as conditions
from forum.core import pagecache
from forum.discussions import privacy as discussions
from forum.images import privacy as images
from forum.moderation import privacy as moderation
from forum.notifications import privacy as notifications
from forum.treatments import privacy as treatments

DELETED_TEXT = discussions.DELETED_TEXT
DELETED_MEMBER = "[deleted member]"
EXPORT_FORMAT = "medius-member-data/1"


def export_member_data(*, member: User) -> dict[str, Any]:
    """Everything the member gave us or that is kept about them, ready for JSON.

    Other members' words appear only where the member's own record needs them (the
    titles of threads they wrote in or follow); other members' email addresses never.
    """
    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now(),
        "site": settings.SITE_URL,
    }
    for app in (accounts, conditions, treatments, discussions, images, moderation, notifications):
        data |= app.export_member(member)
    return data


@transaction.atomic
def delete_member(*, member: User, keep_posts: bool) -> User:
    """Delete the member's account and personal data; returns the emptied user.

    ``keep_posts``: their posts stay, signed "[deleted member]", with the images they
    show; otherwise their text is replaced by "[deleted]" and every image they uploaded
    is deleted. Drafts never stay.
    """
    User.objects.select_for_update().filter(pk=member.pk).first()  # no post slips in meanwhile
    removed = discussions.erase_member(member, keep_posts=keep_posts)
    images.erase_member(member, keep=discussions.images_in_kept_posts(member))
    moderation.erase_member(member, removed_posts=removed)
    notifications.erase_member(member)
    treatments.erase_member(member)
    conditions.erase_member(member)
    accounts.erase_member(member)
    pagecache.site_changed()
    return member

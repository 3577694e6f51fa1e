"""Who may do what. ``can_*`` answer for templates; ``check_can_*`` raise for views."""

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from forum.accounts.models import TrustLevel, User
from forum.accounts.permissions import suspension_refusal
from forum.core.second_factor import has_second_factor_session
from forum.treatments.permissions import (
    can_record_treatment,
    can_see_record,
    check_can_record_treatment,
)

if TYPE_CHECKING:
    from .models import Post, PostRecord, Thread


def is_moderator(user: User | AnonymousUser) -> bool:
    """The one rule behind every moderator power: ``visible_to`` for threads and posts, the
    reply tree's ``withhold``, search's ``findable_posts``, editing others' posts, locked
    threads, the admin's moderation actions.

    Moderators work in the admin, so they are staff (checking that first spares members
    the permission queries), and like the admin their powers need a session confirmed
    with a second factor (``forum.core.second_factor``): a moderator signed in with a
    password only, or a user object that never went through a request, acts as an
    ordinary member while MEDIUS_ADMIN_REQUIRES_MFA is on.
    """
    return (
        user.is_authenticated
        and user.is_staff
        and has_second_factor_session(user)
        and user.has_perm("discussions.moderate_post")
    )


def is_trusted(user: User | AnonymousUser) -> bool:
    """Staff, editors and clinicians skip the newcomer sandbox."""
    return user.is_authenticated and (user.is_staff or user.has_perm("discussions.write_article"))


def can_post(user: User | AnonymousUser) -> bool:
    """Members may write once logged in (allauth lets nobody log in before verifying an
    email) unless a moderator has suspended them."""
    return user.is_authenticated and user.is_active and not user.is_suspended


def can_ask(user: User | AnonymousUser) -> bool:
    return can_post(user)


def can_post_anonymously(user: User | AnonymousUser) -> bool:
    """Asking or replying as "Anonymous member" opens at the basic trust level: a
    brand-new account could otherwise hide behind it from its first post."""
    return can_post(user) and isinstance(user, User) and user.trust_level >= TrustLevel.BASIC


def can_set_members_only(user: User | AnonymousUser, thread: "Thread") -> bool:
    """The asker (or a moderator) decides whether a question is for members' eyes only."""
    return (
        thread.is_question
        and can_post(user)
        and (thread.author_id == user.pk or is_moderator(user))
    )


def check_can_set_members_only(user: User | AnonymousUser, thread: "Thread") -> None:
    if not can_set_members_only(user, thread):
        raise PermissionDenied("Only the person who asked can change who may read this question.")


def can_see_anonymous_author(user: User | AnonymousUser) -> bool:
    """Only moderators learn who wrote an anonymous post, in the admin, and each look is
    logged (``forum.moderation.services.reveal_anonymous_author``)."""
    return is_moderator(user)


def can_write_articles(user: User | AnonymousUser) -> bool:
    return can_post(user) and user.has_perm("discussions.write_article")


def can_reply(user: User | AnonymousUser, thread: "Thread") -> bool:
    if not can_post(user) or thread.is_draft:
        return False
    return not thread.is_locked or is_moderator(user)


def can_edit_post(user: User | AnonymousUser, post: "Post") -> bool:
    """Authors edit their posts, members at the "new" trust level only for
    ``MEDIUS_NEW_EDIT_HOURS`` after posting; moderators any post."""
    if not can_post(user) or post.is_deleted:
        return False
    if post.author_id == user.pk and isinstance(user, User) and within_edit_window(user, post):
        return True
    return is_moderator(user)


def within_edit_window(user: User, post: "Post") -> bool:
    if user.trust_level >= TrustLevel.BASIC:
        return True
    return post.created_at >= timezone.now() - timedelta(hours=settings.MEDIUS_NEW_EDIT_HOURS)


def can_delete_post(user: User | AnonymousUser, post: "Post") -> bool:
    return can_post(user) and not post.is_deleted and post.author_id == user.pk


def can_mark_helpful(user: User | AnonymousUser, post: "Post") -> bool:
    return (
        can_post(user)
        and not post.is_opening
        and post.is_public
        and not post.is_deleted
        and post.author_id != user.pk
    )


def can_see_history(user: User | AnonymousUser, post: "Post") -> bool:
    """Whoever sees a post sees its earlier versions, except a deleted post's: its words
    were withdrawn, so only moderators may still read them."""
    return not post.is_deleted or is_moderator(user)


def can_report(user: User | AnonymousUser, post: "Post") -> bool:
    return can_post(user) and post.author_id != user.pk and not post.is_deleted


def can_review_article(user: User | AnonymousUser, thread: "Thread") -> bool:
    """A review stamp says a verified clinician checked the text; never the author's own."""
    return (
        isinstance(user, User)
        and can_post(user)
        and user.is_verified_clinician
        and thread.author_id != user.pk
        and not thread.is_draft
    )


def check_can_review_article(user: User | AnonymousUser, thread: "Thread") -> None:
    if not can_review_article(user, thread):
        raise PermissionDenied(
            "Only a verified clinician other than the author can mark this as reviewed."
        )


def can_accept(user: User | AnonymousUser, thread: "Thread") -> bool:
    if not thread.is_question or not can_post(user):
        return False
    return thread.author_id == user.pk or is_moderator(user)


def _refusal(user: User | AnonymousUser, action: str) -> str:
    if user.is_authenticated and user.is_suspended:
        return suspension_refusal(user, action)
    return f"You need a verified account to {action}."


def check_can_ask(user: User | AnonymousUser) -> None:
    if not can_ask(user):
        raise PermissionDenied(_refusal(user, "ask a question"))


def check_can_write_articles(user: User | AnonymousUser) -> None:
    if not can_write_articles(user):
        raise PermissionDenied("Only editors and verified clinicians can write articles.")


def check_can_reply(user: User | AnonymousUser, thread: "Thread") -> None:
    if not can_reply(user, thread):
        if thread.is_locked and can_post(user):
            raise PermissionDenied("This thread is locked: it takes no new replies.")
        raise PermissionDenied(_refusal(user, "reply"))


def check_can_edit_post(user: User | AnonymousUser, post: "Post") -> None:
    if not can_edit_post(user, post):
        if post.author_id == user.pk and can_post(user) and not post.is_deleted:
            raise PermissionDenied(
                f"New members can edit a post for {settings.MEDIUS_NEW_EDIT_HOURS} hours after "
                "posting it; this opens at the basic trust level."
            )
        raise PermissionDenied("You can only edit your own posts.")


def check_can_delete_post(user: User | AnonymousUser, post: "Post") -> None:
    if not can_delete_post(user, post):
        raise PermissionDenied("You can only delete your own posts.")


def check_can_mark_helpful(user: User | AnonymousUser, post: "Post") -> None:
    if not can_mark_helpful(user, post):
        raise PermissionDenied("You cannot mark this reply as helpful.")


def check_can_report(user: User | AnonymousUser, post: "Post") -> None:
    if not can_report(user, post):
        raise PermissionDenied("You cannot report this post.")


def check_can_accept(user: User | AnonymousUser, thread: "Thread") -> None:
    if not can_accept(user, thread):
        raise PermissionDenied("Only the person who asked can accept an answer.")


def can_attach_record(user: User | AnonymousUser, post: "Post", thread: "Thread") -> bool:
    """What a member tried goes on their own question ("what have you tried?") or their
    own reply to a question ("this is what I did"), while the post is up; not on articles
    or their comments, and not on anyone else's post."""
    return (
        can_record_treatment(user)
        and post.author_id == user.pk
        and post.status in ("visible", "held")  # not hidden by a moderator, not deleted
        and thread.is_question
    )


def check_can_attach_record(user: User | AnonymousUser, post: "Post") -> None:
    check_can_record_treatment(user)
    if not can_attach_record(user, post, post.thread):
        raise PermissionDenied("You can add what you tried to your own questions and replies.")


def check_can_show_record(user: User | AnonymousUser, link: "PostRecord") -> None:
    """Only the record's member shows it with their post or stops showing it."""
    if not can_see_record(user, link.record):
        raise PermissionDenied("This record belongs to another member.")

"""Moderation actions. The site and the admin both call these, so every action writes
exactly one row to the moderation log and keeps the counters true."""

from collections.abc import Mapping
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from forum.accounts.models import BANNED_UNTIL, ClinicianApplication, TrustLevel, User
from forum.conditions.models import Condition
from forum.core import pagecache
from forum.core.text import single_line
from forum.discussions import services as discussions
from forum.discussions.images import KEEP, Keep
from forum.discussions.models import Bookmark, Follow, Post, Status, Thread
from forum.discussions.permissions import can_see_anonymous_author, is_moderator
from forum.discussions.policy import is_established
from forum.discussions.services import close_red_flag, set_post_status
from forum.images import services as images
from forum.images.models import Image

from . import trust
from .models import LogEntry, Report
from .permissions import check_can_act_on_member, check_can_decide_application

AUTO_HIDE_REASON = "Held after reports from several members, until a moderator reviews it."


class AlreadyReported(Exception):
    pass


class DuplicateRefused(Exception):
    """A close-as-duplicate or merge that cannot be done; the message says why."""


def record(
    *,
    actor: User | None,
    action: str,
    target: models.Model,
    reason: str = "",
    before: Mapping[str, object] | None = None,
    after: Mapping[str, object] | None = None,
) -> LogEntry:
    pagecache.site_changed()  # a moderation action may change any page (a lock, a badge)
    target_type = target._meta.model_name
    return LogEntry.objects.create(
        actor=actor,
        action=action,
        target_type=target_type,  # type: ignore[misc]  # every model has a name
        target_id=target.pk,
        target_repr=single_line(str(target))[:200],
        reason=single_line(reason)[:500],
        before=before or {},
        after=after or {},
    )


@transaction.atomic
def reveal_anonymous_author(*, post: Post, moderator: User) -> User | None:
    """Who wrote an anonymous post, for a moderator; every look is a row in the log.

    Raises ``PermissionDenied`` for anyone else.
    """
    if not can_see_anonymous_author(moderator):
        raise PermissionDenied("Only moderators can see who wrote an anonymous post.")
    if post.is_anonymous:
        LogEntry.objects.create(
            actor=moderator,
            action=LogEntry.Action.REVEAL_AUTHOR,
            target_type=post._meta.model_name,  # type: ignore[misc]  # every model has a name
            target_id=post.pk,
            target_repr=single_line(str(post))[:200],
        )
    return post.author


def recalculate_author_trust(*, post: Post) -> TrustLevel | None:
    """Recalculate the level of ``post``'s author after something that weighs in it
    happened to the post (published, marked helpful, approved, hidden, restored).
    A deleted member (no author, or an emptied, inactive account) has no level to keep.

    The author's row and the facts of their level are one query (``trust.with_facts``).
    """
    if post.author_id is None:
        return None
    now = timezone.now()
    author = trust.with_facts(User.objects.filter(pk=post.author_id, is_active=True), now=now)
    member = author.first()
    if member is None:
        return None
    return recalculate_trust(member=member, facts=trust.facts_from(member, now=now))


def recalculate_trust(*, member: User, facts: trust.Facts | None = None) -> TrustLevel:
    """Store the level ``member`` has earned (``trust.earned_level``), unless a moderator
    locked it. Promotion and demotion alike; returns the level now stored.

    ``facts``: the member's, if the caller read them already. One conditional UPDATE
    writes the level, so no transaction is needed: a lock a moderator set meanwhile wins.
    """
    if member.trust_level_locked:
        return TrustLevel(member.trust_level)
    earned = trust.earned_level(facts or trust.facts_for(member))
    if earned != member.trust_level:
        member.trust_level = earned
        User.objects.filter(pk=member.pk, trust_level_locked=False).update(trust_level=earned)
    return earned


def _check_moderator(user: User) -> None:
    if not is_moderator(user):
        raise PermissionDenied("Only moderators can do this.")


@transaction.atomic
def lock_trust_level(*, member: User, moderator: User, level: int, reason: str) -> User:
    """Fix a member's level (up or down); recalculation leaves it until unlocked."""
    _check_moderator(moderator)
    check_can_act_on_member(moderator, member)
    before = {"trust_level": member.trust_level, "locked": member.trust_level_locked}
    member.trust_level = TrustLevel(level)
    member.trust_level_locked = True
    member.save(update_fields=["trust_level", "trust_level_locked"])
    record(actor=moderator, action=LogEntry.Action.LOCK_TRUST, target=member, reason=reason,
           before=before, after={"trust_level": member.trust_level, "locked": True})  # fmt: skip
    return member


@transaction.atomic
def unlock_trust_level(*, member: User, moderator: User, reason: str = "") -> User:
    """Let the member's level follow their behaviour again, recalculated at once."""
    _check_moderator(moderator)
    check_can_act_on_member(moderator, member)
    before = {"trust_level": member.trust_level, "locked": member.trust_level_locked}
    member.trust_level_locked = False
    member.save(update_fields=["trust_level_locked"])
    recalculate_trust(member=member)
    record(actor=moderator, action=LogEntry.Action.UNLOCK_TRUST, target=member, reason=reason,
           before=before, after={"trust_level": member.trust_level, "locked": False})  # fmt: skip
    return member


def _post_state(post: Post) -> dict[str, object]:
    return {"status": post.status, "reason": post.moderation_reason}


def _resolve_open_reports(post: Post, moderator: User, resolution: str) -> int:
    return Report.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=moderator, resolution=resolution
    )


def _report_weight(post: Post) -> int:
    """Open reports toward auto-hide, one per member: a trusted member's counts for
    ``MEDIUS_TRUSTED_FLAG_WEIGHT``."""
    levels = (
        Report.objects.filter(post=post, resolved_at__isnull=True, counts_toward_hiding=True)
        .values_list("reporter", "reporter__trust_level")
        .distinct()
    )
    heavy = settings.MEDIUS_TRUSTED_FLAG_WEIGHT
    return sum(heavy if level == TrustLevel.TRUSTED else 1 for _, level in levels)


@transaction.atomic
def report_post(*, post: Post, reporter: User, reason: str, details: str = "") -> Report:
    """File a report. Enough reports from established members hold the post at once."""
    try:
        with transaction.atomic():
            report = Report.objects.create(
                post=post,
                reporter=reporter,
                reason=reason,
                details=single_line(details),
                snapshot=post.body,
                counts_toward_hiding=is_established(reporter),
            )
    except IntegrityError:
        raise AlreadyReported("You have already reported this post.") from None
    counting = _report_weight(post)
    post.refresh_from_db(fields=["status", "moderation_reason"])
    if counting >= settings.MEDIUS_AUTO_HIDE_REPORTS and post.status == Status.VISIBLE:
        before = _post_state(post)
        set_post_status(post=post, status=Status.HELD, reason=AUTO_HIDE_REASON)
        record(
            actor=None,
            action=LogEntry.Action.AUTO_HIDE,
            target=post,
            reason=f"{counting} reports",
            before=before,
            after=_post_state(post),
        )
    return report


@transaction.atomic
def approve_post(*, post: Post, moderator: User, reason: str = "") -> Post:
    """Make a held or reported post visible. A post its author deleted stays deleted."""
    before = _post_state(post)
    if post.status != Status.DELETED:
        set_post_status(post=post, status=Status.VISIBLE)
    _resolve_open_reports(post, moderator, Report.Resolution.APPROVED)
    close_red_flag(post=post)
    recalculate_author_trust(post=post)
    record(
        actor=moderator,
        action=LogEntry.Action.APPROVE,
        target=post,
        reason=reason,
        before=before,
        after=_post_state(post),
    )
    return post


@transaction.atomic
def hide_post(*, post: Post, moderator: User, reason: str) -> Post:
    """Hide a post from everyone but its author and moderators; the author sees ``reason``."""
    reason = single_line(reason)
    before = _post_state(post)
    if post.status != Status.DELETED:
        set_post_status(post=post, status=Status.HIDDEN, reason=reason)
    reporters = list(
        Report.objects.filter(
            post=post, resolved_at__isnull=True, reporter__isnull=False
        ).values_list("reporter", flat=True)
    )
    _resolve_open_reports(post, moderator, Report.Resolution.HIDDEN)
    close_red_flag(post=post)
    recalculate_author_trust(post=post)
    for member in User.objects.filter(pk__in=reporters):
        recalculate_trust(member=member)
    record(
        actor=moderator,
        action=LogEntry.Action.HIDE,
        target=post,
        reason=reason,
        before=before,
        after=_post_state(post),
    )
    return post


@transaction.atomic
def restore_post(*, post: Post, moderator: User, reason: str = "") -> Post:
    before = _post_state(post)
    if post.status == Status.HIDDEN:
        set_post_status(post=post, status=Status.VISIBLE)
    close_red_flag(post=post)
    recalculate_author_trust(post=post)
    record(
        actor=moderator,
        action=LogEntry.Action.RESTORE,
        target=post,
        reason=reason,
        before=before,
        after=_post_state(post),
    )
    return post


@transaction.atomic
def resolve_reports(*, post: Post, moderator: User, reason: str = "") -> int:
    """Close a post's open reports (and its red flag) without acting on the post."""
    count = _resolve_open_reports(post, moderator, Report.Resolution.NO_ACTION)
    close_red_flag(post=post)
    record(
        actor=moderator,
        action=LogEntry.Action.RESOLVE_REPORT,
        target=post,
        reason=reason,
        before={"open_reports": count},
        after={"reports_resolved": count},
    )
    return count


def _set_thread_flag(
    *, thread: Thread, moderator: User, flag: str, value: bool, action: str, reason: str
) -> Thread:
    before = {flag: getattr(thread, flag)}
    setattr(thread, flag, value)
    thread.save(update_fields=[flag])
    record(actor=moderator, action=action, target=thread, reason=reason, before=before,
           after={flag: value})  # fmt: skip
    return thread


@transaction.atomic
def set_thread_locked(*, thread: Thread, moderator: User, locked: bool, reason: str = "") -> Thread:
    action = LogEntry.Action.LOCK if locked else LogEntry.Action.UNLOCK
    return _set_thread_flag(
        thread=thread, moderator=moderator, flag="is_locked", value=locked, action=action,
        reason=reason,
    )  # fmt: skip


@transaction.atomic
def set_thread_pinned(*, thread: Thread, moderator: User, pinned: bool, reason: str = "") -> Thread:
    action = LogEntry.Action.PIN if pinned else LogEntry.Action.UNPIN
    return _set_thread_flag(
        thread=thread, moderator=moderator, flag="is_pinned", value=pinned, action=action,
        reason=reason,
    )  # fmt: skip


@transaction.atomic
def mark_reviewed(*, thread: Thread, moderator: User, reviewer: User, reason: str = "") -> Thread:
    """Record that ``reviewer`` (a verified clinician, not the author) checked the thread
    today. Raises ``discussions.ReviewRefused`` for anyone else."""
    before = {
        "reviewed_by": thread.reviewed_by_id,
        "last_reviewed_on": str(thread.last_reviewed_on or ""),
    }
    discussions.record_review(thread=thread, reviewer=reviewer)
    record(
        actor=moderator,
        action=LogEntry.Action.REVIEW,
        target=thread,
        reason=reason,
        before=before,
        after={"reviewed_by": reviewer.pk, "last_reviewed_on": str(thread.last_reviewed_on)},
    )
    return thread


def _thread_state(thread: Thread) -> dict[str, object]:
    return {
        "title": thread.title,
        "summary": thread.summary,
        "conditions": sorted(thread.conditions.values_list("slug", flat=True)),
        "lead_image": thread.lead_image.key if thread.lead_image else "",
        "lead_image_alt": thread.lead_image_alt,
    }


@transaction.atomic
def edit_thread(
    *,
    thread: Thread,
    moderator: User,
    title: str,
    conditions: list[Condition],
    summary: str | None = None,
    reason: str = "",
    lead_image: Image | Keep | None = KEEP,
    lead_image_alt: str = "",
) -> Thread:
    """The admin's change form: the edit goes through ``discussions.edit_thread`` (screened,
    the title kept in the revision history) and the log records what changed."""
    before = _thread_state(thread)
    discussions.edit_thread(
        thread=thread,
        editor=moderator,
        title=title,
        conditions=conditions,
        summary=summary,
        lead_image=lead_image,
        lead_image_alt=lead_image_alt,
    )
    after = _thread_state(thread)
    if after != before:
        record(actor=moderator, action=LogEntry.Action.EDIT_THREAD, target=thread,
               reason=reason, before=before, after=after)  # fmt: skip
    return thread


@transaction.atomic
def remove_image(*, image: Image, moderator: User, reason: str) -> Image:
    """Take one image down, whatever its post's fate: its files go, the URL answers 404
    to everyone, and every post that showed it shows its alt text instead."""
    if image.is_removed:
        return image
    images.remove_image(image=image, moderator=moderator)
    for post in Post.objects.filter(images=image).select_related("author"):
        discussions.refresh_post_html(post=post)
    record(actor=moderator, action=LogEntry.Action.REMOVE_IMAGE, target=image, reason=reason)
    return image


def _suspension_state(member: User) -> dict[str, object]:
    until = member.suspended_until
    return {"suspended_until": until.isoformat() if until else None}


def _set_suspension(member: User, *, until: datetime | None, reason: str) -> dict[str, object]:
    """Write the member's suspension; returns the state before, for the log."""
    before = _suspension_state(member)
    member.suspended_until = until
    member.suspension_reason = single_line(reason) if until else ""
    member.save(update_fields=["suspended_until", "suspension_reason"])
    return before


@transaction.atomic
def suspend_member(*, member: User, moderator: User, until: datetime, reason: str) -> User:
    """The member can read but not post until ``until``; they see ``reason``.

    Staff and superusers only by a superuser (``permissions.can_act_on_member``).
    """
    check_can_act_on_member(moderator, member)
    before = _set_suspension(member, until=until, reason=reason)
    action = LogEntry.Action.BAN if until >= BANNED_UNTIL else LogEntry.Action.SUSPEND
    record(actor=moderator, action=action, target=member, reason=reason, before=before,
           after=_suspension_state(member))  # fmt: skip
    return member


def ban_member(*, member: User, moderator: User, reason: str) -> User:
    return suspend_member(member=member, moderator=moderator, until=BANNED_UNTIL, reason=reason)


@transaction.atomic
def lift_suspension(*, member: User, moderator: User, reason: str = "") -> User:
    check_can_act_on_member(moderator, member)
    before = _set_suspension(member, until=None, reason="")
    record(actor=moderator, action=LogEntry.Action.UNSUSPEND, target=member, reason=reason,
           before=before, after=_suspension_state(member))  # fmt: skip
    return member


@transaction.atomic
def remove_spammer(*, member: User, moderator: User, reason: str) -> int:
    """Ban the member and hide everything they wrote, as one logged action."""
    check_can_act_on_member(moderator, member)
    before = _set_suspension(member, until=BANNED_UNTIL, reason=reason)
    posts = Post.objects.filter(author=member, status__in=[Status.VISIBLE, Status.HELD])
    hidden = 0
    for post in posts.select_related("thread").order_by("-depth"):
        set_post_status(post=post, status=Status.HIDDEN, reason=single_line(reason))
        _resolve_open_reports(post, moderator, Report.Resolution.HIDDEN)
        close_red_flag(post=post)
        hidden += 1
    recalculate_trust(member=member)
    record(
        actor=moderator,
        action=LogEntry.Action.REMOVE_SPAMMER,
        target=member,
        reason=reason,
        before=before,
        after=_suspension_state(member) | {"posts_hidden": hidden},
    )
    return hidden


CLINICIANS_GROUP = "Clinicians"


@transaction.atomic
def approve_clinician(
    *, application: ClinicianApplication, moderator: User, note: str = ""
) -> ClinicianApplication:
    """Show the member as a verified clinician: badge, "clinician answer", articles.

    Never by the applicant themselves (``permissions.can_decide_application``).
    """
    check_can_decide_application(moderator, application)
    member = application.user
    before = {"clinician_verified_at": None, "profession": member.clinician_profession}
    application.status = ClinicianApplication.Status.APPROVED
    application.decided_by = moderator
    application.decided_at = timezone.now()
    application.decision_note = note
    application.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    member.clinician_verified_at = timezone.now()
    member.clinician_profession = application.profession
    member.save(update_fields=["clinician_verified_at", "clinician_profession"])
    member.groups.add(Group.objects.get(name=CLINICIANS_GROUP))
    record(
        actor=moderator,
        action=LogEntry.Action.APPROVE_CLINICIAN,
        target=member,
        reason=note or f"{application.registration_body} {application.registration_number}",
        before=before,
        after={"clinician_verified_at": member.clinician_verified_at.isoformat(),
               "profession": member.clinician_profession},
    )  # fmt: skip
    return application


@transaction.atomic
def reject_clinician(
    *, application: ClinicianApplication, moderator: User, note: str
) -> ClinicianApplication:
    check_can_decide_application(moderator, application)
    application.status = ClinicianApplication.Status.REJECTED
    application.decided_by = moderator
    application.decided_at = timezone.now()
    application.decision_note = note
    application.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    record(
        actor=moderator,
        action=LogEntry.Action.REJECT_CLINICIAN,
        target=application.user,
        reason=note,
        after={"application": application.pk},
    )
    return application


def _check_duplicate(thread: Thread, original: Thread) -> Thread:
    """The question to close ``thread`` into: ``original``, or the question it was itself
    closed into (so no chain of duplicates forms). Raises ``DuplicateRefused``."""
    original = Thread.objects.select_related("duplicate_of", "opening_post").get(pk=original.pk)
    if original.duplicate_of_id is not None:
        assert original.duplicate_of is not None
        original = original.duplicate_of
    if not (thread.is_question and original.is_question):
        raise DuplicateRefused("Only a question can be closed as a duplicate of a question.")
    if original.pk == thread.pk:
        raise DuplicateRefused("A question cannot be a duplicate of itself.")
    if thread.duplicate_of_id is not None:
        raise DuplicateRefused("This question is already closed as a duplicate.")
    if original.status != Status.VISIBLE or original.published_at is None:
        raise DuplicateRefused("The original question must be published and visible.")
    return original


def _close_into(*, thread: Thread, original: Thread) -> int:
    moved = discussions.move_replies(source=thread, target=original)
    thread.duplicate_of = original
    thread.is_locked = True
    thread.save(update_fields=["duplicate_of", "is_locked"])
    Thread.objects.filter(pk=original.pk).update(duplicate_count=F("duplicate_count") + 1)
    original.refresh_from_db(fields=["duplicate_count"])
    for moved_thread in (thread, original):
        pagecache.thread_changed(moved_thread.pk)
    return moved


@transaction.atomic
def close_as_duplicate(
    *, thread: Thread, original: Thread, moderator: User, reason: str = ""
) -> Thread:
    """Close ``thread`` as a duplicate of ``original``: its replies move to the original
    (branches kept, shown there from now on), it is locked, and each page links to the
    other. Returns the original (the end of any chain). Logged on the duplicate."""
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    original = _check_duplicate(thread, original)
    before = {"duplicate_of": None, "is_locked": thread.is_locked}
    moved = _close_into(thread=thread, original=original)
    after = {"duplicate_of": original.pk, "is_locked": True, "replies_moved": moved}
    record(actor=moderator, action=LogEntry.Action.CLOSE_DUPLICATE, target=thread,
           reason=reason, before=before, after=after)  # fmt: skip
    return original


@transaction.atomic
def merge_threads(*, source: Thread, target: Thread, moderator: User, reason: str = "") -> Thread:
    """Merge ``source`` into ``target``: as closing as a duplicate (replies move, both
    pages link), and the source's followers follow the target and their bookmarks of the
    source's question point at the target's, so nobody loses track. Logged as a merge."""
    source = Thread.objects.select_for_update().get(pk=source.pk)
    target = _check_duplicate(source, target)
    before = {"duplicate_of": None, "is_locked": source.is_locked}
    moved = _close_into(thread=source, original=target)
    followers = Follow.objects.filter(thread=source, muted=False).values_list("user", flat=True)
    for user_id in followers:
        Follow.objects.get_or_create(user_id=user_id, thread=target)
    already = Bookmark.objects.filter(post=target.opening_post).values("user")
    Bookmark.objects.filter(post=source.opening_post).exclude(user__in=already).update(
        post=target.opening_post
    )
    record(actor=moderator, action=LogEntry.Action.MERGE, target=source, reason=reason,
           before=before, after={"merged_into": target.pk, "replies_moved": moved})  # fmt: skip
    return target

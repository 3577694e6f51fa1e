"""Moderation actions. The site and the admin both call these, so every action writes
exactly one row to the moderation log and keeps the counters true."""

from collections.abc import Mapping
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from forum.accounts.models import BANNED_UNTIL, ClinicianApplication, User
from forum.conditions.models import Condition
from forum.core import pagecache
from forum.core.text import single_line
from forum.discussions import services as discussions
from forum.discussions.models import Post, Status, Thread
from forum.discussions.policy import is_established
from forum.discussions.services import close_red_flag, set_post_status
from forum.images import services as images
from forum.images.models import Image

from .models import LogEntry, Report
from .permissions import check_can_act_on_member, check_can_decide_application

AUTO_HIDE_REASON = "Held after reports from several members, until a moderator reviews it."


class AlreadyReported(Exception):
    pass


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


def _post_state(post: Post) -> dict[str, object]:
    return {"status": post.status, "reason": post.moderation_reason}


def _resolve_open_reports(post: Post, moderator: User, resolution: str) -> int:
    return Report.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=moderator, resolution=resolution
    )


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
    counting = (
        Report.objects.filter(post=post, resolved_at__isnull=True, counts_toward_hiding=True)
        .values("reporter")
        .distinct()
        .count()
    )
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
    _resolve_open_reports(post, moderator, Report.Resolution.HIDDEN)
    close_red_flag(post=post)
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
) -> Thread:
    """The admin's change form: the edit goes through ``discussions.edit_thread`` (screened,
    the title kept in the revision history) and the log records what changed."""
    before = _thread_state(thread)
    discussions.edit_thread(
        thread=thread, editor=moderator, title=title, conditions=conditions, summary=summary
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

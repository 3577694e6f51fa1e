from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from forum.discussions.models import Post, PostQuerySet, RedFlagKind, Status


class Report(models.Model):
    """A member's (or the system's) report of a post, with the text as it was at that moment."""

    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        ABUSE = "abuse", "Abuse or harassment"
        UNSAFE_ADVICE = "unsafe", "Unsafe medical advice"
        MISINFORMATION = "misinfo", "Misinformation"
        PERSONAL_INFO = "personal", "Personal information"
        DANGER = "danger", "Someone may be in danger (self-harm or crisis)"
        OTHER = "other", "Something else"

    class Resolution(models.TextChoices):
        HIDDEN = "hidden", "Post hidden"
        NO_ACTION = "no_action", "No action needed"
        APPROVED = "approved", "Post approved"

    post = models.ForeignKey("discussions.Post", on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports_made",
        help_text=(
            "Empty for the reports the system filed for red flags before they were marked on "
            "the post itself (the queue now selects flagged posts)."
        ),
    )
    reason = models.CharField(max_length=10, choices=Reason.choices)
    details = models.CharField(max_length=1000, blank=True)
    snapshot = models.TextField(help_text="The post's text when it was reported.")
    counts_toward_hiding = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolution = models.CharField(max_length=10, choices=Resolution.choices, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(reporter__isnull=False),
                name="one_report_per_member_and_post",
            ),
            models.CheckConstraint(
                condition=~Q(reason="other") | ~Q(details="") | Q(reporter__isnull=True),
                name="other_reason_has_details",
            ),
        ]
        indexes = [models.Index(fields=["resolved_at", "created_at"], name="report_open")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on post {self.post_id}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class QueueQuerySet(PostQuerySet):
    def needing_decision(self) -> "QueueQuerySet":
        """Held posts (the sandbox, likely spam, reports), posts with open reports and
        red-flagged posts no moderator has acted on: one list of what needs a decision."""
        has_open_report = Exists(
            Report.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True)
        )
        return self.filter(Q(status=Status.HELD) | has_open_report | Q(red_flag_pending=True))

    def by_severity(self) -> "QueueQuerySet":
        """Crisis first (a crisis pattern, or a report that someone may be in danger), then
        urgent care, then the rest; oldest first within each."""
        open_reports = Q(reports__resolved_at__isnull=True)
        danger_reported = Exists(
            Report.objects.filter(
                post=OuterRef("pk"), resolved_at__isnull=True, reason=Report.Reason.DANGER
            )
        )
        return (  # type: ignore[no-any-return]  # annotate keeps the queryset class
            self.annotate(
                open_count=Count("reports", filter=open_reports, distinct=True),
                waiting=Coalesce(Min("reports__created_at", filter=open_reports), F("created_at")),
                severity=Case(
                    When(Q(red_flag_pending=True, red_flag_kind=RedFlagKind.CRISIS), then=0),
                    When(danger_reported, then=0),
                    When(Q(red_flag_pending=True, red_flag_kind=RedFlagKind.URGENT), then=1),
                    default=Value(2),
                    output_field=IntegerField(),
                ),
            )
            .prefetch_related(
                Prefetch(
                    "reports",
                    queryset=Report.objects.filter(resolved_at__isnull=True),
                    to_attr="open_reports_list",
                )
            )
            .order_by("severity", "waiting", "pk")
        )

    def crisis(self) -> "QueueQuerySet":
        danger_reported = Exists(
            Report.objects.filter(
                post=OuterRef("pk"), resolved_at__isnull=True, reason=Report.Reason.DANGER
            )
        )
        return self.filter(
            Q(red_flag_pending=True, red_flag_kind=RedFlagKind.CRISIS) | danger_reported
        )


class QueuedPost(Post):
    """The review queue: held posts and posts with open reports, in the admin."""

    objects = QueueQuerySet.as_manager()  # type: ignore[misc]  # the queue's own reads

    class Meta:
        proxy = True
        verbose_name = "review queue item"
        verbose_name_plural = "review queue"


class AppendOnlyQuerySet(models.QuerySet["LogEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionDenied("The moderation log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionDenied("The moderation log is append-only.")


class LogEntry(models.Model):
    """One moderation action: who, what, on which object, why, before and after, when.

    Rows are written once by ``services.record`` and never changed: the model, its
    QuerySet and the admin all refuse updates and deletes.
    """

    class Action(models.TextChoices):
        APPROVE = "approve", "Approved"
        HIDE = "hide", "Hidden"
        RESTORE = "restore", "Restored"
        AUTO_HIDE = "auto_hide", "Held after reports"
        RESOLVE_REPORT = "resolve", "Report resolved, no action"
        LOCK = "lock", "Thread locked"
        UNLOCK = "unlock", "Thread unlocked"
        PIN = "pin", "Thread pinned"
        UNPIN = "unpin", "Thread unpinned"
        REVIEW = "review", "Marked reviewed by a clinician"
        EDIT_THREAD = "edit_thread", "Thread edited in the admin"
        SUSPEND = "suspend", "Member suspended"
        BAN = "ban", "Member banned"
        UNSUSPEND = "unsuspend", "Suspension lifted"
        REMOVE_SPAMMER = "spammer", "Spammer removed"
        REMOVE_IMAGE = "remove_image", "Image removed"
        APPROVE_CLINICIAN = "clinician_ok", "Clinician verified"
        REJECT_CLINICIAN = "clinician_no", "Clinician application rejected"
        CLOSE_DUPLICATE = "duplicate", "Question closed as a duplicate"
        MERGE = "merge", "Threads merged"
        REVEAL_AUTHOR = "reveal", "Looked up who wrote an anonymous post"
        LOCK_TRUST = "trust_lock", "Trust level locked"
        UNLOCK_TRUST = "trust_free", "Trust level unlocked"

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the system acted (for example after several reports).",
    )
    action = models.CharField(max_length=15, choices=Action.choices)
    target_type = models.CharField(max_length=20)
    target_id = models.PositiveBigIntegerField()
    target_repr = models.CharField(max_length=200)
    reason = models.CharField(max_length=500, blank=True)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "moderation log entry"
        verbose_name_plural = "moderation log"
        indexes = [models.Index(fields=["target_type", "target_id"], name="log_target")]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.target_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionDenied("The moderation log is append-only.")
        super().save(*args, **kwargs)  # type: ignore[unreachable]  # stubs: pk is never None

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionDenied("The moderation log is append-only.")

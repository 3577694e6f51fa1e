from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, F, Max, Min, Q, Value, When
from django.utils.text import Truncator

from forum.discussions.models import ANONYMOUS_NAME, Status

TEXT_LENGTH = 300


class Kind(models.TextChoices):
    REPLY_TO_QUESTION = "reply_question", "Replies to my questions"
    REPLY_TO_ARTICLE = "reply_article", "Comments on my articles"
    REPLY_TO_POST = "reply_post", "Replies to my replies"
    MENTION = "mention", "@mentions of me"
    ACCEPTED = "accepted", "My reply accepted as the answer"
    HELPFUL = "helpful", "My replies marked helpful"
    FOLLOWED_THREAD = "thread", "New replies in threads I follow"
    FOLLOWED_CONDITION = "condition", "New questions in conditions I follow"
    FOLLOWED_MEMBER = "member", "New articles by members I follow"
    MODERATION = "moderation", "Moderators acting on my posts"
    ACCEPT_REMINDER = "reminder", "Reminders to accept an answer"
    NEEDS_ANSWER = "needs_answer", "Unanswered questions in my conditions (clinicians)"
    BOOKMARK_REMINDER = "bookmark", "Reminders I set on my bookmarks"
    FOLLOW_UP = "follow_up", "Follow-ups on what I tried"


class Frequency(models.TextChoices):
    IMMEDIATELY = "now", "Email me straight away"
    DAILY = "daily", "In a daily digest"
    OFF = "off", "No email (on the site only)"


DEFAULT_FREQUENCY: dict[str, str] = {
    Kind.REPLY_TO_QUESTION: Frequency.IMMEDIATELY,
    Kind.REPLY_TO_ARTICLE: Frequency.IMMEDIATELY,
    Kind.REPLY_TO_POST: Frequency.IMMEDIATELY,
    Kind.MENTION: Frequency.IMMEDIATELY,
    Kind.ACCEPTED: Frequency.IMMEDIATELY,
    Kind.HELPFUL: Frequency.DAILY,
    Kind.FOLLOWED_THREAD: Frequency.DAILY,
    Kind.FOLLOWED_CONDITION: Frequency.DAILY,
    Kind.FOLLOWED_MEMBER: Frequency.DAILY,
    Kind.MODERATION: Frequency.IMMEDIATELY,
    Kind.ACCEPT_REMINDER: Frequency.IMMEDIATELY,
    Kind.NEEDS_ANSWER: Frequency.DAILY,
    Kind.BOOKMARK_REMINDER: Frequency.IMMEDIATELY,
    Kind.FOLLOW_UP: Frequency.OFF,  # health questions by email only if the member asks
}

# Unread notifications of these kinds about one thread are one item in the inbox
# ("hillrunner_k and 3 others replied to your question"). Helpful marks batch per reply
# as they are written (``services.notify_helpful``); every other kind stands alone.
GROUPED_KINDS = frozenset({Kind.REPLY_TO_QUESTION, Kind.REPLY_TO_ARTICLE, Kind.FOLLOWED_THREAD})


class ModerationEvent(models.TextChoices):
    HIDDEN = "hidden", "Hidden"
    APPROVED = "approved", "Approved"
    HELD = "held", "Held for review"


@dataclass(frozen=True)
class Group:
    """Several notifications shown as one: how many, how many other people, and the
    oldest of them (opening the group lands on it)."""

    size: int
    others: int
    first_id: int


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)

    def awaiting_email(self) -> "NotificationQuerySet":
        return self.filter(emailed_at__isnull=True, email_abandoned=False)

    def inbox(self, user: Any) -> "NotificationQuerySet":
        """The member's notifications that they may still see.

        One about a post or thread that is now held, hidden or deleted is left out
        (unless the member wrote it: a moderator's notice about their own post), so no
        name or sentence appears for something the member can no longer open.
        """
        post_seen = Q(post__isnull=True) | Q(post__status=Status.VISIBLE) | Q(post__author=user)
        thread_seen = (
            Q(thread__isnull=True) | Q(thread__status=Status.VISIBLE) | Q(thread__author=user)
        )
        return self.filter(post_seen, thread_seen, recipient=user)

    def groups(self) -> "models.QuerySet[Any]":
        """One row per inbox item, newest first, in one aggregate query.

        Unread notifications of a ``GROUPED_KINDS`` kind about the same thread are one
        item; so are read ones that were read together (one ``read_at``, as opening a
        group or "mark all read" writes it), so a group stays one item once read. Every
        other notification is an item of its own. Each row holds the group's first and
        last ids, its size and its number of distinct actors.
        """
        alone = Case(
            When(kind__in=GROUPED_KINDS, then=Value(0)),
            default=F("id"),
            output_field=models.BigIntegerField(),
        )
        return (
            self.annotate(alone=alone)
            .values("kind", "thread_id", "read_at", "alone")
            .annotate(
                first_id=Min("id"),
                last_id=Max("id"),
                latest=Max("created_at"),
                size=Count("id"),
                actors=Count("actor", distinct=True),
            )
            .order_by("-latest", "-last_id")
        )

    def for_groups(self, groups: Iterable[Mapping[str, Any]]) -> list["Notification"]:
        """The newest notification of each of ``groups`` (rows of ``groups()``), in that
        order, with its actor, thread and post, and its ``group`` set: one query."""
        groups = list(groups)
        rows = self.filter(pk__in=[g["last_id"] for g in groups]).select_related(
            "actor", "thread", "post", "follow_up__record__treatment"
        )
        by_id = {row.pk: row for row in rows}
        shown = []
        for g in groups:
            row = by_id.get(g["last_id"])
            if row is None:
                continue
            named = 1 if row.actor_id is not None else 0
            row.group = Group(size=g["size"], others=max(g["actors"] - named, 0),
                              first_id=g["first_id"])  # fmt: skip
            shown.append(row)
        return shown


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=15, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    post = models.ForeignKey(
        "discussions.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    thread = models.ForeignKey(
        "discussions.Thread", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    follow_up = models.ForeignKey(
        "treatments.FollowUp", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    event = models.CharField(
        max_length=10,
        choices=ModerationEvent.choices,
        blank=True,
        help_text="For moderation notices: what happened to the post.",
    )
    count = models.PositiveIntegerField(default=1, help_text="Batched events, e.g. helpful marks.")
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_abandoned = models.BooleanField(default=False)

    objects = NotificationQuerySet.as_manager()

    # Set by ``NotificationQuerySet.for_groups`` for the inbox; None for a single one.
    group: Group | None = None

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient", "kind", "post"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_batch",
            ),
            models.Index(
                fields=["created_at"],
                condition=Q(emailed_at__isnull=True, email_abandoned=False),
                name="notification_email_due",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The sentence shown and emailed, written now from the stored facts.

        Nothing rendered is stored, so a retitled thread, a renamed or deleted member
        and an erased account read correctly everywhere without rewriting rows.
        """
        return Truncator(self._sentence()).chars(TEXT_LENGTH)

    @property
    def actor_name(self) -> str:
        """The name of who acted, as the recipient may see it: the one place a name is
        chosen, so that a masked (anonymous) actor needs a change here only."""
        post = self.post if self.post_id is not None else None
        if post is not None and post.is_anonymous:
            return ANONYMOUS_NAME  # stored with no actor, so nothing can name them
        return self.actor.public_name if self.actor else "[deleted member]"

    @property
    def link_id(self) -> int:
        """The notification the inbox links to: a group's first, else this one."""
        return self.group.first_id if self.group else self.pk

    def _who(self) -> tuple[str, str]:
        """(who, how often): "bob", "bob and 2 others", or "bob" and " 3 times"."""
        who, group = self.actor_name, self.group
        if group is None or group.size < 2:
            return who, ""
        if group.others:
            return f"{who} and {group.others} other{'s' if group.others > 1 else ''}", ""
        return who, f" {group.size} times"

    def _sentence(self) -> str:
        who = self.actor_name
        thread = self.thread
        title = f"“{thread.title}”" if thread else "a thread that is gone"
        match self.kind:
            case Kind.REPLY_TO_QUESTION:
                who, times = self._who()
                return f"{who} replied{times} to your question {title}"
            case Kind.REPLY_TO_ARTICLE:
                who, times = self._who()
                return f"{who} commented{times} on your article {title}"
            case Kind.REPLY_TO_POST:
                return f"{who} replied to you in {title}"
            case Kind.MENTION:
                return f"{who} mentioned you in {title}"
            case Kind.ACCEPTED:
                return f"Your reply was accepted as the answer to {title}"
            case Kind.HELPFUL if self.count > 1:
                return f"{self.count} members found your reply helpful in {title}"
            case Kind.HELPFUL:
                return f"{who} found your reply helpful in {title}"
            case Kind.FOLLOWED_THREAD:
                who, times = self._who()
                return f"{who} replied{times} in {title}"
            case Kind.FOLLOWED_CONDITION:
                kind = "article" if thread and thread.is_article else "question"
                return f"New {kind}: {title}"
            case Kind.FOLLOWED_MEMBER:
                return f"{who} published {title}"
            case Kind.ACCEPT_REMINDER:
                return f"Did a reply help with {title}? Accepting it helps others."
            case Kind.BOOKMARK_REMINDER:
                return f"Your bookmark reminder: {self._bookmarked()} in {title}"
            case Kind.MODERATION:
                return self._moderation_sentence(title)
            case Kind.FOLLOW_UP if self.follow_up:
                treatment = self.follow_up.record.treatment.name
                return f"How is {treatment} going now, {self.follow_up.weeks} weeks on?"
        return f"Something new in {title}"

    def _bookmarked(self) -> str:
        article = self.thread is not None and self.thread.is_article
        if self.post is not None and self.post.is_opening:
            return "the article" if article else "the question"
        return "a comment" if article else "a reply"

    def _moderation_sentence(self, title: str) -> str:
        reason = self.post.moderation_reason if self.post else ""
        match self.event:
            case ModerationEvent.HIDDEN:
                return f"A moderator hid your post in {title}" + (f": {reason}" if reason else ".")
            case ModerationEvent.APPROVED:
                return f"Your post in {title} was approved and is now visible."
            case _:
                return f"Your post in {title} is held for review" + (
                    f": {reason}" if reason else "."
                )


class AcceptReminder(models.Model):
    """The asker of this question was reminded to accept an answer (once per question)."""

    thread = models.OneToOneField(
        "discussions.Thread", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Reminder for {self.thread_id} at {self.sent_at}"


class EmailPreference(models.Model):
    """How a member wants email for one kind of notification; no row means the default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences"
    )
    kind = models.CharField(max_length=15, choices=Kind.choices)
    frequency = models.CharField(max_length=5, choices=Frequency.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {self.frequency}"


class Digest(models.Model):
    """One row per member and day: what makes ``send_digests`` safe to run twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "sent_on"], name="one_digest_a_day")]

    def __str__(self) -> str:
        return f"Digest for {self.user_id} on {self.sent_on}"

from django.conf import settings
from django.db import models
from django.db.models import Q


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


class Frequency(models.TextChoices):
    IMMEDIATELY = "now", "Email me straight away"
    DAILY = "daily", "In a daily digest"
    OFF = "off", "No email (on the site only)"


DEFAULT_FREQUENCY = {
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
}


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def awaiting_email(self):
        return self.filter(emailed_at__isnull=True, email_abandoned=False)


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
    text = models.CharField(max_length=300)
    count = models.PositiveIntegerField(default=1, help_text="Batched events, e.g. helpful marks.")
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_abandoned = models.BooleanField(default=False)

    objects = NotificationQuerySet.as_manager()

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

    def __str__(self):
        return self.text


class Follow(models.Model):
    """A member follows a thread, a condition or another member's articles.

    ``muted`` remembers an unfollow, so replying again does not follow the thread anew.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    thread = models.ForeignKey(
        "discussions.Thread", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    condition = models.ForeignKey(
        "conditions.Condition", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="followers",
    )
    muted = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(thread__isnull=False, condition__isnull=True, member__isnull=True)
                    | Q(thread__isnull=True, condition__isnull=False, member__isnull=True)
                    | Q(thread__isnull=True, condition__isnull=True, member__isnull=False)
                ),
                name="follow_has_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"], condition=Q(thread__isnull=False), name="follow_thread"
            ),
            models.UniqueConstraint(
                fields=["user", "condition"],
                condition=Q(condition__isnull=False),
                name="follow_condition",
            ),
            models.UniqueConstraint(
                fields=["user", "member"], condition=Q(member__isnull=False), name="follow_member"
            ),
        ]

    def __str__(self):
        return f"{self.user} follows {self.thread or self.condition or self.member}"


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

    def __str__(self):
        return f"{self.user}: {self.kind} {self.frequency}"


class Digest(models.Model):
    """One row per member and day: what makes ``send_digests`` safe to run twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "sent_on"], name="one_digest_a_day")]

    def __str__(self):
        return f"Digest for {self.user_id} on {self.sent_on}"

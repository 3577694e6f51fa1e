"""Articles and questions are two kinds of one Thread; every text in them is a Post.

A thread's opening post (depth 0) carries the body of the question or article;
replies and article comments are posts below it, to any depth. Replies, revisions,
helpful marks, moderation state and counters are therefore written once for both.

Each post stores a materialised ``path``: the fixed-width base-36 ids of its
ancestors and itself. Ordering by ``(thread, path)`` walks the reply tree depth
first from an index, so a page of a thread is one range scan with no recursion
and no OFFSET, whatever the thread's size.
"""

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, ExpressionWrapper, Min, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from forum.core.links import url_from_prefix

from . import redflags
from .permissions import is_moderator

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from forum.accounts.models import User
    from forum.conditions.models import Condition
    from forum.images.models import Image

PATH_STEP = 8  # base-36 characters per level: ids up to 2.8 * 10**12
TEASER_LENGTH = 200  # characters of a members-only question a visitor sees
MAX_DEPTH = 100  # keeps the indexed path under 1,000 characters on every database
# Appended to a path, an upper bound for the paths of everything below it: paths are
# lowercase base-36, and "z" is the greatest of those characters in the C collation and in
# the usual linguistic ones (en_US and the like), where punctuation such as "~" is ignored
# at the first level and so is no bound at all.
PATH_CEILING = "z" * ((MAX_DEPTH + 1) * PATH_STEP)


def encode_path_step(pk: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while pk:
        pk, rem = divmod(pk, 36)
        out = digits[rem] + out
    return out.rjust(PATH_STEP, "0")


class Status(models.TextChoices):
    VISIBLE = "visible", "Visible"
    HELD = "held", "Held for review"
    HIDDEN = "hidden", "Hidden by a moderator"
    DELETED = "deleted", "Deleted by its author"


PUBLIC_STATUSES = [Status.VISIBLE, Status.DELETED]
ANONYMOUS_NAME = "Anonymous member"


class RedFlagKind(models.TextChoices):
    """Most severe first: the review queue and the notice go by this order."""

    CRISIS = "crisis", "Self-harm or crisis"
    URGENT = "urgent", "Urgent medical care"


class ThreadQuerySet(models.QuerySet["Thread"]):
    def questions(self) -> Self:
        return self.filter(kind=Thread.Kind.QUESTION)

    def articles(self) -> Self:
        return self.filter(kind=Thread.Kind.ARTICLE)

    def published(self) -> Self:
        """Visible and published: what every signed-in member may read, members-only
        threads included."""
        return self.filter(status=Status.VISIBLE, published_at__isnull=False)

    def public(self) -> Self:
        """What anyone may see, visitors, search engines, feeds and the sitemap included:
        published and not members-only. Visitors' pages (and so the page cache) only ever
        list these."""
        return self.published().filter(members_only=False)

    def listed_for(self, user: "User | AnonymousUser") -> Self:
        """The threads a list page shows this reader: members-only ones to members only."""
        return self.listed(members=user.is_authenticated)

    def listed(self, *, members: bool) -> Self:
        """``listed_for`` a member (``members``) or a visitor."""
        return self.published() if members else self.public()

    def members_only_teasers(self) -> Self:
        """Members-only threads whose title and first lines a visitor is shown, with an
        invitation to join, instead of the thread."""
        return self.published().filter(members_only=True)

    def visible_or_teased_to(self, user: "User | AnonymousUser") -> Self:
        """``visible_to(user)``, plus, for a visitor, the members-only threads they are shown
        a teaser of: one query for a thread page, whichever it turns out to be."""
        if user.is_authenticated:
            return self.visible_to(user)
        return self.published()

    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """Public threads, plus members-only ones for members, plus the member's own held,
        hidden or draft ones; all for moderators."""
        if is_moderator(user):
            return self.exclude(Q(published_at__isnull=True) & ~Q(author=user))
        if user.is_authenticated:
            return self.filter(
                Q(status=Status.VISIBLE, published_at__isnull=False) | Q(author=user)
            ).exclude(status=Status.DELETED)
        return self.public()

    def shown_as_authored_by(self, member: "User", viewer: "User | AnonymousUser") -> Self:
        """The threads a profile lists as ``member``'s: anonymous ones only to themselves."""
        qs = self.filter(author=member)
        if viewer.pk != member.pk:
            qs = qs.filter(is_anonymous=False)
        return qs

    def unanswered(self) -> Self:
        return self.filter(reply_count=0)

    def newest_first(self) -> Self:
        """Pinned threads first, then the newest: every newest-first list (home, the
        question and article lists, condition pages). Read as one backward scan of
        ``thread_pinned_newest`` (or ``thread_pinned_unanswered``), with no sort."""
        return self.order_by("-is_pinned", "-published_at", "-id")

    def tagged(self, condition: "Condition") -> Self:
        """Threads carrying ``condition``, as a correlated EXISTS rather than a join.

        With EXISTS the database walks the list's ordering index and stops after one
        page, instead of collecting and sorting every thread of a popular condition.
        """
        return self.tagged_with(condition.pk)

    def tagged_with(self, condition_id: int) -> Self:
        """``tagged`` by the condition's id (for a query compiled once for any id)."""
        through = Thread.conditions.through
        return self.filter(
            Exists(through.objects.filter(thread_id=OuterRef("pk"), condition_id=condition_id))
        )

    def unsolved(self) -> Self:
        return self.filter(accepted_post__isnull=True)

    def most_helpful_answered(self) -> Self:
        """Questions with a reply, those with an accepted answer first, then the most
        marked helpful, then the newest: a condition page's best of the community."""
        return self.filter(reply_count__gt=0).order_by(
            ExpressionWrapper(
                Q(accepted_post__isnull=False), output_field=models.BooleanField()
            ).desc(),
            "-helpful_count",
            "-published_at",
            "-id",
        )

    def needing_answer(self, *, older_than: datetime | None = None) -> Self:
        """Public questions nobody has replied to yet (optionally, for a while), oldest
        first. Pinned ones come last (a pin is an announcement more often than a question
        waiting for help), which keeps this a forward scan of ``thread_pinned_unanswered``."""
        qs = self.published().questions().unanswered()
        if older_than is not None:
            qs = qs.filter(published_at__lte=older_than)
        return qs.order_by("is_pinned", "published_at", "id")

    def waiting_for_clinician(self, clinician: "User") -> Self:
        """Questions in the conditions ``clinician`` answers for, unanswered for a while.

        The clinicians' part of the needs-an-answer page and of their daily digest.
        """
        older_than = timezone.now() - timedelta(hours=settings.MEDIUS_NEEDS_ANSWER_HOURS)
        return (
            self.needing_answer(older_than=older_than)
            .filter(conditions__in=clinician.answers_for.all())
            .distinct()
        )

    def drafts_by(self, author: "User") -> Self:
        return self.filter(author=author, published_at__isnull=True)

    def outside_others_drafts(self, user: "User | AnonymousUser") -> Self:
        """Everything but other authors' unpublished drafts: a draft is its author's alone,
        whoever is looking (moderators in the admin included)."""
        return self.exclude(Q(published_at__isnull=True) & ~Q(author_id=user.pk))

    def for_lists(self, *, conditions: bool = True) -> Self:
        """With what a list shows of each thread: its author and (unless ``conditions``
        is false, for a page that fetches the conditions of several lists at once with
        ``listing.with_conditions``) its conditions."""
        with_author = self.select_related("author")
        return with_author.prefetch_related("conditions") if conditions else with_author

    def mentioning_treatment(self, treatment_id: int, names: Iterable[str]) -> Self:
        """Threads where the treatment comes up: a record of it its member chose to show
        on a visible post, or one of ``names`` (its name and synonyms) as a whole word in
        the title, the free-text "tried" detail or the opening post.

        Whole words, so "rest" does not find "interest"; the same regular expression on
        SQLite (Python's ``re``) and PostgreSQL (``~*``). Each field is first matched
        with a plain case-insensitive ``LIKE`` on the same words, which the engine runs
        natively: on SQLite the regular expression is a Python call per row, so it only
        runs on the few rows that contain one of the words at all (a rare treatment
        otherwise costs a regular expression on every question).
        """
        words = sorted({name.strip().lower() for name in names if name.strip()})
        shown = PostRecord.objects.filter(
            thread_id=OuterRef("pk"),
            record__treatment_id=treatment_id,
            is_shown=True,
            post__status=Status.VISIBLE,
        )
        mentioned = Q(Exists(shown))
        if words:
            pattern = r"(^|[^a-z0-9])(" + "|".join(map(re.escape, words)) + r")([^a-z0-9]|$)"
            for field in ("title", "treatments_tried", "opening_post__body"):
                contains_a_word = Q()
                for word in words:
                    contains_a_word |= Q(**{f"{field}__icontains": word})
                mentioned |= contains_a_word & Q(**{f"{field}__iregex": pattern})
        return self.filter(mentioned)


class Thread(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", "Question"
        ARTICLE = "article", "Article"

    class Side(models.TextChoices):
        LEFT = "left", "Left"
        RIGHT = "right", "Right"
        BOTH = "both", "Both sides"

    class Duration(models.TextChoices):
        UNDER_6_WEEKS = "under_6_weeks", "Less than 6 weeks"
        UP_TO_3_MONTHS = "6_weeks_to_3_months", "6 weeks to 3 months"
        UP_TO_12_MONTHS = "3_to_12_months", "3 to 12 months"
        OVER_A_YEAR = "over_a_year", "More than a year"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=160, allow_unicode=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="threads"
    )
    opening_post = models.OneToOneField(
        "Post", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    conditions = models.ManyToManyField("conditions.Condition", related_name="threads")
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.VISIBLE,
        help_text="Mirrors the opening post's status, so lists can filter without a join.",
    )
    created_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True, help_text="Empty for drafts.")
    last_activity_at = models.DateTimeField()
    reply_count = models.PositiveIntegerField(default=0)
    helpful_count = models.PositiveIntegerField(default=0)
    accepted_post = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_locked = models.BooleanField(default=False)
    is_pinned = models.BooleanField(default=False)
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        help_text="Closed by a moderator as a duplicate of (or merged into) this question.",
    )
    duplicate_count = models.PositiveIntegerField(
        default=0,
        help_text="Questions closed as duplicates of this one: the page asks for them only if any.",
    )
    members_only = models.BooleanField(
        "members only",
        default=False,
        help_text=(
            "Only signed-in members read it; visitors and search engines see the title and "
            "first lines. Left out of feeds, the sitemap, structured data and the page cache."
        ),
    )
    is_anonymous = models.BooleanField(
        "asked anonymously",
        default=False,
        help_text="Shown as “Anonymous member” but to moderators; mirrors the opening post.",
    )

    # Questions: optional details that help others answer.
    side = models.CharField(max_length=5, choices=Side.choices, blank=True)
    duration = models.CharField(max_length=20, choices=Duration.choices, blank=True)
    activity = models.CharField("activity or sport", max_length=100, blank=True)
    aggravating = models.CharField("what makes it worse", max_length=300, blank=True)
    treatments_tried = models.CharField(max_length=300, blank=True)

    # Articles.
    summary = models.CharField(max_length=300, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_articles",
    )
    last_reviewed_on = models.DateField(null=True, blank=True)
    lead_image = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="An article's picture at the top of its page, and when it is shared.",
    )
    lead_image_alt = models.CharField(
        "alt text of the lead image",
        max_length=300,
        blank=True,
        help_text="What the lead image shows, for people who cannot see it.",
    )

    objects = ThreadQuerySet.as_manager()

    DETAIL_FIELDS = ("side", "duration", "activity", "aggravating", "treatments_tried")

    class Meta:
        permissions = [
            ("write_article", "Can write and publish articles"),
            ("moderate_post", "Can see and moderate every post"),
        ]
        # Ascending with the id last: the lists order by (-field, -id), which every
        # database reads as one backward scan of these indexes, with no sort.
        indexes = [
            # Newest-first lists lead with pinned threads: (-is_pinned, -published_at, -id).
            models.Index(
                fields=["kind", "status", "is_pinned", "published_at", "id"],
                name="thread_pinned_newest",
            ),
            models.Index(fields=["kind", "status", "last_activity_at", "id"], name="thread_active"),
            models.Index(fields=["kind", "status", "helpful_count", "id"], name="thread_helpful"),
            models.Index(
                fields=["kind", "is_pinned", "published_at", "id"],
                condition=Q(reply_count=0, status="visible"),
                name="thread_pinned_unanswered",
            ),
            # most_helpful_answered(): a condition page walks it in order, checking each
            # question's tag, and stops after its ten.
            models.Index(
                ExpressionWrapper(
                    Q(accepted_post__isnull=False), output_field=models.BooleanField()
                ).desc(),
                models.F("helpful_count").desc(),
                models.F("published_at").desc(),
                models.F("id").desc(),
                condition=Q(
                    kind="question", status="visible", published_at__isnull=False, reply_count__gt=0
                ),
                name="thread_answered_helpful",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="article") | Q(published_at__isnull=False),
                name="question_is_always_published",
            ),
            models.CheckConstraint(
                condition=Q(lead_image__isnull=True) | ~Q(lead_image_alt=""),
                name="lead_image_has_alt_text",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        name = "discussions:article" if self.is_article else "discussions:question"
        return url_from_prefix(name, self.pk, self.slug)

    @property
    def is_article(self) -> bool:
        return self.kind == self.Kind.ARTICLE

    @property
    def is_question(self) -> bool:
        return self.kind == self.Kind.QUESTION

    @property
    def is_draft(self) -> bool:
        return self.published_at is None

    @property
    def is_answered(self) -> bool:
        return self.accepted_post_id is not None

    @property
    def has_details(self) -> bool:
        return any(getattr(self, field) for field in self.DETAIL_FIELDS)

    def accepts_as_answer(self, *, author_id: int | None, status: str, depth: int) -> bool:
        """Whether a reply with these facts may be this question's accepted answer: a
        visible reply by someone other than the asker (accepting one's own reply would
        put it above everyone else's)."""
        return (
            self.is_question
            and depth > 0
            and status == Status.VISIBLE
            and (author_id is None or author_id != self.author_id)
        )

    @property
    def shown_author(self) -> "User | None":
        """The author readers are shown: None for an anonymous question (then
        ``ANONYMOUS_NAME``) and for a deleted account."""
        return None if self.is_anonymous else self.author

    @property
    def shown_lead_image(self) -> "Image | None":
        """The lead image while a moderator has not removed it."""
        image = self.lead_image
        return image if image is not None and not image.is_removed else None

    def teaser(self) -> str:
        """The first lines of a members-only question, as plain text, for visitors."""
        opening = self.opening_post
        text = strip_tags(opening.html) if opening else ""
        return Truncator(" ".join(text.split())).chars(TEASER_LENGTH)


class PostQuerySet(models.QuerySet["Post"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """Visible posts and deleted placeholders; held and hidden ones only to their author."""
        if is_moderator(user):
            return self
        if user.is_authenticated:
            return self.filter(Q(status__in=PUBLIC_STATUSES) | Q(author=user))
        return self.filter(status__in=PUBLIC_STATUSES)

    def replies(self) -> Self:
        return self.filter(depth__gte=1)

    def shown_as_authored_by(self, member: "User", viewer: "User | AnonymousUser") -> Self:
        """The posts a page may attribute to ``member``: anonymous ones only to themselves."""
        qs = self.filter(author=member)
        if viewer.pk != member.pk:
            qs = qs.filter(is_anonymous=False)
        return qs

    def outside_others_drafts(self, user: "User | AnonymousUser") -> Self:
        """Posts of every thread but other authors' unpublished drafts (see the threads')."""
        return self.exclude(Q(thread__published_at__isnull=True) & ~Q(thread__author_id=user.pk))

    def approved_since(self, moment: datetime) -> Self:
        """Posts a moderator approved after holding them, since ``moment``."""
        return self.filter(approved_at__gte=moment, held_at__isnull=False)

    def answers_to(self, opening: "Post") -> Self:
        """The visible replies directly under a question: its answers (the replies to
        them are comments)."""
        return self.filter(parent_id=opening.pk, status=Status.VISIBLE)

    def top_replies(self, thread: "Thread", *, limit: int = 3) -> Self:
        """The visible replies most often marked helpful (at least once), the accepted
        answer aside: the thread's "Top replies", whatever their depth."""
        replies = self.filter(thread_id=thread.pk, depth__gte=1, status=Status.VISIBLE).filter(
            helpful_count__gt=0
        )
        if thread.accepted_post_id is not None:
            replies = replies.exclude(pk=thread.accepted_post_id)
        return replies.select_related("author").order_by("-helpful_count", "id")[:limit]

    def outline_counts(self, thread: "Thread", viewer: "User | AnonymousUser") -> dict[str, Any]:
        """One aggregate for a long thread's outline: its visible replies, those by
        verified clinicians and, for a returning member, those others wrote since their
        last visit (with the first of them), read from their ``ThreadVisit``."""
        visible = Q(depth__gte=1, status=Status.VISIBLE)
        counts: dict[str, Count | Min] = {
            "replies": Count("id", filter=visible),
            "clinician_replies": Count(
                "id", filter=visible & Q(author__clinician_verified_at__isnull=False)
            ),
        }
        if viewer.is_authenticated:
            seen_at = ThreadVisit.objects.filter(user_id=viewer.pk, thread_id=thread.pk)
            new = visible & Q(created_at__gt=Subquery(seen_at.values("seen_at")[:1]))
            new &= ~Q(author_id=viewer.pk)
            counts["new_replies"] = Count("id", filter=new)
            counts["first_new_id"] = Min("id", filter=new)
        return self.filter(thread_id=thread.pk).aggregate(**counts)


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="posts"
    )
    body = models.TextField(max_length=20_000)
    html = models.TextField(help_text="Sanitised rendering of the body, stored when written.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE)
    depth = models.PositiveSmallIntegerField(default=0)
    path = models.CharField(max_length=(MAX_DEPTH + 1) * PATH_STEP, blank=True)
    created_at = models.DateTimeField()
    edited_at = models.DateTimeField(null=True, blank=True)
    helpful_count = models.PositiveIntegerField(default=0)
    child_count = models.PositiveIntegerField(
        default=0, help_text="Direct replies that everyone can see (visible or deleted)."
    )
    moderation_reason = models.CharField(
        max_length=500, blank=True, help_text="Why the post is held or hidden; its author sees it."
    )
    red_flag = models.CharField(
        max_length=200, blank=True, help_text="The words that matched a red-flag pattern, if any."
    )
    red_flag_kind = models.CharField(
        max_length=10, blank=True, choices=RedFlagKind.choices, help_text="Urgent care or crisis."
    )
    content_note = models.CharField(
        max_length=80,
        blank=True,
        help_text="A sensitive subject (self-harm, pregnancy loss…): the text is folded under it.",
    )
    is_anonymous = models.BooleanField(
        "posted anonymously",
        default=False,
        help_text=(
            "Shown as “Anonymous member”: only moderators see who wrote it, and each look "
            "is logged. Every rule and sanction of the real account still applies."
        ),
    )
    images = models.ManyToManyField(
        "images.Image",
        blank=True,
        related_name="+",
        help_text="The uploads the body shows; an image is served while a public post shows it.",
    )
    held_at = models.DateTimeField(
        null=True, blank=True, help_text="When the post was last held for review, if ever."
    )
    approved_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a moderator last made it visible after it was held: the review time.",
    )
    red_flag_pending = models.BooleanField(
        default=False,
        help_text=(
            "Flagged, and no moderator has acted on the post since. Set in the same "
            "transaction as the text; the review queue selects these posts itself, first."
        ),
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["thread", "path"], name="post_tree"),
            models.Index(fields=["author", "-created_at"], name="post_by_author"),
            models.Index(
                fields=["approved_at"],
                condition=Q(approved_at__isnull=False),
                name="post_approved",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(depth=0, parent__isnull=True) | Q(depth__gt=0, parent__isnull=False),
                name="post_depth_matches_parent",
            ),
        ]

    def __str__(self) -> str:
        return f"Post {self.pk} in {self.thread_id}"

    def get_absolute_url(self) -> str:
        return reverse("discussions:permalink", kwargs={"pk": self.pk})

    @property
    def is_opening(self) -> bool:
        return self.depth == 0

    @property
    def is_deleted(self) -> bool:
        return self.status == Status.DELETED

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def shown_author(self) -> "User | None":
        """The author readers are shown: None when anonymous or the account is gone."""
        return None if self.is_anonymous else self.author

    @property
    def shown_author_name(self) -> str:
        if self.is_anonymous:
            return ANONYMOUS_NAME
        return self.author.public_name if self.author else "[deleted member]"

    def ancestor_ids(self) -> list[int]:
        """Ids of every ancestor, root first, read from the path without a query."""
        steps = [self.path[i : i + PATH_STEP] for i in range(0, len(self.path), PATH_STEP)]
        return [int(step, 36) for step in steps[:-1]]


class PostRevision(models.Model):
    """One version of a post's text. The first edit also records the original."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=150, blank=True)
    body = models.TextField()
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["post", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["post", "number"], name="one_revision_number_per_post")
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of post {self.post_id}"


class RedFlagPhrase(models.Model):
    """A pattern of words that suggests someone needs urgent care (or crisis support) now.

    Moderators edit these in the admin; ``forum/discussions/redflags.py`` reads them.
    """

    Kind = RedFlagKind

    phrase = models.CharField(
        "pattern",
        max_length=300,
        unique=True,
        validators=[redflags.validate_pattern],
        help_text=redflags.PATTERN_HELP,
    )
    kind = models.CharField(max_length=10, choices=RedFlagKind.choices, default=RedFlagKind.URGENT)
    is_active = models.BooleanField(default=True)
    ignore_negated = models.BooleanField(
        "skip denials",
        default=True,
        help_text=(
            "Skip a match right after no, not, never, without, don't or haven't in the same "
            "clause (“no saddle numbness”). Leave it off for crisis patterns: “I'm not going "
            "to hurt myself, but…” still needs a look."
        ),
    )
    examples = models.TextField(
        blank=True,
        help_text=(
            "Sentences this pattern must catch, one per line, in people's own words. Saving "
            "checks every one, so an edit that stops catching them is refused."
        ),
    )

    class Meta:
        ordering = ["kind", "phrase"]
        verbose_name = "red-flag pattern"

    def __str__(self) -> str:
        return self.phrase

    def clean(self) -> None:
        try:
            redflags.parse_pattern(self.phrase)
        except redflags.PatternError:
            return  # the field's validator has said so already
        missed = [
            line.strip()
            for line in self.examples.splitlines()
            if line.strip()
            and not redflags.matches(self.phrase, line, ignore_negated=self.ignore_negated)
        ]
        if missed:
            raise ValidationError(
                {"examples": [f"The pattern does not catch “{line}”." for line in missed]}
            )


class BlockedTerm(models.Model):
    """A domain or word moderators block: a low-trust member's post using it is held for
    review as likely spam (``forum/discussions/spam.py``), never dropped."""

    class Kind(models.TextChoices):
        DOMAIN = "domain", "Domain"
        WORD = "word", "Word or phrase"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DOMAIN)
    term = models.CharField(
        max_length=200, unique=True, help_text="A domain (example.com) or a word or phrase."
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "term"]
        verbose_name = "blocked domain or word"
        verbose_name_plural = "blocked domains and words"

    def __str__(self) -> str:
        return self.term

    def clean(self) -> None:
        self.term = " ".join(self.term.split()).casefold()
        if self.kind == self.Kind.DOMAIN:
            self.term = self.term.removeprefix("https://").removeprefix("http://")
            self.term = self.term.removeprefix("www.").split("/")[0]
            if "." not in self.term or " " in self.term:
                raise ValidationError({"term": "Write a domain such as example.com."})


class HelpfulMarkQuerySet(models.QuerySet["HelpfulMark"]):
    def post_ids(self, *, user: "User | AnonymousUser", thread: Thread) -> set[int]:
        """The posts in ``thread`` that ``user`` marked helpful (none for visitors)."""
        if not user.is_authenticated:
            return set()
        return set(self.filter(user=user, post__thread=thread).values_list("post_id", flat=True))


class HelpfulMark(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="helpful_marks")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="helpful_marks"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HelpfulMarkQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="one_helpful_mark_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} found post {self.post_id} helpful"


class FollowQuerySet(models.QuerySet["Follow"]):
    def following(
        self,
        user: "User | AnonymousUser",
        *,
        thread: Thread | None = None,
        condition: "Condition | None" = None,
        member: "User | None" = None,
    ) -> bool:
        """Whether ``user`` follows exactly that target (a muted thread is not followed)."""
        target = {"thread": thread, "condition": condition, "member": member}
        target = {key: value for key, value in target.items() if value is not None}
        if len(target) != 1:
            raise ValueError("Name exactly one thing to follow.")
        if not user.is_authenticated:
            return False
        return self.filter(user=user, muted=False, **target).exists()


class Follow(models.Model):
    """A member follows a thread, a condition or another member's articles.

    ``muted`` remembers an unfollow, so replying again does not follow the thread anew.
    Notifications read these to decide who hears about a new post.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
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

    objects = FollowQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(thread__isnull=False, condition__isnull=True, member__isnull=True)
                    | Q(thread__isnull=True, condition__isnull=False, member__isnull=True)
                    | Q(thread__isnull=True, condition__isnull=True, member__isnull=False)
                ),
                name="follow_names_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=Q(thread__isnull=False),
                name="one_follow_per_thread",
            ),
            models.UniqueConstraint(
                fields=["user", "condition"],
                condition=Q(condition__isnull=False),
                name="one_follow_per_condition",
            ),
            models.UniqueConstraint(
                fields=["user", "member"],
                condition=Q(member__isnull=False),
                name="one_follow_per_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.thread or self.condition or self.member}"


class ThreadVisitQuerySet(models.QuerySet["ThreadVisit"]):
    def record(self, *, user: "User | AnonymousUser", thread: Thread) -> None:
        """Move ``user``'s read marker for ``thread`` to now: one upsert on every database."""
        if not user.is_authenticated:
            return
        visit = ThreadVisit(user_id=user.pk, thread_id=thread.pk, seen_at=timezone.now())
        self.bulk_create(
            [visit],
            update_conflicts=True,
            unique_fields=["user", "thread"],
            update_fields=["seen_at"],
        )


class ThreadVisit(models.Model):
    """When a member last opened a thread: the read marker behind "new since your last
    visit" in a long thread's outline. Written on each visit, after the page's reads."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()

    objects = ThreadVisitQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="one_visit_marker_per_thread")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} last read thread {self.thread_id} at {self.seen_at}"


class BookmarkQuerySet(models.QuerySet["Bookmark"]):
    def listed_for(self, user: "User") -> "BookmarkQuerySet":
        """The member's bookmarks of posts they may still see, newest first, with what a
        list shows (the post's thread and author) in the same query."""
        return (
            self.filter(
                user=user,
                post__in=Post.objects.visible_to(user).outside_others_drafts(user),
                post__thread__in=Thread.objects.visible_to(user),
            )
            .select_related("post__thread", "post__author")
            .order_by("-created_at", "-id")
        )

    def due(self, today: date) -> "BookmarkQuerySet":
        """Bookmarks whose reminder date has come and that have not reminded yet."""
        return self.filter(remind_on__lte=today, reminded_at__isnull=True)


class Bookmark(models.Model):
    """A member saved a post (a thread is saved as its opening post) to find it again,
    optionally to be reminded of it on ``remind_on`` (``send_reminders`` delivers it as
    a notification once and sets ``reminded_at``)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    remind_on = models.DateField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    objects = BookmarkQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="one_bookmark_per_post"),
        ]
        indexes = [
            models.Index(
                fields=["remind_on"],
                condition=Q(reminded_at__isnull=True, remind_on__isnull=False),
                name="bookmark_reminder_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} saved post {self.post_id}"


class PostRecordQuerySet(models.QuerySet["PostRecord"]):
    def shown_to(self, viewer: Any) -> "PostRecordQuerySet":
        """The records a page may show beside their posts: those their member chose to
        show, on a post still up (visible), plus the viewer's own, shown or not."""
        shown = Q(is_shown=True, post__status=Status.VISIBLE)
        if viewer.is_authenticated:
            shown |= Q(record__member_id=viewer.pk)
        return self.filter(shown)

    def for_display(self) -> "PostRecordQuerySet":
        return self.select_related("record__treatment", "record__condition").order_by(
            "record__started_on", "pk"
        )


class PostRecord(models.Model):
    """A treatment record its member attached to their own question ("what have you
    tried?") or reply ("this is what I did").

    The record stays the treatments app's, private unless ``is_shown``: the link only
    says where it was told. Deleting the record (or the account) deletes the link.
    """

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="treatment_records")
    thread = models.ForeignKey(
        Thread,
        on_delete=models.CASCADE,
        related_name="treatment_records",
        help_text="The post's thread, kept here so a thread's page and a treatment's "
        "question list each read one index.",
    )
    record = models.OneToOneField(
        "treatments.TreatmentRecord", on_delete=models.CASCADE, related_name="post_link"
    )
    is_shown = models.BooleanField(
        "shown with the post",
        default=False,
        help_text="The member chose to show it beside their post; otherwise only counted.",
    )

    objects = PostRecordQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["thread", "post"], name="post_record_by_thread")]

    def __str__(self) -> str:
        return f"record {self.record_id} on post {self.post_id}"

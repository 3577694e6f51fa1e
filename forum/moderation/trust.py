"""Trust levels earned from behaviour: the facts, the thresholds and what the next level needs.

The level is stored on the member (``User.trust_level``) so that every lower app reads it
without a query; this module, in the moderation app because it weighs reports and
moderators' decisions, computes it. ``services.recalculate_trust`` writes it, on the
events that change it and daily (``manage.py recalculate_trust``).

======== ============================================================================
level    earned by (thresholds are ``MEDIUS_TRUST_*`` settings)
======== ============================================================================
new      a verified account; posts are held until moderators approved a few
basic    days since joining and approved posts (the newcomer sandbox's own thresholds)
member   more days and posts, helpful marks received, and no upheld report against
         them or hidden post in the last ``MEDIUS_TRUST_CLEAN_DAYS``
trusted  long-standing, with reports of theirs that moderators upheld
======== ============================================================================

Upheld reports against a member (their post hidden after a report) cap their level at
basic while they are recent: that is the demotion. A moderator can lock a level; a locked
level is never recalculated. Reading time is not measured by Medius, so it is not a fact.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import F, Func, IntegerField, OuterRef, QuerySet, Subquery
from django.utils import timezone

from forum.accounts.models import TrustLevel, User
from forum.discussions.models import HelpfulMark, Post, Status

from .models import Report


@dataclass(frozen=True)
class Facts:
    days: int
    approved_posts: int
    helpful_received: int
    recent_sanctions: int  # posts hidden by moderators (reported or not) in the clean window
    upheld_flags: int  # reports this member made that ended with the post hidden


@dataclass(frozen=True)
class Requirement:
    label: str
    have: int
    need: int
    at_most: bool = False  # "no more than": e.g. zero recent sanctions

    @property
    def met(self) -> bool:
        return self.have <= self.need if self.at_most else self.have >= self.need


@dataclass(frozen=True)
class Progress:
    level: TrustLevel
    locked: bool
    next_level: TrustLevel | None
    requirements: list[Requirement]


def with_facts(members: QuerySet[User], *, now: datetime) -> QuerySet[User]:
    """``members`` with the counts behind their level, read in the same query as their row
    (``facts_from`` turns one into ``Facts``)."""
    clean_since = now - timedelta(days=settings.MEDIUS_TRUST_CLEAN_DAYS)
    member = OuterRef("pk")
    return members.annotate(
        trust_approved_posts=_count(Post.objects.filter(author=member, status=Status.VISIBLE)),
        trust_helpful_received=_count(
            HelpfulMark.objects.filter(post__author=member).exclude(user=member)
        ),
        trust_recent_sanctions=_count(
            Post.objects.filter(author=member, status=Status.HIDDEN, created_at__gte=clean_since)
        ),
        trust_upheld_flags=_count(
            Report.objects.filter(reporter=member, resolution=Report.Resolution.HIDDEN)
        ),
    )


def _count(rows: QuerySet[Any]) -> Subquery:
    """``SELECT COUNT(*)`` of ``rows`` as a subquery: one row, whatever they match."""
    counted = rows.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())


def facts_from(member: User, *, now: datetime) -> Facts:
    """The facts of a member read through ``with_facts``."""
    return Facts(
        days=(now - member.date_joined).days,
        approved_posts=member.trust_approved_posts,  # type: ignore[attr-defined]
        helpful_received=member.trust_helpful_received,  # type: ignore[attr-defined]
        recent_sanctions=member.trust_recent_sanctions,  # type: ignore[attr-defined]
        upheld_flags=member.trust_upheld_flags,  # type: ignore[attr-defined]
    )


def facts_for(member: User, *, now: datetime | None = None) -> Facts:
    now = now or timezone.now()
    counted = with_facts(User.objects.filter(pk=member.pk), now=now).get()
    counted.date_joined = member.date_joined
    return facts_from(counted, now=now)


def requirements(level: TrustLevel, facts: Facts) -> list[Requirement]:
    """What ``level`` asks of a member, measured against their ``facts``."""
    s = settings
    if level == TrustLevel.BASIC:
        return [
            Requirement("days since joining", facts.days, s.MEDIUS_NEWCOMER_DAYS),
            Requirement("approved posts", facts.approved_posts, s.MEDIUS_NEWCOMER_APPROVED_POSTS),
        ]
    if level == TrustLevel.MEMBER:
        return [
            Requirement("days since joining", facts.days, s.MEDIUS_TRUST_MEMBER_DAYS),
            Requirement("approved posts", facts.approved_posts, s.MEDIUS_TRUST_MEMBER_POSTS),
            Requirement(
                "helpful marks received", facts.helpful_received, s.MEDIUS_TRUST_MEMBER_HELPFUL
            ),
            Requirement(
                f"posts hidden by moderators in the last {s.MEDIUS_TRUST_CLEAN_DAYS} days",
                facts.recent_sanctions,
                0,
                at_most=True,
            ),
        ]
    if level == TrustLevel.TRUSTED:
        kept = ("helpful marks received", "posts hidden by moderators")
        return [
            *(r for r in requirements(TrustLevel.MEMBER, facts) if r.label.startswith(kept)),
            Requirement("days since joining", facts.days, s.MEDIUS_TRUST_TRUSTED_DAYS),
            Requirement("approved posts", facts.approved_posts, s.MEDIUS_TRUST_TRUSTED_POSTS),
            Requirement(
                "reports of yours that moderators upheld",
                facts.upheld_flags,
                s.MEDIUS_TRUST_TRUSTED_UPHELD_FLAGS,
            ),
        ]
    return []


def earned_level(facts: Facts) -> TrustLevel:
    """The highest level whose every requirement (and every lower level's) is met."""
    earned = TrustLevel.NEW
    for level in (TrustLevel.BASIC, TrustLevel.MEMBER, TrustLevel.TRUSTED):
        if not all(r.met for r in requirements(level, facts)):
            break
        earned = level
    return earned


def progress(member: User) -> Progress:
    """The member's level and, unless it is the top or locked, what the next one needs."""
    level = TrustLevel(member.trust_level)
    if member.trust_level_locked or level == TrustLevel.TRUSTED:
        return Progress(level=level, locked=member.trust_level_locked, next_level=None,
                        requirements=[])  # fmt: skip
    following = TrustLevel(level + 1)
    return Progress(
        level=level,
        locked=False,
        next_level=following,
        requirements=requirements(following, facts_for(member)),
    )

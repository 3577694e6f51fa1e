"""Atom feeds: the whole site's, each condition's, and each thread's replies.

An entry's ``<summary type="html">`` is HTML that feed readers render, so it only ever
carries a post's stored, sanitised HTML or plain text escaped (an article's summary is
plain text, typed by its author). Titles and subtitles are Atom text, escaped by the
feed generator.
"""

from datetime import UTC, datetime
from typing import Generic, TypeVar

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, SyndicationFeed
from django.utils.html import escape

from forum.conditions.models import Condition
from forum.core.xml import xml_safe

from ..models import ANONYMOUS_NAME, Post, Thread, ThreadQuerySet

ItemT = TypeVar("ItemT", Thread, Post)
ObjT = TypeVar("ObjT")

LIST_LENGTH = 20
# An empty feed's <updated>: a fixed moment (the year of the feeds' tag: ids), not "now",
# so that nothing seems to change between two fetches.
EMPTY_FEED_UPDATED = datetime(2026, 1, 1, tzinfo=UTC)


class MediusAtomFeed(Atom1Feed):
    def latest_post_date(self) -> datetime:
        if not self.items:
            return EMPTY_FEED_UPDATED
        return super().latest_post_date()


class SiteURLFeed(Feed[ItemT, ObjT], Generic[ItemT, ObjT]):
    """An Atom feed whose every URL starts with ``settings.SITE_URL`` (Django's would take
    the request's host): its own address, its link and each entry's."""

    feed_type = MediusAtomFeed

    def get_feed(self, obj: ObjT, request: HttpRequest) -> SyndicationFeed:
        feed = super().get_feed(obj, request)
        feed.feed["feed_url"] = settings.SITE_URL + request.path
        return feed

    def item_link(self, item: ItemT) -> str:
        return settings.SITE_URL + item.get_absolute_url()


class ThreadFeed(SiteURLFeed[Thread, ObjT]):
    """The item half of every Atom feed of threads: the site's, and each condition's.

    Subclasses say which threads (``items``) and describe the feed itself.
    """

    item_guid_is_permalink = False

    def item_title(self, item: Thread) -> str:
        return xml_safe(f"{item.get_kind_display()}: {item.title}")

    def item_description(self, item: Thread) -> str:
        if item.summary:
            return xml_safe(escape(item.summary))
        if item.opening_post is None:
            raise ValueError("A thread always has its opening post.")
        note = item.opening_post.content_note
        if note:
            return xml_safe(f"<p><strong>Content note: {escape(note)}</strong></p>")
        return xml_safe(item.opening_post.html)

    def item_pubdate(self, item: Thread) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Thread) -> datetime | None:
        if item.opening_post is None:
            raise ValueError("A thread always has its opening post.")
        return item.opening_post.edited_at or item.published_at

    def item_guid(self, item: Thread) -> str:
        """A permanent id (RFC 4287 4.2.6): the URL carries the slug, which a retitle changes."""
        return f"tag:medius,2026:thread/{item.pk}"

    def item_author_name(self, item: Thread) -> str:
        if item.is_anonymous:
            return ANONYMOUS_NAME
        return xml_safe(item.author.public_name) if item.author else "[deleted member]"

    @staticmethod
    def newest(threads: ThreadQuerySet) -> QuerySet[Thread]:
        """Public threads (members-only ones never), newest first, with what the item
        methods read."""
        return (
            threads.public()
            .select_related("author", "opening_post")
            .order_by("-published_at", "-id")[:LIST_LENGTH]
        )


class ConditionFeed(ThreadFeed[Condition]):
    """Atom feed of a condition's newest public questions and articles."""

    def get_object(self, request: HttpRequest, slug: str) -> Condition:
        return get_object_or_404(Condition, slug=slug)

    def title(self, obj: Condition) -> str:
        return xml_safe(f"{obj.name} on Medius")

    def subtitle(self, obj: Condition) -> str:
        return xml_safe(obj.description)

    def link(self, obj: Condition) -> str:
        return settings.SITE_URL + obj.get_absolute_url()

    def items(self, obj: Condition) -> QuerySet[Thread]:
        return self.newest(Thread.objects.tagged(obj))


class SiteFeed(ThreadFeed[None]):
    """Atom feed of the newest public questions and articles on the whole site."""

    title = "Medius"
    subtitle = "New questions and articles about outer-hip and buttock pain."

    def link(self) -> str:
        return settings.SITE_URL + reverse("home")

    def items(self) -> QuerySet[Thread]:
        return self.newest(Thread.objects.all())


class ThreadRepliesFeed(SiteURLFeed[Post, Thread]):
    """Atom feed of a public thread's visible replies, newest first."""

    item_guid_is_permalink = False
    LENGTH = 50

    def get_object(self, request: HttpRequest, pk: int) -> Thread:
        return get_object_or_404(Thread.objects.public(), pk=pk)

    def title(self, obj: Thread) -> str:
        return xml_safe(f"Replies to “{obj.title}” on Medius")

    def link(self, obj: Thread) -> str:
        return settings.SITE_URL + obj.get_absolute_url()

    def items(self, obj: Thread) -> QuerySet[Post]:
        return (
            Post.objects.replies()
            .filter(thread=obj, status="visible")
            .select_related("author")
            .order_by("-created_at", "-id")[: self.LENGTH]
        )

    def item_title(self, item: Post) -> str:
        return xml_safe(f"{self.item_author_name(item)} replied")

    def item_description(self, item: Post) -> str:
        if item.content_note:
            return xml_safe(f"<p><strong>Content note: {escape(item.content_note)}</strong></p>")
        return xml_safe(item.html)

    def item_pubdate(self, item: Post) -> datetime:
        return item.created_at

    def item_updateddate(self, item: Post) -> datetime:
        return item.edited_at or item.created_at

    def item_guid(self, item: Post) -> str:
        return f"tag:medius,2026:post/{item.pk}"

    def item_author_name(self, item: Post) -> str:
        return xml_safe(item.shown_author_name)

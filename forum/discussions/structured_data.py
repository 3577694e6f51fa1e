"""schema.org data for search engines (JSON-LD) about a public thread."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils.html import strip_tags

from forum.accounts.models import User
from forum.conditions.models import Condition

from .models import Status, Thread


def _person(user: User | None) -> dict[str, Any]:
    if user is None:
        return {"@type": "Person", "name": "[deleted member]"}
    return {
        "@type": "Person",
        "name": user.public_name,
        "url": settings.SITE_URL + user.get_absolute_url(),
    }


def thread_structured_data(
    thread: Thread, conditions: Iterable[Condition]
) -> dict[str, Any] | None:
    """An Article, a QAPage for a question with an accepted answer, else a
    DiscussionForumPosting. None unless the thread is public (its page then says noindex).
    """
    if thread.status != Status.VISIBLE or thread.is_draft:
        return None
    opening = thread.opening_post
    assert opening is not None
    url = settings.SITE_URL + thread.get_absolute_url()
    text = strip_tags(opening.html).strip()
    names = [c.name for c in conditions]
    common: dict[str, Any] = {
        "url": url,
        "datePublished": thread.published_at,
        "author": _person(thread.author),
    }
    if opening.edited_at:
        common["dateModified"] = opening.edited_at
    if names:
        common["keywords"] = ", ".join(names)
    if thread.is_article:
        return {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": thread.title,
            "description": thread.summary or text[:300],
            "publisher": {"@type": "Organization", "name": "Medius", "url": settings.SITE_URL},
            **common,
        }
    accepted = thread.accepted_post
    if accepted is not None and accepted.status == Status.VISIBLE:
        return {
            "@context": "https://schema.org",
            "@type": "QAPage",
            "mainEntity": {
                "@type": "Question",
                "name": thread.title,
                "text": text,
                "answerCount": thread.reply_count,
                **common,
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": strip_tags(accepted.html).strip(),
                    "datePublished": accepted.created_at,
                    "upvoteCount": accepted.helpful_count,
                    "url": settings.SITE_URL + accepted.get_absolute_url(),
                    "author": _person(accepted.author),
                },
            },
        }
    return {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        "headline": thread.title,
        "text": text,
        "commentCount": thread.reply_count,
        **common,
    }

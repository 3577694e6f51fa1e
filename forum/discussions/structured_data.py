"""schema.org data for search engines (JSON-LD): threads, condition pages and lists.

Google's documented properties are the yardstick (tests/discussions/test_structured_data.py
checks them with extruct): a question with a reply is a ``QAPage`` whose ``Question`` has
its top-level replies as ``suggestedAnswer`` (the accepted one as ``acceptedAnswer``) and the
replies below them as ``comment``; a question nobody answered yet is a
``DiscussionForumPosting``; an article is an ``Article``. Every URL starts with
``settings.SITE_URL``, and an answer's ``url`` is where it is shown (the thread page and
``#r-<id>``), never the permalink that redirects there.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags

from forum.accounts.models import User
from forum.conditions.models import Condition, Guide

from .images import lead_image_of
from .models import ANONYMOUS_NAME, Post, Status, Thread
from .tree import locate_reply

CONTEXT = "https://schema.org"


def default_image() -> str:
    """The site's picture (static/brand/share.png), for pages without their own."""
    return settings.SITE_URL + static("brand/share.png")


def article_images(thread: Thread) -> list[Any]:
    """An article's lead image with its size and alt text, else the site's picture."""
    lead = lead_image_of(thread)
    if lead is None:
        return [default_image()]
    return [
        {
            "@type": "ImageObject",
            "url": lead.absolute_src,
            "contentUrl": lead.absolute_src,
            "width": lead.width,
            "height": lead.height,
            "caption": lead.alt,
        }
    ]


def _person(user: User | None, *, anonymous: bool = False) -> dict[str, Any]:
    if anonymous:
        return {"@type": "Person", "name": ANONYMOUS_NAME}
    if user is None:
        return {"@type": "Person", "name": "[deleted member]"}
    return {
        "@type": "Person",
        "name": user.public_name,
        "url": settings.SITE_URL + user.get_absolute_url(),
    }


def _row_person(row: Any, profile_prefix: str) -> dict[str, Any]:
    if row.is_anonymous:
        return {"@type": "Person", "name": ANONYMOUS_NAME}
    if not row.author_id:
        return {"@type": "Person", "name": "[deleted member]"}
    return {
        "@type": "Person",
        "name": row.author_display_name or row.author_username,
        "url": f"{settings.SITE_URL}{profile_prefix}{row.author_username}/",
    }


def _text(html: str) -> str:
    return strip_tags(html).strip()


def _dates(published: datetime | None, modified: datetime | None) -> dict[str, Any]:
    dates: dict[str, Any] = {"datePublished": published}
    if modified:
        dates["dateModified"] = modified
    return dates


def thread_structured_data(
    thread: Thread,
    conditions: Iterable[Condition],
    *,
    replies: Sequence[Any] = (),
    answer_count: int = 0,
    page_url: str | None = None,
    profile_prefix: str = "",
) -> dict[str, Any] | None:
    """The JSON-LD of a public thread's page. None unless the thread is public (its page
    then says noindex); a members-only thread never has any.

    ``replies`` are the reply rows on this page (``tree.reply_page``), in tree order;
    ``answer_count`` the thread's visible top-level replies, on every page; ``page_url`` the
    path of this page, for the replies' URLs.
    """
    if thread.status != Status.VISIBLE or thread.is_draft or thread.members_only:
        return None
    opening = thread.opening_post
    assert opening is not None
    url = settings.SITE_URL + thread.get_absolute_url()
    text = _text(opening.html)
    names = [c.name for c in conditions]
    common: dict[str, Any] = {
        "url": url,
        "author": _person(thread.author, anonymous=thread.is_anonymous),
        **_dates(thread.published_at, opening.edited_at),
    }
    if names:
        common["keywords"] = ", ".join(names)
    if thread.is_article:
        return {
            "@context": CONTEXT,
            "@type": "Article",
            "headline": thread.title,
            "description": thread.summary or text[:300],
            "image": article_images(thread),
            "publisher": {
                "@type": "Organization",
                "name": "Medius",
                "url": settings.SITE_URL + "/",
                "logo": {
                    "@type": "ImageObject",
                    "url": settings.SITE_URL + static("brand/icon-512.png"),
                },
            },
            **common,
            "dateModified": opening.edited_at or thread.published_at,
        }
    if answer_count == 0:
        return {
            "@context": CONTEXT,
            "@type": "DiscussionForumPosting",
            "headline": thread.title,
            "text": text,
            "commentCount": thread.reply_count,
            **common,
        }
    here = settings.SITE_URL + (page_url or thread.get_absolute_url())
    visible = [r for r in replies if r.status == Status.VISIBLE]
    comments: dict[int, list[dict[str, Any]]] = {}
    for row in reversed(visible):  # children before their parents
        if not row.is_top:
            entry = _reply(row, "Comment", here, profile_prefix, comments.pop(row.id, []))
            comments.setdefault(row.parent_id, []).insert(0, entry)
    question: dict[str, Any] = {
        "@type": "Question",
        "name": thread.title,
        "text": text,
        "answerCount": answer_count,
        "upvoteCount": opening.helpful_count,
        **common,
    }
    suggested = []
    for row in visible:
        if row.is_top:
            answer = _reply(row, "Answer", here, profile_prefix, comments.get(row.id, []))
            if row.id == thread.accepted_post_id:
                question["acceptedAnswer"] = answer
            else:
                suggested.append(answer)
    accepted = thread.accepted_post
    if (
        "acceptedAnswer" not in question
        and accepted is not None
        and accepted.status == Status.VISIBLE
    ):
        # Accepted, but shown on another page of the thread, or below another reply.
        question["acceptedAnswer"] = {
            "@type": "Answer",
            "text": _text(accepted.html),
            "upvoteCount": accepted.helpful_count,
            "url": settings.SITE_URL + accepted_answer_path(accepted),
            "author": _person(accepted.author, anonymous=accepted.is_anonymous),
            **_dates(accepted.created_at, accepted.edited_at),
        }
    if suggested:
        question["suggestedAnswer"] = suggested
    return {"@context": CONTEXT, "@type": "QAPage", "mainEntity": question}


def accepted_answer_path(post: Post) -> str:
    """Where an accepted answer is shown to everyone (the page a visitor's permalink
    leads to)."""
    return locate_reply(post, AnonymousUser())


def _reply(
    row: Any, kind: str, here: str, profile_prefix: str, comments: list[dict[str, Any]]
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "@type": kind,
        "text": _text(row.html),
        "url": f"{here}#r-{row.id}",
        "upvoteCount": row.helpful_count,
        "author": _row_person(row, profile_prefix),
        **_dates(row.created_at, row.edited_at),
    }
    if comments:
        entry["comment"] = comments
    return entry


def breadcrumbs(trail: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """A ``BreadcrumbList`` from (name, path) pairs, the home page first."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": settings.SITE_URL + path}
            for i, (name, path) in enumerate(trail, start=1)
        ],
    }


def collection_structured_data(
    *,
    name: str,
    path: str,
    description: str,
    trail: Sequence[tuple[str, str]],
    threads: Iterable[Thread] = (),
) -> list[dict[str, Any]]:
    """A list page (questions, articles, a condition, the conditions): a ``CollectionPage``
    of what it lists (members-only threads left out: a member's list shows them), and its
    ``BreadcrumbList``."""
    page: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "CollectionPage",
        "name": name,
        "url": settings.SITE_URL + path,
        "description": description,
        "image": default_image(),
    }
    public = [t for t in threads if not t.members_only]
    items = [
        {"@type": "ListItem", "position": i, "url": settings.SITE_URL + t.get_absolute_url()}
        for i, t in enumerate(public, start=1)
    ]
    if items:
        page["mainEntity"] = {"@type": "ItemList", "itemListElement": items}
    return [page, breadcrumbs([("Home", reverse("home")), *trail])]


def condition_structured_data(
    condition: Condition,
    guide: Guide | None,
    *,
    path: str,
    look_alikes: Sequence[Condition] = (),
) -> list[dict[str, Any]]:
    """A condition page's ``MedicalWebPage`` about its ``MedicalCondition``.

    The guide's lists become ``signOrSymptom``, ``riskFactor`` and ``possibleTreatment``;
    the clinician's review is the page's ``lastReviewed`` and ``reviewedBy`` (schema.org
    puts both on the page, not the condition), present only while the stamp stands.

    "Not sure yet" is no condition: its page claims none, and ``mentions`` the conditions
    its guide tells apart (``look_alikes``, the site's conditions it links to).
    """
    url = settings.SITE_URL + path
    if condition.is_undiagnosed:
        return [_undiagnosed_page(condition, guide, url=url, look_alikes=look_alikes)]
    medical: dict[str, Any] = {
        "@type": "MedicalCondition",
        "name": condition.name,
        "description": condition.description,
        "url": url,
    }
    synonyms = [s.name for s in condition.synonyms.all()]
    if synonyms:
        medical["alternateName"] = synonyms
    page: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "MedicalWebPage",
        "name": f"{condition.name}: a guide",
        "url": url,
        "about": medical,
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
    }
    if guide is None:
        return [page]
    medical["signOrSymptom"] = [
        {"@type": "MedicalSignOrSymptom", "name": item} for item in guide.symptom_list()
    ]
    medical["riskFactor"] = [
        {"@type": "MedicalRiskFactor", "name": item} for item in guide.cause_list()
    ]
    medical["possibleTreatment"] = [
        {"@type": "MedicalTherapy", "name": item} for item in guide.help_list()
    ]
    specialties = [f"{CONTEXT}/{name}" for name in guide.specialty_list()]
    if specialties:
        medical["relevantSpecialty"] = specialties
    _review(page, guide)
    return [page]


def _review(page: dict[str, Any], guide: Guide) -> None:
    if guide.edited_at:
        page["dateModified"] = guide.edited_at
    if guide.reviewed_at is not None and guide.reviewed_by is not None:
        page["lastReviewed"] = guide.reviewed_at.date()
        page["reviewedBy"] = _person(guide.reviewed_by)


def _undiagnosed_page(
    condition: Condition, guide: Guide | None, *, url: str, look_alikes: Sequence[Condition]
) -> dict[str, Any]:
    page: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "MedicalWebPage",
        "name": f"{condition.name}: a guide",
        "description": condition.description,
        "url": url,
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
    }
    if look_alikes:
        page["mentions"] = [
            {
                "@type": "MedicalCondition",
                "name": other.name,
                "url": settings.SITE_URL + other.get_absolute_url(),
            }
            for other in look_alikes
        ]
    if guide is not None:
        _review(page, guide)
    return page

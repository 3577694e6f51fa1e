"""Likely spam from low-trust accounts: signals, each with the sentence moderators read.

``policy.screen_post`` asks ``likely_spam`` for low-trust members (not yet established,
below the "member" level) and holds what it names for review (never drops it): the post
waits in the review queue with the reason. The signals:

- a blocked domain or word (moderators keep the list: ``BlockedTerm`` in the admin);
- the same or nearly the same text as the author's own post in another thread lately;
- link density: several links in a short text;
- a first post that is mostly links.

tests/discussions/test_spam.py measures them on a written corpus of spam and genuine posts
(precision and recall in the README).
"""

import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.utils import timezone

from forum.accounts.models import User

from .models import BlockedTerm, Post, Status

NEAR_DUPLICATE = 0.7  # word-trigram overlap (Jaccard) from which two texts are "the same"
DUPLICATE_DAYS = 7
RECENT_POSTS = 20
WORDS_PER_LINK = 20  # fewer words than this per link, with two links or more, is dense
FIRST_POST_LINKS = 2

_HREF = re.compile(r'<a [^>]*href="([^"]+)"')
_WORD = re.compile(r"[\w']+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def similarity(a: str, b: str) -> float:
    """How much of their wording two texts share (0 to 1)."""
    first, second = _shingles(a), _shingles(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


_URL = re.compile(r"https?://[^\s)\]>\"']+")


def links_in(body: str, html: str) -> list[str]:
    """The addresses a post points to: its links, and the bare addresses typed in it
    (which the Markdown renderer leaves as text, but readers copy)."""
    hrefs = _HREF.findall(html)
    # A sentence's full stop after a typed address is not part of it (the linkifier agrees).
    typed = [url.rstrip(".,;:!?)'\"") for url in _URL.findall(body)]
    typed = [url for url in typed if url not in hrefs]
    return hrefs + typed


def link_hosts(urls: list[str]) -> list[str]:
    hosts = []
    for href in urls:
        host = (urlsplit(href).hostname or "").casefold()
        if host:
            hosts.append(host.removeprefix("www."))
    return hosts


def blocked_term(body: str, html: str) -> str | None:
    """The first blocked domain linked (or named) or blocked word used, if any."""
    terms = list(BlockedTerm.objects.filter(is_active=True).values_list("kind", "term"))
    if not terms:
        return None
    hosts = link_hosts(links_in(body, html))
    text = body.casefold()
    words = set(_words(body))
    for kind, term in terms:
        term = term.casefold()
        if kind == BlockedTerm.Kind.DOMAIN:
            if any(host == term or host.endswith("." + term) for host in hosts) or term in text:
                return f"links to a blocked domain ({term})"
        elif (" " in term and term in text) or term in words:
            return f"uses a blocked word ({term})"
    return None


def likely_spam(
    *,
    author: User,
    body: str,
    html: str,
    thread_id: int | None = None,
    now: datetime | None = None,
) -> str | None:
    """Why this post by ``author`` looks like spam, or None. ``thread_id``: where it goes
    (None for a new thread)."""
    if reason := blocked_term(body, html):
        return reason
    now = now or timezone.now()
    links = len(set(links_in(body, html)))
    words = len(_words(_URL.sub(" ", re.sub(r"\]\([^)]*\)", "] ", body))))
    recent = list(
        Post.objects.filter(author=author, created_at__gte=now - timedelta(days=DUPLICATE_DAYS))
        .exclude(status=Status.DELETED)
        .order_by("-created_at")
        .values_list("thread_id", "body")[:RECENT_POSTS]
    )
    for other_thread, other_body in recent:
        if other_thread != thread_id and similarity(body, other_body) >= NEAR_DUPLICATE:
            return "the same text as the author's post in another thread"
    if links >= 2 and words < WORDS_PER_LINK * links:
        return f"{links} links in {words} words"
    if links >= FIRST_POST_LINKS and not Post.objects.filter(author=author).exists():
        return f"a first post with {links} links"
    return None

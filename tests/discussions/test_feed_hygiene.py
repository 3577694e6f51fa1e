"""Feeds carry escaped text or sanitised HTML only.

Issue 11: an article's summary went into ``<summary type="html">`` raw, so
``<img onerror>`` and ``<script>`` reached feed readers live. Every hostile string of
/work/shared/xss/payloads.json goes through the site feed, a condition's feed and a
thread's reply feed; what a reader would render must hold no element a summary did not
have in its sanitised HTML, and a plain-text summary must come back as that text.
"""

import html
import json
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from forum.core.xml import xml_safe
from forum.discussions import services
from forum.discussions.models import Post, Thread
from tests.factories import make_article

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
PAYLOADS: list[str] = json.loads(Path("/work/shared/xss/payloads.json").read_text(encoding="utf-8"))
BATCH = 20  # a feed lists the 20 newest


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def tags_in(fragment: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(fragment)
    parser.close()
    return parser.found


def parse(content: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(content)  # noqa: S314 (the site's own output)


def entries(response) -> list[ElementTree.Element]:
    assert response.status_code == 200
    return parse(response.content).findall(f"{ATOM}entry")


@pytest.mark.parametrize("feed", ["site", "condition"])
def test_article_summaries_reach_feed_readers_as_text(feed, editor, condition):
    url = (
        reverse("site_feed")
        if feed == "site"
        else reverse("discussions:condition_feed", args=[condition.slug])
    )
    articles = [
        make_article(author=editor, conditions=[condition], title=f"Article {i}")
        for i in range(BATCH)
    ]
    for start in range(0, len(PAYLOADS), BATCH):
        batch = PAYLOADS[start : start + BATCH]
        for article, payload in zip(articles, batch, strict=False):
            Thread.objects.filter(pk=article.pk).update(summary=payload[:300] or "x")
        expected = {xml_safe(p[:300] or "x").strip() for p in batch}
        seen = set()
        for entry in entries(_client().get(url)):
            summary = entry.find(f"{ATOM}summary")
            assert summary.get("type") == "html"
            shown = summary.text or ""
            assert tags_in(shown) == [], shown
            seen.add(html.unescape(shown).strip())
        assert expected <= seen | {""}


def _client():
    from django.test import Client

    return Client()


def test_reply_feeds_carry_only_sanitised_html(question, other_member):
    sample = PAYLOADS[::3]  # the reply bodies' sanitising is covered in full elsewhere
    for start in range(0, len(sample), 50):
        Post.objects.filter(thread=question, depth__gte=1).delete()
        for payload in sample[start : start + 50]:
            if payload.strip():
                services.post_reply(
                    parent=question.opening_post, author=other_member, body=payload, screen=False
                )
        for entry in entries(_client().get(reverse("discussions:thread_feed", args=[question.pk]))):
            for tag, attrs in tags_in(entry.find(f"{ATOM}summary").text or ""):
                assert tag not in {"script", "img", "iframe", "svg", "style", "object"}, tag
                assert not any(name.startswith("on") for name in attrs), attrs
                assert not any("javascript:" in (v or "").lower() for v in attrs.values())


def test_condition_feed_title_and_subtitle_are_text(condition):
    condition.name = "<script>alert(1)</script> \x01 pain"
    condition.description = '<img src=x onerror="alert(1)">'
    condition.save()
    feed = parse(
        _client().get(reverse("discussions:condition_feed", args=[condition.slug])).content
    )
    assert feed.find(f"{ATOM}title").text.startswith("<script>")  # the text, escaped in XML
    assert feed.find(f"{ATOM}title").get("type") in {None, "text"}
    assert feed.find(f"{ATOM}subtitle").get("type") in {None, "text"}

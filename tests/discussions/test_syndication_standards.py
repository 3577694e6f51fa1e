"""Feeds and sitemaps as outside readers see them: feedparser (bozo == 0) on every feed, the
sitemaps.org schemas (tests/vendor/sitemaps/) on the index and every section, and every
absolute URL on SITE_URL whatever host the request came to."""

from pathlib import Path

import feedparser
import pytest
from django.core import mail
from django.urls import reverse
from lxml import etree

from forum.discussions import services
from forum.discussions.views.feeds import EMPTY_FEED_UPDATED
from tests.discussions.helpers import reply_to
from tests.factories import ConditionFactory, make_article, make_question

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_posting_rules")]

SITE_URL = "https://medius.example"
HOST = "other-host.example"  # the request's host, never to appear in an absolute URL
SCHEMAS = Path(__file__).resolve().parents[1] / "vendor" / "sitemaps"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL
    settings.ALLOWED_HOSTS = [HOST, "testserver"]


def get(client, path: str) -> bytes:
    response = client.get(path, HTTP_HOST=HOST)
    assert response.status_code == 200, path
    return response.content


@pytest.fixture
def content(member, other_member, editor, condition):
    question = make_question(author=member, conditions=[condition], title="Sore <hip> & knee")
    reply_to(question.opening_post, other_member, "Isometrics & patience.")
    make_article(author=editor, conditions=[condition])
    return question


def feed_paths(question, condition) -> list[str]:
    return [
        reverse("site_feed"),
        reverse("discussions:condition_feed", args=[condition.slug]),
        reverse("discussions:thread_feed", args=[question.pk]),
    ]


def test_every_feed_parses_cleanly_with_every_url_on_site_url(client, content, condition):
    for path in feed_paths(content, condition):
        parsed = feedparser.parse(get(client, path))

        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        assert parsed.entries, path
        links = [parsed.feed.link, *(link["href"] for link in parsed.feed.links)]
        links += [e.link for e in parsed.entries]
        assert all(link.startswith(SITE_URL + "/") for link in links), links
        assert HOST not in get(client, path).decode()


def test_an_empty_feed_is_dated_by_a_fixed_moment_not_now(client):
    condition = ConditionFactory(name="Quiet condition", slug="quiet")

    parsed = feedparser.parse(get(client, reverse("discussions:condition_feed", args=["quiet"])))

    assert parsed.bozo == 0
    assert parsed.entries == []
    assert parsed.feed.updated == EMPTY_FEED_UPDATED.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    assert condition.pk


def test_a_feed_is_dated_by_its_newest_entry(client, content, condition):
    parsed = feedparser.parse(get(client, reverse("site_feed")))

    newest = max(e.updated_parsed for e in parsed.entries)
    assert parsed.feed.updated_parsed == newest


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def test_the_sitemap_index_and_every_section_match_the_sitemaps_org_schemas(
    client, content, condition
):
    index = etree.fromstring(get(client, reverse("sitemap")))
    index_schema = schema("siteindex.xsd")
    assert index_schema.validate(index), index_schema.error_log
    sections = [loc.text for loc in index.iter(f"{SM}loc")]
    assert len(sections) == 3
    urlset_schema = schema("sitemap.xsd")
    for url in sections:
        assert url.startswith(SITE_URL + "/sitemap-")
        urlset = etree.fromstring(get(client, url.removeprefix(SITE_URL)))
        assert urlset_schema.validate(urlset), (url, urlset_schema.error_log)
        for loc in urlset.iter(f"{SM}loc"):
            assert loc.text.startswith(SITE_URL + "/")


def test_the_schemas_refuse_what_the_protocol_does_not_allow():
    bad = etree.fromstring(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://medius.example/</loc><lastmod>yesterday</lastmod></url></urlset>"
    )
    assert not schema("sitemap.xsd").validate(bad)
    relative = etree.fromstring(
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><lastmod>2026-01-01</lastmod></sitemap></sitemapindex>"
    )
    assert not schema("siteindex.xsd").validate(relative)


def condition_lastmods(client) -> dict[str, str | None]:
    urlset = etree.fromstring(get(client, reverse("sitemap_section", args=["conditions"])))
    return {
        url.findtext(f"{SM}loc"): url.findtext(f"{SM}lastmod") for url in urlset.iter(f"{SM}url")
    }


def test_condition_entries_are_dated_by_their_newest_public_thread(
    client, member, condition, other_condition
):
    question = make_question(author=member, conditions=[condition])
    services.post_reply(parent=question.opening_post, author=member, body="Still sore.")
    question.refresh_from_db()

    lastmods = condition_lastmods(client)

    assert (
        lastmods[SITE_URL + condition.get_absolute_url()]
        == question.last_activity_at.date().isoformat()
    )
    # A condition with no public thread yet is dated by its own last change.
    assert lastmods[SITE_URL + other_condition.get_absolute_url()] == (
        other_condition.changed_at.date().isoformat()
    )


def test_allauth_email_links_start_with_site_url(client, member):
    client.post(reverse("account_reset_password"), {"email": member.email}, HTTP_HOST=HOST)

    [email] = mail.outbox
    assert f"{SITE_URL}/account/password/reset/key/" in email.body
    assert HOST not in email.body


@pytest.mark.parametrize("path", ["/", "/questions/"])
def test_canonical_and_og_urls_start_with_site_url(client, path):
    html = get(client, path).decode()

    assert f'<link rel="canonical" href="{SITE_URL}{path}">' in html
    assert f'<meta property="og:url" content="{SITE_URL}{path}">' in html
    assert f'<meta property="og:image" content="{SITE_URL}/static/brand/share' in html
    assert HOST not in html

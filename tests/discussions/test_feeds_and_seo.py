"""Feeds, the sitemap, and what each page tells search engines and link previews."""

import json
import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from django.urls import reverse

from forum.discussions import services
from forum.discussions.models import Status, Thread
from tests.discussions.helpers import assert_redirects_to_login, reply_to
from tests.factories import make_article, make_question

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_posting_rules")]

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE_URL = "https://medius.example"
HOSTILE_TITLE = "</script><script>alert(1)</script> & <!-- hip"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


def parse_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 (the site's own output)


@pytest.fixture
def threads(member, editor, condition):
    """Public and non-public threads, keyed by what they are."""
    made = {
        "question": make_question(author=member, conditions=[condition], title="Public question"),
        "article": make_article(author=editor, conditions=[condition], title="Public article"),
        "held": make_question(author=member, conditions=[condition], title="Held question"),
        "hidden": make_question(author=member, conditions=[condition], title="Hidden question"),
        "deleted": make_question(author=member, conditions=[condition], title="Deleted question"),
        "draft": make_article(
            author=editor, conditions=[condition], title="Draft article", publish=False
        ),
    }
    Thread.objects.filter(pk=made["held"].pk).update(status=Status.HELD)
    Thread.objects.filter(pk=made["hidden"].pk).update(status=Status.HIDDEN)
    services.delete_post(post=made["deleted"].opening_post, actor=member)
    return made


PUBLIC = {"Public question", "Public article"}
NOT_PUBLIC = {"Held question", "Hidden question", "Deleted question", "Draft article"}


# Feeds


def test_site_feed_lists_public_questions_and_articles_only(client, threads):
    response = client.get(reverse("site_feed"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = parse_xml(response.content)
    assert root.findtext(f"{ATOM}title") == "Medius"
    titles = {e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")}
    assert titles == {"Question: Public question", "Article: Public article"}
    for entry in root.findall(f"{ATOM}entry"):
        assert entry.findtext(f"{ATOM}id").startswith("tag:medius,2026:thread/")
        assert len(entry.findall(f"{ATOM}updated")) == 1


def test_every_page_links_the_site_feed(client):
    html = client.get(reverse("home")).content.decode()
    assert (
        f'<link rel="alternate" type="application/atom+xml" '
        f'title="Medius: new questions and articles" href="{reverse("site_feed")}">'
    ) in html


def test_thread_feed_lists_visible_replies_newest_first(
    client, question, other_member, third_member, moderator
):
    first = reply_to(question.opening_post, other_member, "First, and still visible.")
    nested = reply_to(first, third_member, "Second, a nested reply.")
    hidden = reply_to(question.opening_post, third_member, "Third, hidden by a moderator.")
    gone = reply_to(question.opening_post, other_member, "Fourth, deleted by its author.")
    from forum.moderation.services import hide_post

    hide_post(post=hidden, moderator=moderator, reason="Unsafe advice")
    services.delete_post(post=gone, actor=other_member)

    response = client.get(reverse("discussions:thread_feed", args=[question.pk]))

    assert response.status_code == 200
    root = parse_xml(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        f"tag:medius,2026:post/{nested.pk}",
        f"tag:medius,2026:post/{first.pk}",
    ]
    assert "nested reply" in entries[0].findtext(f"{ATOM}summary")
    assert entries[0].findtext(f"{ATOM}author/{ATOM}name") == third_member.public_name
    assert entries[0].find(f"{ATOM}link").get("href").endswith(nested.get_absolute_url())


@pytest.mark.parametrize("kind", ["held", "hidden", "deleted", "draft"])
def test_thread_feed_of_a_thread_that_is_not_public_is_404(client, threads, kind):
    response = client.get(reverse("discussions:thread_feed", args=[threads[kind].pk]))
    assert response.status_code == 404


def test_thread_page_links_its_feed(client, question):
    html = client.get(question.get_absolute_url()).content.decode()
    assert f'type="application/atom+xml" title="Replies to “{question.title}”"' in html
    assert f'href="{reverse("discussions:thread_feed", args=[question.pk])}"' in html


# Sitemap


def sitemap_locations(client) -> set[str]:
    index = parse_xml(client.get(reverse("sitemap")).content)
    locations = set()
    for section in index.iter(f"{SITEMAP}loc"):
        path = section.text.split("://", 1)[1].split("/", 1)[1]
        response = client.get("/" + path)
        assert response.status_code == 200
        locations |= {loc.text for loc in parse_xml(response.content).iter(f"{SITEMAP}loc")}
    return locations


def test_sitemap_lists_main_pages_conditions_and_public_threads_only(
    client, threads, condition, not_sure_yet
):
    locations = sitemap_locations(client)

    expected = {
        SITE_URL + reverse("home"),
        SITE_URL + reverse("discussions:questions"),
        SITE_URL + reverse("discussions:articles"),
        SITE_URL + reverse("discussions:conditions"),
        SITE_URL + condition.get_absolute_url(),
        SITE_URL + not_sure_yet.get_absolute_url(),
        SITE_URL + threads["question"].get_absolute_url(),
        SITE_URL + threads["article"].get_absolute_url(),
    }
    assert locations == expected
    for kind in ("held", "hidden", "deleted", "draft"):
        assert SITE_URL + threads[kind].get_absolute_url() not in locations


# Canonical URL, description, Open Graph


def head_of(response) -> str:
    html = response.content.decode()
    return html[: html.index("</head>")]


def meta(head: str, attribute: str, name: str) -> str:
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', head)
    assert match, f"no {name} in the head"
    return unescape(match.group(1))


def canonical(head: str) -> str:
    return re.search(r'<link rel="canonical" href="([^"]*)">', head).group(1)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "/"),
        ("/questions/?sort=active&show=unanswered&utm_source=x", "/questions/"),
        ("/questions/?page=3&sort=active", "/questions/?page=3"),
        ("/questions/?page=1", "/questions/"),
        ("/conditions/", "/conditions/"),
        ("/account/login/?next=/questions/ask/", "/account/login/"),
    ],
)
def test_canonical_url_is_site_url_and_path_with_only_the_page_number(client, path, expected):
    head = head_of(client.get(path))
    assert canonical(head) == SITE_URL + expected
    assert meta(head, "property", "og:url") == SITE_URL + expected


def test_open_graph_tags_on_a_list_page(client):
    head = head_of(client.get(reverse("discussions:questions")))
    assert meta(head, "property", "og:title") == "Questions"
    assert meta(head, "property", "og:type") == "website"
    assert meta(head, "property", "og:site_name") == "Medius"
    assert meta(head, "property", "og:description") == meta(head, "name", "description")
    assert meta(head, "name", "description").startswith("Questions and answers")


def test_thread_page_describes_itself(client, question):
    head = head_of(client.get(question.get_absolute_url() + "?view=all"))
    assert canonical(head) == SITE_URL + question.get_absolute_url()
    assert meta(head, "property", "og:title") == question.title
    assert meta(head, "property", "og:type") == "article"
    description = "It aches at night when I lie on that side. What helped you?"
    assert meta(head, "name", "description") == description


# Structured data (JSON-LD)


def json_ld(response) -> dict | None:
    html = response.content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1)) if match else None


def test_question_without_replies_is_a_discussion_forum_posting(client, question):
    data = json_ld(client.get(question.get_absolute_url()))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "DiscussionForumPosting"
    assert data["headline"] == question.title
    assert data["url"] == SITE_URL + question.get_absolute_url()
    assert data["commentCount"] == 0
    assert data["author"]["name"] == question.author.public_name


def test_question_with_an_accepted_answer_is_a_qa_page(client, question, member, other_member):
    answer = reply_to(question.opening_post, other_member, "Isometric holds **helped** me.")
    services.accept_answer(thread=question, post=answer, actor=member)

    data = json_ld(client.get(question.get_absolute_url()))

    assert data["@type"] == "QAPage"
    assert data["mainEntity"]["@type"] == "Question"
    assert data["mainEntity"]["name"] == question.title
    accepted = data["mainEntity"]["acceptedAnswer"]
    assert accepted["@type"] == "Answer"
    assert accepted["text"] == "Isometric holds helped me."
    assert accepted["author"]["name"] == other_member.public_name
    assert accepted["url"] == f"{SITE_URL}{question.get_absolute_url()}#r-{answer.pk}"


def test_article_is_an_article(client, article):
    data = json_ld(client.get(article.get_absolute_url()))
    assert data["@type"] == "Article"
    assert data["headline"] == article.title
    assert data["description"] == article.summary
    assert data["publisher"]["name"] == "Medius"


def test_pages_that_list_nothing_carry_no_structured_data(client, condition):
    for url in ("/", "/help/"):
        assert json_ld(client.get(url)) is None


def test_a_held_thread_has_no_structured_data_and_asks_not_to_be_indexed(member_client, threads):
    response = member_client.get(threads["held"].get_absolute_url())
    assert response.status_code == 200
    assert json_ld(response) is None
    assert '<meta name="robots" content="noindex">' in head_of(response)


def test_a_hostile_title_cannot_close_the_json_ld_block(client, member, condition):
    question = make_question(
        author=member, conditions=[condition], title=HOSTILE_TITLE, body="<!-- </script> -->"
    )
    html = client.get(question.get_absolute_url()).content.decode()

    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)" in block
    assert json.loads(block)["headline"] == HOSTILE_TITLE
    assert "<script>alert(1)" not in html


# The editors' live preview


def test_preview_renders_sanitised_html_for_members(member_client, other_member):
    body = f"It **hurts** <script>alert(1)</script> @{other_member.username}"
    response = member_client.post(reverse("discussions:preview"), {"body": body})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>hurts</strong>" in html
    assert "<script>" not in html
    assert f'href="{other_member.get_absolute_url()}"' in html


def test_preview_sends_anonymous_visitors_to_log_in(client):
    assert_redirects_to_login(client.post(reverse("discussions:preview"), {"body": "Hi"}))


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_preview_refuses_get(login_as, member, role):
    assert login_as(role).get(reverse("discussions:preview")).status_code == 405


def test_preview_needs_the_csrf_token(member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post(reverse("discussions:preview"), {"body": "Hi"}).status_code == 403


def test_preview_refuses_a_body_over_20000_characters(member_client):
    response = member_client.post(reverse("discussions:preview"), {"body": "a" * 20_001})
    assert response.status_code == 400
    at_limit = member_client.post(reverse("discussions:preview"), {"body": "a" * 20_000})
    assert at_limit.status_code == 200

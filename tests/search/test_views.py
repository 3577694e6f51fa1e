"""The search page and the similar-questions fragment, through the whole request cycle."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum.discussions import services
from tests.factories import make_article

from .conftest import ask

pytestmark = pytest.mark.django_db

_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "xss" / "payloads.json"
if not _CORPUS.exists():
    _CORPUS = Path("/work/shared/xss/payloads.json")
PAYLOADS: list[str] = json.loads(_CORPUS.read_text(encoding="utf-8"))
OWN_SCRIPT = re.compile(r"^/static/js/[\w.-]+\.js$")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"}


def search(client, **params):
    return client.get(reverse("search:results"), params)


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def lacrosse(author, editor, condition):
    question = ask(author=author, conditions=[condition], title="Lacrosse ball for the glutes")
    article = make_article(author=editor, conditions=[condition], title="Lacrosse ball how-to")
    reply = services.post_reply(
        parent=question.opening_post, author=editor, body="Start with a lacrosse ball on a wall."
    )
    return {"question": question, "article": article, "reply": reply}


def test_every_page_has_a_labelled_search_box_in_the_header(client):
    page = html(client.get(reverse("home")))
    header = page[page.index("<header") : page.index("</header>")]
    form = header[header.index('<form role="search" action="/search/" method="get">') :]
    assert '<input type="search" id="site-search" name="q"' in form[: form.index("</form>")]
    assert '<label for="site-search">Search</label>' in header


def test_an_empty_search_explains_how_to_search(client):
    response = search(client)
    assert response.status_code == 200
    assert "Finding an answer" in html(response)
    assert "lacrosse ball" in html(response)


def test_a_query_without_searchable_words_says_so(client):
    response = search(client, q="the !!! of")
    assert response.status_code == 200
    assert "There are no words to search for" in html(response)


def test_a_nonsense_query_finds_nothing_and_says_so(client, lacrosse):
    response = search(client, q="xylophone qwertyuiop")
    assert response.status_code == 200
    assert "Nothing found for “xylophone qwertyuiop”" in html(response)
    assert "Finding an answer" not in html(response)


def test_a_misspelt_condition_is_suggested(client, gtps):
    response = search(client, q="trochanteric bursits")
    assert "Did you mean" in html(response)
    assert f'href="{gtps.get_absolute_url()}"' in html(response)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_postgresql_offers_titles_close_to_a_misspelt_query(client, author, condition):
    question = ask(author=author, conditions=[condition], title="Piriformis stretches that help")
    page = html(search(client, q="piriformsi strecthes"))
    assert "Nothing found" in page and "Did you mean" in page
    assert f'href="{question.get_absolute_url()}"' in page


def test_results_say_what_each_is_where_it_is_and_its_conditions(client, lacrosse, condition):
    page = html(search(client, q="lacrosse"))
    assert '<span class="badge">Question</span>' in page
    assert '<span class="badge">Article</span>' in page
    assert '<span class="badge">Reply</span> in a question' in page
    assert f'href="/r/{lacrosse["reply"].pk}/"' in page
    assert f'<a class="tag" href="{condition.get_absolute_url()}">{condition.name}</a>' in page
    assert "<mark>Lacrosse</mark>" in page


def test_a_condition_named_in_the_query_is_offered_first(client, author, gtps):
    ask(author=author, conditions=[gtps], title="Side-lying at night")
    page = html(search(client, q="trochanteric bursitis"))
    condition_link = page.index(f'href="{gtps.get_absolute_url()}"')
    assert condition_link < page.index("Results for") < page.index("Side-lying")


def test_results_come_in_pages_that_keep_the_query_and_filters(client, author, condition):
    for i in range(25):
        ask(author=author, conditions=[condition], title=f"Stretching routine number {i}")
    first = html(search(client, q="stretching", kind="question"))
    assert first.count('class="thread-item"') == 20
    assert 'href="?q=stretching&amp;kind=question&amp;page=2" rel="next"' in first
    second = html(search(client, q="stretching", kind="question", page="2"))
    assert second.count('class="thread-item"') == 5
    assert 'rel="prev"' in second and 'rel="next"' not in second


def test_page_numbers_that_are_not_pages_do_no_harm(client, lacrosse):
    assert "Page" not in html(search(client, q="lacrosse", page="abc"))  # one page: no links
    # Past the last result there is no such page: a 404, never a copy of page 1.
    assert search(client, q="lacrosse", page="2").status_code == 404
    assert search(client, q="lacrosse", page="999999").status_code == 404


def test_filters_narrow_the_results(client, lacrosse):
    page = html(search(client, q="lacrosse", kind="reply"))
    assert page.count('class="thread-item"') == 1
    assert f'href="/r/{lacrosse["reply"].pk}/"' in page


def test_an_invalid_filter_is_reported_and_ignored(client, lacrosse):
    response = search(client, q="lacrosse", **{"from": "last tuesday"})
    assert response.status_code == 200
    assert "Enter a valid date." in html(response)
    assert html(response).count('class="thread-item"') == 3


def test_the_results_page_makes_six_queries_when_opening_posts_fill_it(
    client, author, condition, django_assert_num_queries
):
    # Conditions and synonyms (for the query and the filter), the condition guides to
    # offer, the hits, their posts and threads, and the threads' conditions: the same six
    # for 1 or 20 results.
    for i in range(25):
        ask(author=author, conditions=[condition], title=f"Lacrosse ball tip {i}")
    with django_assert_num_queries(6):
        page = html(search(client, q="lacrosse"))
    assert page.count('class="thread-item"') == 20


def test_the_results_page_makes_one_more_query_for_replies(
    client, lacrosse, django_assert_num_queries
):
    # Two opening posts do not fill the page, so the replies' tier is searched too.
    with django_assert_num_queries(7):
        page = html(search(client, q="lacrosse"))
    assert page.count('class="thread-item"') == 3


def test_a_word_in_every_opening_post_never_reads_the_replies(client, author, condition):
    for i in range(25):
        thread = ask(author=author, conditions=[condition], title=f"Stairs question {i}")
        services.post_reply(parent=thread.opening_post, author=author, body=f"Stairs {i} too.")
    with CaptureQueriesContext(connection) as queries:
        search(client, q="stairs")
    replies = "search_reply" if connection.vendor == "sqlite" else "document.reply AND"
    ranked = [q["sql"] for q in queries.captured_queries if "rank" in q["sql"]]
    assert len(ranked) == 1
    assert replies not in ranked[0].replace("NOT document.reply", "")


class PageAudit(HTMLParser):
    """Collects anything a browser would run: scripts not our own, event handlers, js: URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not OWN_SCRIPT.match(attributes.get("src") or ""):
            self.problems.append(f"<script {attrs}>")
        if tag in {"img", "svg", "iframe", "object", "embed", "style", "base", "math"}:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            scheme = re.sub(r"[\x00-\x20]+", "", value or "").lower()
            if name in URL_ATTRIBUTES and scheme.startswith(("javascript:", "data:")):
                self.problems.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag


def audit(page: str) -> list[str]:
    parser = PageAudit()
    parser.feed(page)
    parser.close()
    return parser.problems


def test_every_hostile_string_as_a_query_returns_a_safe_page(client, lacrosse):
    """A 200 page with nothing a browser would run, and the query echoed only escaped.

    A payload found verbatim in the page counts only if it is not already in the page
    for an empty search (such as a bare "</div>").
    """
    failures = []
    results, similar = reverse("search:results"), reverse("search:similar")
    places = {
        "results": (results, "q", {}),
        "similar page": (similar, "title", {}),
        "similar fragment": (similar, "title", {"fragment": "1"}),
    }
    baseline = {
        place: html(client.get(url, {key: ""} | extra))
        for place, (url, key, extra) in places.items()
    }
    for payload in PAYLOADS:
        for place, (url, key, extra) in places.items():
            try:
                response = client.get(url, {key: payload} | extra)
            except Exception as exc:  # reported with its payload below
                failures.append((payload, place, repr(exc)))
                continue
            page = html(response)
            if response.status_code != 200:
                failures.append((payload, place, response.status_code))
            elif problems := audit(page):
                failures.append((payload, place, problems))
            elif "<script>alert" in page or (
                "<" in payload and payload in page and payload not in baseline[place]
            ):
                failures.append((payload, place, "echoed unescaped"))
    assert not failures, failures[:5]


def similar(client, title, **params):
    return client.get(reverse("search:similar"), {"title": title} | params)


def test_the_similar_fragment_lists_questions_like_a_title(
    client, lacrosse, django_assert_num_queries
):
    # Conditions and synonyms (a condition named in the title counts), then the questions.
    with django_assert_num_queries(3):
        response = similar(client, "Is a lacrosse ball too hard", fragment="1")
    page = html(response)
    assert "<html" not in page
    assert f'href="{lacrosse["question"].get_absolute_url()}"' in page
    assert lacrosse["article"].get_absolute_url() not in page  # questions only
    assert html(similar(client, "a", fragment="1")).strip() == ""


def test_the_similar_fragment_shows_replies_and_whether_answered(client, lacrosse, author):
    question = lacrosse["question"]
    services.accept_answer(thread=question, post=lacrosse["reply"], actor=author)
    item = html(similar(client, "lacrosse ball", fragment="1"))
    assert (
        f'<a href="{question.get_absolute_url()}">Lacrosse ball for the glutes</a> '
        '<span class="muted">1 reply</span> <span class="badge badge-solved">Answered</span>'
    ) in item


def test_without_the_fragment_parameter_similar_questions_are_a_whole_page(
    client, lacrosse, django_assert_num_queries
):
    with django_assert_num_queries(3):
        response = similar(client, "Is a lacrosse ball   too hard?")
    page = html(response)
    assert page.startswith("<!doctype html>")
    assert "<h1>Questions like yours</h1>" in page
    assert "like “Is a lacrosse ball too hard?”" in page
    assert f'href="{lacrosse["question"].get_absolute_url()}"' in page
    assert 'value="Is a lacrosse ball too hard?"' in page  # to try another title
    assert "yours will be the first" in html(similar(client, "xylophone"))


def test_the_ask_page_enhances_its_title_field_with_similar_questions(member_client, lacrosse):
    page = html(member_client.get(reverse("discussions:ask")))
    assert re.search(r'<div id="similar-questions" aria-live="polite"[^>]*></div>', page)
    assert 'data-url="/search/similar/"' in page
    assert '<script src="/static/js/similar.js" defer></script>' in page
    assert "See questions like yours" not in page  # only once there is a title
    script = (Path(__file__).resolve().parents[2] / "static" / "js" / "similar.js").read_text()
    assert 'fragment: "1"' in script


def test_the_ask_page_loads_no_search_template_tags():
    """Discussions sit below search: the ask page only links to it."""
    template = Path(__file__).resolve().parents[2] / "templates" / "discussions" / "ask.html"
    loads = re.findall(r"{%\s*load\s+([^%]*)%}", template.read_text())
    assert loads and all("search" not in load.split() for load in loads)


def test_without_javascript_the_preview_step_links_to_questions_like_it(
    member_client, lacrosse, condition
):
    response = member_client.post(
        reverse("discussions:ask"),
        {
            "title": "Which lacrosse ball is best?",
            "body": "Hard or soft, and for how long?",
            "conditions": [condition.pk],
            "preview": "1",
        },
    )
    assert response.status_code == 200
    href = "/search/similar/?title=Which%20lacrosse%20ball%20is%20best%3F"
    link = f'<a href="{href}" target="_blank" rel="noopener">See questions like yours</a>'
    assert link in html(response)
    listed = html(member_client.get(href))
    assert f'href="{lacrosse["question"].get_absolute_url()}"' in listed

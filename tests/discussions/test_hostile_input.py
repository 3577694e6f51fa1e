"""Every hostile string from the shared corpus, through the real forms and pages.

Each string must be stored (302) or refused with a form error (200), never a 500;
a stored one must come back on its page with no script, event handler or
``javascript:`` URL of its own.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.html import escape

from forum.core.text import single_line
from forum.discussions import services
from forum.discussions.models import Post, Thread
from tests.factories import make_question

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_posting_rules")]

_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "xss" / "payloads.json"
if not _CORPUS.exists():
    _CORPUS = Path("/work/shared/xss/payloads.json")
PAYLOADS: list[str] = json.loads(_CORPUS.read_text(encoding="utf-8"))

OWN_SCRIPT = re.compile(r"^/static/js/[\w.-]+\.js$")
DANGEROUS_TAGS = {"iframe", "frame", "object", "embed", "svg", "math", "img", "base", "style"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"}
# Browsers ignore ASCII whitespace and control characters inside a URL scheme.
_URL_NOISE = re.compile(r"[\x00-\x20]+")


class PageAudit(HTMLParser):
    """Records every script, event handler or script URL a browser would act on."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[tuple[str | None, str]] = []
        self.reply = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "li" and (attributes.get("id") or "").startswith("r-"):
            self.reply = attributes["id"]
        # A JSON-LD block is data, never run (and built with json_script's escaping).
        is_data = attributes.get("type") == "application/ld+json" and "src" not in attributes
        if tag == "script" and not is_data and not OWN_SCRIPT.match(attributes.get("src") or ""):
            self.problems.append((self.reply, f"<script {attrs}>"))
        if tag in DANGEROUS_TAGS:
            self.problems.append((self.reply, f"<{tag}>"))
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append((self.reply, f"<{tag} {name}=...>"))
            if name in URL_ATTRIBUTES and value:
                scheme = _URL_NOISE.sub("", value).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:")):
                    self.problems.append((self.reply, f"<{tag} {name}={value!r}>"))

    handle_startendtag = handle_starttag


def audit(html: str) -> list[tuple[str | None, str]]:
    parser = PageAudit()
    parser.feed(html)
    parser.close()
    return parser.problems


def post_or_explain(client, url, data, payload):
    try:
        return client.post(url, data)
    except Exception as exc:
        raise AssertionError(f"{url} crashed on payload {payload!r}: {exc!r}") from exc


def check_outcome(response, payload, failures):
    """302 (stored) or 200 with a form error (refused); anything else is a failure."""
    if response.status_code == 302:
        return True
    if response.status_code == 200 and response.context["form"].errors:
        return False
    failures.append((payload, f"status {response.status_code} without a form error"))
    return False


def test_the_audit_finds_script_that_a_browser_would_run():
    # The harness is only trusted if it flags the unsanitised versions.
    unsafe = [
        "<script>alert(1)</script>",
        '<script src="https://evil.example/x.js"></script>',
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        '<a href=" JaVa\tScRiPt:alert(1)">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
        '<div style="x" onmouseover="alert(1)">x</div>',
        '<form><button formaction="javascript:alert(1)">x</button></form>',
    ]
    for html in unsafe:
        assert audit(html), html
    assert audit('<script src="/static/js/thread.js" defer></script><a href="/r/1/">x</a>') == []


def test_the_audit_passes_an_ordinary_thread_page(client, question):
    response = client.get(question.get_absolute_url())

    assert audit(response.content.decode()) == []


VALID_TITLE = "A question with a hostile string in it"
VALID_BODY = "A plain, valid question body."


def test_every_hostile_string_as_a_question_title_and_body_is_stored_safely_or_refused(
    member_client, condition
):
    """Each string goes in as both the title and the body of one question; if one of the
    two is refused, the other is tried again beside a valid partner, so every string is
    tested in both places with as few requests as possible."""
    failures = []
    stored = {"title": 0, "body": 0}
    for payload in PAYLOADS:
        attempts = [{"title": payload, "body": payload}]
        while attempts:
            fields = attempts.pop()
            data = fields | {"conditions": [condition.pk]}
            response = post_or_explain(member_client, reverse("discussions:ask"), data, payload)
            if response.status_code == 200 and len(fields) == 2:
                errors = set(response.context["form"].errors)
                if not errors <= {"title", "body"}:
                    failures.append((payload, f"unexpected errors on {errors}"))
                # Retry the accepted half of the pair beside a valid partner.
                if "title" in errors and "body" not in errors:
                    attempts.append({"title": VALID_TITLE, "body": payload})
                if "body" in errors and "title" not in errors:
                    attempts.append({"title": payload, "body": VALID_BODY})
            if not check_outcome(response, payload, failures):
                continue
            thread = Thread.objects.select_related("opening_post").latest("pk")
            expected = {"title": single_line(payload), "body": payload.strip()}
            for name, stored_value in [("title", thread.title), ("body", thread.opening_post.body)]:
                if fields[name] is payload:
                    stored[name] += 1
                    if stored_value != expected[name]:
                        failures.append((payload, f"{name} stored as {stored_value!r}"))
            page = member_client.get(response.url)
            html = page.content.decode()
            if page.status_code != 200:
                failures.append((payload, f"thread page gave {page.status_code}"))
            elif escape(thread.title) not in html:
                failures.append((payload, "title not shown escaped"))
            failures += [(payload, problem) for _, problem in audit(html)]

    assert failures == []
    # Titles of 10 to 150 characters and non-blank bodies are stored.
    assert stored["title"] > len(PAYLOADS) // 2
    assert stored["body"] > len(PAYLOADS) * 9 // 10
    for url in (reverse("home"), reverse("discussions:questions")):
        assert audit(member_client.get(url).content.decode()) == []


def test_every_hostile_string_as_a_reply_body_is_stored_safely_or_refused(
    member_client, other_member, condition
):
    question = make_question(author=other_member, conditions=[condition])
    url = reverse("discussions:reply", args=[question.opening_post.pk])
    failures = []
    payload_of_reply = {}
    for payload in PAYLOADS:
        response = post_or_explain(member_client, url, {"body": payload}, payload)
        if check_outcome(response, payload, failures):
            post = Post.objects.latest("pk")
            payload_of_reply[f"r-{post.pk}"] = payload
            if post.body != payload.strip():
                failures.append((payload, f"body stored as {post.body!r}"))

    assert failures == []
    assert len(payload_of_reply) > len(PAYLOADS) // 2

    # One page with every reply on it; each problem is traced back to its payload.
    page = member_client.get(question.get_absolute_url() + "?view=all")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('class="reply"') == len(payload_of_reply)
    problems = [(payload_of_reply.get(reply), problem) for reply, problem in audit(html)]
    assert problems == []


HUGE_ID = "99999999999999999999999"


@pytest.mark.parametrize(
    "value",
    [
        "abc",
        "-1",
        "0",
        "1 OR 1=1",
        "<script>alert(1)</script>",
        "1.5",
        HUGE_ID,
    ],
)
def test_hostile_condition_values_are_refused_with_a_form_error(member_client, condition, value):
    data = {"title": "A valid question title", "body": "A valid body.", "conditions": [value]}

    response = member_client.post(reverse("discussions:ask"), data)

    assert response.status_code == 200
    assert "conditions" in response.context["form"].errors
    assert not Thread.objects.exists()


@pytest.mark.parametrize("field", ["side", "duration"])
@pytest.mark.parametrize("value", ["<script>alert(1)</script>", "x" * 500, "left' OR '1'='1"])
def test_hostile_choice_values_are_refused_with_a_form_error(
    member_client, condition, field, value
):
    data = {
        "title": "A valid question title",
        "body": "A valid body.",
        "conditions": [condition.pk],
        field: value,
    }

    response = member_client.post(reverse("discussions:ask"), data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "<script>alert(1)</script>" not in response.content.decode()


HOSTILE_QUERY_VALUES = ["<script>alert(1)</script>", "'\"", "%00", HUGE_ID, "-1", "1e9", "", " "]


@pytest.mark.parametrize("value", HOSTILE_QUERY_VALUES)
@pytest.mark.parametrize("name", ["sort", "show", "page", "condition"])
def test_hostile_question_list_parameters_never_break_the_page(client, question, name, value):
    response = client.get(reverse("discussions:questions"), {name: value})

    assert response.status_code in {200, 404}
    assert audit(response.content.decode()) == []


@pytest.mark.parametrize("value", HOSTILE_QUERY_VALUES)
@pytest.mark.parametrize("name", ["from", "view", "page"])
def test_hostile_thread_page_parameters_never_break_the_page(
    client, question, other_member, name, value
):
    services.post_reply(parent=question.opening_post, author=other_member, body="A reply")

    response = client.get(question.get_absolute_url(), {name: value})

    assert response.status_code == 200
    assert audit(response.content.decode()) == []

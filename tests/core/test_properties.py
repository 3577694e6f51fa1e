"""Property-based tests: the Markdown pipeline and the main forms, fed whatever Hypothesis finds.

``render_markdown`` must never raise and never emit a tag, attribute or URL scheme
outside its allowlist, whatever the text or mentions. Each form's ``is_valid()`` must
never raise; it may say no, and when it says yes, its cleaned data must come back the
same when sent again (and, for the profile, when saved and read back).
"""

import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from forum.accounts.forms import ProfileForm
from forum.accounts.names import invisible_characters
from forum.core.markdown import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_CLASSES,
    ALLOWED_TAGS,
    LINK_REL,
    render_markdown,
)
from forum.discussions.forms import BODY_MAX, QuestionForm, ReplyForm
from forum.discussions.models import Thread
from forum.moderation.forms import ReportForm
from forum.moderation.models import Report
from tests.factories import ConditionFactory

_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "xss" / "payloads.json"
if not _CORPUS.exists():
    _CORPUS = Path("/work/shared/xss/payloads.json")
PAYLOADS: list[str] = json.loads(_CORPUS.read_text(encoding="utf-8"))

# database=None: no failing examples saved and replayed between runs, so every run is
# judged on its own draws; no deadline, as the first examples pay for imports and queries.
MARKDOWN_SETTINGS = settings(max_examples=200, deadline=None, database=None)
FORM_SETTINGS = settings(
    max_examples=100,
    deadline=None,
    database=None,
    # The conditions and the member are made once per test, outside the examples, on
    # purpose: nothing an example does needs undoing.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SAFE_SCHEMES = {None, "http", "https", "mailto"}


def scheme_of(href: str) -> str | None:
    """The URL scheme a browser would use: it ignores leading spaces and any tab or newline."""
    cleaned = re.sub(r"[\t\n\r]", "", re.sub(r"^[\x00-\x20]+", "", href)).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", cleaned)
    return match.group(1) if match else None


# --- Markdown ---------------------------------------------------------------------------


class Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.comments.append(data)


def assert_allowed(html: str, mention_urls=frozenset()) -> None:
    audit = Audit()
    audit.feed(html)
    audit.close()
    assert audit.comments == []
    for tag, attrs in audit.tags:
        assert tag in ALLOWED_TAGS, html
        classes = {"class"} if tag in ALLOWED_CLASSES else set()
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | classes | ({"rel"} if tag == "a" else set())
        assert set(attrs) <= allowed, (tag, attrs)
        if "rel" in attrs:
            assert attrs["rel"] == LINK_REL
        if "class" in attrs:
            assert set(attrs["class"].split()) <= ALLOWED_CLASSES[tag], (tag, attrs)
        if tag == "a" and "class" in attrs:
            assert attrs.get("href") is None or attrs["href"] in mention_urls
        if "href" in attrs:
            assert scheme_of(attrs["href"] or "") in SAFE_SCHEMES, attrs["href"]


NAMES = ["alice", "Bob_2", "carol_smith", "dr_who", "x" * 30]
MARKDOWN_SYNTAX = st.sampled_from([
    "# ", "## ", "####### ", "> ", ">> ", "- ", "* ", "+ ", "1. ", "7) ", "    ", "\t",
    "```", "```js\n", "~~~", "`", "``", "**", "__", "*", "_", "~~", "---\n", "***\n",
    "\n", "\n\n", "  \n", "|", "| a | b |\n|---|:-:|\n| c | d |\n", "[", "]", "(", ")",
    "![", "<", ">", "&", "&amp;", "&#x6A;", "&#106;", "&colon;", "\\", '"', "'", "===\n",
])  # fmt: skip
HTML = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>', "<iframe src=javascript:alert(1)></iframe>",
    '<div style="color:red" onclick="alert(1)">x</div>', "<p>", "</p>", "<h1>x</h1>",
    "<!-- comment -->", "<![CDATA[x]]>", "<details open ontoggle=alert(1)>",
    '<a class="mention" href="/u/x/">@x</a>', "<style>*{}</style>", "<base href=//evil>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>', "<form action=x>",
    '<table onmouseover="alert(1)"><tr><td align="left">x</td></tr></table>',
])  # fmt: skip
SCHEMES = st.sampled_from([
    "javascript:", "JaVaScRiPt:", "java\tscript:", " javascript:", "\x01javascript:",
    "jav&#x09;ascript:", "javascript&colon;", "&#106;avascript:", "vbscript:",
    "data:text/html,", "data:image/png,", "file:", "http://", "https://", "mailto:",
    "//", "/", "#", "?", "",
])  # fmt: skip
URL_REST = st.text(alphabet=st.characters(exclude_characters="()<> \n"), max_size=15)
LINK = st.builds(
    lambda image, text, scheme, rest, title: f"{image}[{text}]({scheme}{rest}{title})",
    st.sampled_from(["", "!"]),
    st.text(max_size=8),
    SCHEMES,
    URL_REST,
    st.sampled_from(["", ' "title"', " 'x' onclick=alert(1)"]),
)
AUTOLINK = st.builds(lambda scheme, rest: f"<{scheme}{rest}>", SCHEMES, URL_REST)
REFERENCE = st.builds(
    lambda label, scheme, rest: f"[{label}]\n\n[{label}]: {scheme}{rest}\n",
    st.from_regex(r"[a-z]{1,5}", fullmatch=True),
    SCHEMES,
    URL_REST,
)
MENTION = st.one_of(st.sampled_from(NAMES), st.from_regex(r"[A-Za-z0-9_]{1,32}", fullmatch=True))
MIXED_MARKDOWN = st.lists(
    st.one_of(
        st.text(max_size=20),
        MARKDOWN_SYNTAX,
        HTML,
        LINK,
        AUTOLINK,
        REFERENCE,
        MENTION.map(lambda name: f"@{name}"),
        st.sampled_from(PAYLOADS),
    ),
    max_size=25,
).map("".join)
# The views pass profile URLs; hostile ones here show the sanitiser has the last word.
MENTION_URLS = ["/u/alice/", "/u/Bob_2/", "https://medius.example/u/x/", "javascript:alert(1)",
                '/u/x/" onclick="alert(1)']  # fmt: skip
MENTIONS = st.dictionaries(st.sampled_from(NAMES).map(str.lower), st.sampled_from(MENTION_URLS))


@MARKDOWN_SETTINGS
@given(source=st.text())
def test_any_text_renders_to_allowlisted_html(source):
    assert_allowed(render_markdown(source))


@MARKDOWN_SETTINGS
@given(source=MIXED_MARKDOWN, mentions=MENTIONS)
def test_markdown_html_script_urls_and_mentions_render_to_allowlisted_html(source, mentions):
    html = render_markdown(source, mentions=mentions)

    assert_allowed(html, mention_urls=frozenset(mentions.values()))


# --- Forms ------------------------------------------------------------------------------

BOUNDARY_LENGTHS = [
    0, 9, 10, 11, 49, 50, 51, 99, 100, 101, 149, 150, 151, 299, 300, 301, 499, 500, 501,
    999, 1000, 1001, BODY_MAX - 1, BODY_MAX, BODY_MAX + 1,
]  # fmt: skip
AT_A_LIMIT = st.builds(
    lambda pad, char, n: pad + char * n + pad,
    st.sampled_from(["", " ", "\n", "\u3000"]),
    st.sampled_from(["a", "é", "😀", " ", "\x00"]),
    st.sampled_from(BOUNDARY_LENGTHS),
)
ANY_TEXT = st.one_of(st.text(), st.sampled_from(PAYLOADS), AT_A_LIMIT)


def stripped(value: str) -> str:
    """What a Django CharField (strip=True) makes of the text."""
    return value.strip()


def fits(value: str, max_length: int, required: bool) -> bool:
    """Whether a stripping CharField would accept the text."""
    value = stripped(value)
    return (bool(value) or not required) and len(value) <= max_length and "\x00" not in value


BIDI_OVERRIDES = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def one_line(value: str) -> str:
    """What a one-line field makes of the text: control characters and line or paragraph
    separators become spaces, bidirectional overrides go, white space runs are one space."""
    kept = "".join(
        " " if unicodedata.category(c) in {"Cc", "Zl", "Zp"} else c
        for c in value
        if c not in BIDI_OVERRIDES
    )
    return " ".join(kept.split())


def fits_line(value: str, max_length: int, required: bool) -> bool:
    """Whether a one-line field would accept the text."""
    value = one_line(value)
    return (bool(value) or not required) and len(value) <= max_length


@pytest.fixture
def conditions(db):
    return [ConditionFactory(name=f"Condition {n}", slug=f"condition-{n}") for n in range(7)]


@FORM_SETTINGS
@given(body=ANY_TEXT)
def test_reply_form_accepts_exactly_the_bodies_a_stripping_field_allows(body):
    form = ReplyForm({"body": body})

    assert form.is_valid() == fits(body, BODY_MAX, required=True), form.errors
    if form.is_valid():
        assert form.cleaned_data["body"] == stripped(body)
        again = ReplyForm({"body": form.cleaned_data["body"]})
        assert again.is_valid()
        assert again.cleaned_data == form.cleaned_data


NOT_NUL = st.characters(exclude_characters="\x00")
LETTERS = st.characters(categories=["L", "N"])


def question_data(pks):
    """Form data with each field either acceptable or anything at all, so both kinds are common.

    Condition values are then real ids, any integer or any text.
    """
    acceptable = {
        "title": st.builds(
            str.__add__, st.text(LETTERS, min_size=10, max_size=10), st.text(NOT_NUL, max_size=140)
        ),
        "body": st.builds(str.__add__, st.text(LETTERS, min_size=1), st.text(NOT_NUL)),
        "conditions": st.lists(st.sampled_from(pks), min_size=1, max_size=5),
        "side": st.sampled_from(["", *Thread.Side.values]),
        "duration": st.sampled_from(["", *Thread.Duration.values]),
        "activity": st.text(NOT_NUL, max_size=100),
        "aggravating": st.text(NOT_NUL, max_size=300),
        "treatments_tried": st.text(NOT_NUL, max_size=300),
    }
    anything = {
        "conditions": st.lists(
            st.one_of(
                st.sampled_from(pks),
                st.integers().map(str),
                st.text(max_size=8),
            ),
            max_size=7,
        ),
        "side": st.text(max_size=8),
        "duration": st.text(max_size=8),
    }
    return st.sets(st.sampled_from(sorted(acceptable))).flatmap(
        lambda wild: st.fixed_dictionaries(
            {
                name: anything.get(name, ANY_TEXT) if name in wild else strategy
                for name, strategy in acceptable.items()
            }
        )
    )


def question_is_acceptable(values, pks) -> bool:
    """The rules QuestionForm states, written out independently."""
    chosen = set(values["conditions"])
    return (
        fits_line(values["title"], 150, required=True)
        and len(one_line(values["title"])) >= 10
        and fits(values["body"], BODY_MAX, required=True)
        and bool(chosen)
        and chosen <= set(pks)
        and len(chosen) <= 5
        and values["side"] in {"", *Thread.Side.values}
        and values["duration"] in {"", *Thread.Duration.values}
        and fits_line(values["activity"], 100, required=False)
        and fits_line(values["aggravating"], 300, required=False)
        and fits_line(values["treatments_tried"], 300, required=False)
    )


@pytest.mark.django_db
@FORM_SETTINGS
@given(data=st.data())
def test_question_form_accepts_exactly_what_its_rules_allow_and_it_comes_back_the_same(
    data, conditions
):
    pks = [str(c.pk) for c in conditions]
    values = data.draw(question_data(pks))
    form = QuestionForm(values)

    valid = form.is_valid()
    event("valid" if valid else "refused")
    assert valid == question_is_acceptable(values, pks), form.errors
    if not valid:
        return
    cleaned = form.cleaned_data
    assert cleaned["title"] == one_line(values["title"])
    assert cleaned["body"] == stripped(values["body"])
    chosen = sorted(c.pk for c in cleaned["conditions"])
    assert set(map(str, chosen)) == set(values["conditions"])
    again = QuestionForm({**cleaned, "conditions": [str(pk) for pk in chosen]})
    assert again.is_valid(), again.errors
    assert {**again.cleaned_data, "conditions": None} == {**cleaned, "conditions": None}
    assert sorted(c.pk for c in again.cleaned_data["conditions"]) == chosen


@pytest.mark.django_db
@FORM_SETTINGS
@given(value=st.one_of(st.integers(min_value=2**63), st.integers(max_value=-(2**63) - 1)).map(str))
def test_question_form_refuses_condition_ids_beyond_64_bits_with_a_form_error(value, conditions):
    # Found by these tests: SQLite cannot bind such a number, and the OverflowError was a 500.
    form = QuestionForm({"title": "A valid question title", "body": "Body", "conditions": [value]})

    assert not form.is_valid()
    assert "conditions" in form.errors


@pytest.mark.django_db
@FORM_SETTINGS
@given(display_name=ANY_TEXT, bio=ANY_TEXT)
def test_profile_form_accepts_exactly_what_fits_and_saves_it_unchanged(display_name, bio, member):
    form = ProfileForm({"display_name": display_name, "bio": bio}, instance=member)

    name = stripped(display_name)
    expected = (
        fits(display_name, 50, required=False)
        and fits(bio, 500, required=False)
        and not invisible_characters(name)
        and member.display_name_problem(name) is None
    )
    assert form.is_valid() == expected, form.errors
    if form.is_valid():
        assert form.cleaned_data == {"display_name": stripped(display_name), "bio": stripped(bio)}
        form.save()
        member.refresh_from_db()
        assert (member.display_name, member.bio) == (stripped(display_name), stripped(bio))
        again = ProfileForm(form.cleaned_data, instance=member)
        assert again.is_valid()
        assert again.cleaned_data == form.cleaned_data


@FORM_SETTINGS
@given(reason=st.one_of(st.sampled_from(Report.Reason.values), st.text()), details=ANY_TEXT)
def test_report_form_needs_a_known_reason_and_details_for_something_else(reason, details):
    form = ReportForm({"reason": reason, "details": details})

    expected = (
        reason in Report.Reason.values
        and fits_line(details, 1000, required=False)
        and (reason != Report.Reason.OTHER or bool(one_line(details)))
    )
    assert form.is_valid() == expected, form.errors
    if form.is_valid():
        assert form.cleaned_data == {"reason": reason, "details": one_line(details)}
        again = ReportForm(form.cleaned_data)
        assert again.is_valid()
        assert again.cleaned_data == form.cleaned_data

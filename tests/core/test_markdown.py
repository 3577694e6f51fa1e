import re
from html.parser import HTMLParser

import pytest

from forum.core import markdown
from forum.core.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, LINK_REL, render_markdown


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = TagCollector()
    parser.feed(html)
    parser.close()
    return parser.tags


def scheme_of(href: str) -> str | None:
    """The URL scheme a browser would use: it ignores leading spaces and any tab or newline."""
    cleaned = re.sub(r"[\t\n\r]", "", re.sub(r"^[\x00-\x20]+", "", href)).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", cleaned)
    return match.group(1) if match else None


def links_of(html: str) -> list[dict[str, str | None]]:
    return [attrs for tag, attrs in tags_of(html) if tag == "a"]


@pytest.mark.parametrize(
    ("source", "tags"),
    [
        ("# Title", ["h2"]),
        ("# Title\n\n## Section\n\n### Part", ["h2", "h3", "h4"]),
        ("Title\n=====", ["h2"]),
        # A post that starts lower, or skips a level, still has no gap under the page's h1.
        ("## Section", ["h2"]),
        ("### Part\n\n## Section", ["h2", "h2"]),
        ("# Title\n\n### Part\n\n### Part", ["h2", "h3", "h3"]),
        ("# One\n\n## Two\n\n#### Four\n\n# Again", ["h2", "h3", "h4", "h2"]),
    ],
)
def test_headings_shift_down_without_gaps(source, tags):
    html = render_markdown(source)

    assert [t for t, _ in tags_of(html)] == tags


@pytest.mark.parametrize(
    "source", ["# A\n\n## B\n\n### C\n\n#### Deep", "# A\n\n## B\n\n### C\n\n###### Deepest"]
)
def test_deep_headings_stop_at_h4(source):
    assert [t for t, _ in tags_of(render_markdown(source))] == ["h2", "h3", "h4", "h4"]


def test_no_post_can_produce_an_h1():
    html = render_markdown("# One\n\nText\n\nTwo\n===\n")

    assert "<h1" not in html
    assert html.count("<h2>") == 2


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<b onmouseover=alert(1)>bold</b>",
        '<iframe src="https://evil.example"></iframe>',
        "<div>\n<img src=x onerror=alert(1)>\n</div>",
        "<!-- a comment --> text",
    ],
)
def test_raw_html_is_escaped_not_passed_through(source):
    html = render_markdown(source)

    # an address inside the escaped text may become a plain link, nothing else
    assert all(tag in {"p", "a"} for tag, _ in tags_of(html))
    assert "&lt;" in html
    for tag in ("script", "b", "iframe", "div", "img"):
        assert f"<{tag}" not in html


def test_escaped_raw_html_keeps_its_text():
    assert render_markdown("<b>bold</b>") == "<p>&lt;b&gt;bold&lt;/b&gt;</p>\n"


@pytest.mark.parametrize(
    "source",
    [
        "[click](javascript:alert(1))",
        "[click](JavaScript:alert(1))",
        "[click](  javascript:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](java&#x09;script:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<javascript:alert(1)>",
        "[click][ref]\n\n[ref]: javascript:alert(1)",
    ],
)
def test_script_links_are_dropped(source):
    html = render_markdown(source)

    for attrs in links_of(html):
        assert scheme_of(attrs.get("href") or "") in {None, "http", "https", "mailto"}, attrs
    assert 'href="javascript' not in html.lower()
    assert 'href="vbscript' not in html.lower()
    assert 'href="data' not in html.lower()


def test_relative_links_are_kept():
    links = links_of(render_markdown("[my earlier reply](/r/12/)"))

    assert links == [{"href": "/r/12/", "rel": LINK_REL}]


@pytest.mark.parametrize(
    ("href", "scheme"),
    [("java\tscript:x", "javascript"), (" JavaScript:x", "javascript"), ("java%09script:x", None),
     ("/r/1/", None), ("https://e.org", "https")],
)  # fmt: skip
def test_scheme_of_reads_urls_like_a_browser(href, scheme):
    assert scheme_of(href) == scheme


@pytest.mark.parametrize(
    ("source", "href"),
    [
        ("[NHS](https://www.nhs.uk/conditions/)", "https://www.nhs.uk/conditions/"),
        ("<https://example.org/a?b=1&c=2>", "https://example.org/a?b=1&c=2"),
        ("[mail us](mailto:help@example.org)", "mailto:help@example.org"),
        ('[t](http://example.org "A title")', "http://example.org"),
    ],
)
def test_links_keep_their_url_and_get_the_ugc_rel(source, href):
    links = links_of(render_markdown(source))

    assert len(links) == 1
    assert links[0]["href"] == href
    assert links[0]["rel"] == "nofollow ugc noopener noreferrer" == LINK_REL


def test_a_link_cannot_bring_its_own_target_or_rel():
    html = render_markdown('<a href="https://e.org" target="_blank" rel="opener">x</a>')

    # the escaped tag's address may be linkified as text, never with its own attributes
    assert links_of(html) == [{"href": "https://e.org", "rel": LINK_REL}]


@pytest.mark.parametrize(
    ("source", "href"),
    [
        ("See https://example.org/a?b=1 for more.", "https://example.org/a?b=1"),
        ("The leaflet at www.nhs.uk/conditions helped.", "https://www.nhs.uk/conditions"),
        ("Try nhs.uk.", "https://nhs.uk"),
        ("An old one: http://example.org", "http://example.org"),
    ],
)
def test_bare_web_addresses_become_links(source, href):
    links = links_of(render_markdown(source))

    assert [link["href"] for link in links] == [href]
    assert links[0]["rel"] == LINK_REL


@pytest.mark.parametrize(
    "source",
    [
        "my notes.py file",
        "`https://example.org`",
        "write to bob@example.org",
        "javascript:alert(1)",
    ],
)
def test_file_names_code_and_email_addresses_stay_text(source):
    assert links_of(render_markdown(source)) == []


def test_a_linkified_address_keeps_mentions_inside_it_as_text():
    mentions = {"alice": "/m/a", "bob": "/m/b"}
    html = render_markdown("@alice see https://x.org/@bob", mentions=mentions)

    assert [link["href"] for link in links_of(html)] == ["/m/a", "https://x.org/@bob"]


def test_tables_render():
    html = render_markdown("| Exercise | Sets |\n|---|---|\n| Clamshell | 3 |\n| Bridge | 2 |")

    tags = [tag for tag, _ in tags_of(html)]
    assert tags[:2] == ["table", "thead"]
    assert tags.count("th") == 2
    assert tags.count("td") == 4
    assert "<td>Clamshell</td>" in html


def test_table_column_alignment_survives():
    html = render_markdown("| Left | Right |\n|:---|---:|\n| a | 1 |")

    aligns = [attrs.get("class") for tag, attrs in tags_of(html) if tag in {"th", "td"}]
    assert aligns == ["align-left", "align-right"] * 2


def test_strikethrough_renders():
    html = render_markdown("I ~~rested completely~~ kept moving.")

    assert "<del>rested completely</del>" in html or "<s>rested completely</s>" in html


def test_strikethrough_text_is_at_least_kept():
    html = render_markdown("I ~~rested completely~~ kept moving.")

    assert "rested completely" in html
    assert "~~" not in html


@pytest.mark.parametrize(
    "source",
    [
        "![an x-ray](https://example.org/xray.png)",
        '![pixel](https://example.org/p.gif "tracking")',
        "![ref][img]\n\n[img]: https://example.org/p.gif",
        "<img src=https://example.org/p.gif>",
    ],
)
def test_images_are_not_allowed(source):
    html = render_markdown(source)

    assert "<img" not in html
    assert "img" not in [tag for tag, _ in tags_of(html)]
    # typed as raw HTML, the address is escaped text and at most a plain link
    assert all(set(link) == {"href", "rel"} for link in links_of(html))
    if not source.startswith("<"):
        assert links_of(html) == []


def test_emphasis_lists_quotes_and_code_render():
    html = render_markdown(
        "**strong** *em* `code`\n\n> quoted\n\n- one\n- two\n\n3. three\n4. four\n\n"
        "```\nx < 1\n```\n\n---"
    )

    assert "<strong>strong</strong>" in html
    assert "<em>em</em>" in html
    assert "<code>code</code>" in html
    assert "<blockquote>" in html
    assert "<ul>" in html
    assert '<ol start="3">' in html
    assert "<pre><code>x &lt; 1\n</code></pre>" in html
    assert "<hr>" in html


@pytest.mark.parametrize("source", ["", "   ", "\n\n\n"])
def test_empty_input_renders_nothing(source):
    assert render_markdown(source).strip() == ""


TRICKY_INPUTS = [
    "<svg/onload=alert(1)>",
    '"><img src=x onerror=alert(1)>',
    "[x](javascript:alert(1)) <a href='javascript:alert(2)'>y</a>",
    "```html\n<script>alert(1)</script>\n```",
    "| <b>a</b> | b |\n|:-:|--:|\n| `<i>` | [l](https://e.org) |",
    "# <h1>nested</h1>\n\n###### six",
    '[a](https://e.org "t\\" onmouseover=\\"alert(1)")',
    "- [ ] task\n- [x] done\n\n1) one\n2) two",
    "<details open ontoggle=alert(1)>",
    "***bold italic*** ~~gone~~ <del>raw</del> <s>raw</s>",
    "> > > deep quote with [link](http://e.org/?q=<script>)",
    "&lt;script&gt; &#60;script&#62; \\<script>",
    "<style>body{display:none}</style>",
    "\x00\x01\x1b[31m control \ufeff \u202e reversed",
    "[![img](https://e.org/i.png)](https://e.org)",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "2. start\n3. next",
]


@pytest.mark.parametrize("source", TRICKY_INPUTS)
def test_output_only_contains_allowlisted_tags_and_attributes(source):
    html = render_markdown(source)

    for tag, attrs in tags_of(html):
        assert tag in ALLOWED_TAGS, (tag, html)
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
        if tag in getattr(markdown, "ALLOWED_CLASSES", {}):
            allowed |= {"class"}
        assert set(attrs) <= allowed, (tag, attrs, html)
        if "style" in attrs:
            assert re.fullmatch(r"text-align:(left|right|center)", attrs["style"]), attrs
        if tag == "a" and "href" in attrs:
            assert attrs["rel"] == LINK_REL
            assert scheme_of(attrs["href"]) in {None, "http", "https", "mailto"}


@pytest.mark.parametrize("source", ["x" * 20_000, "[" * 5_000, "> " * 2_000 + "deep", "*" * 10_000])
def test_long_or_pathological_input_renders_without_error(source):
    html = render_markdown(source)

    assert isinstance(html, str)
    assert all(tag in ALLOWED_TAGS for tag, _ in tags_of(html))

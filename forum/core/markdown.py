"""Markdown to safe HTML: markdown-it-py with raw HTML off, then nh3 with an allowlist.

The rendered HTML is stored beside the source when a post is written, and it is
the only user-derived HTML a template may mark safe.
"""

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener noreferrer"

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)


def _shift_headings(tokens):
    """Headings in posts start at h2: the page title is the only h1."""
    for token in tokens:
        if token.type in {"heading_open", "heading_close"}:
            level = min(int(token.tag[1]) + 1, 4)
            token.tag = f"h{level}"
    return tokens


def render_markdown(source: str) -> str:
    """Render Markdown source to sanitised HTML. Never raises on any input string."""
    tokens = _shift_headings(_md.parse(source))
    html = _md.renderer.render(tokens, _md.options, {})
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )

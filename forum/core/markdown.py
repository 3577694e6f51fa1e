"""Markdown to safe HTML: markdown-it-py with raw HTML off, then nh3 with an allowlist.

Bare web addresses become links (linkify-it-py): any ``https://...`` and, without a
scheme, ``www.`` or a name under a short list of common domains (``nhs.uk/...``), so that
a file name such as ``notes.py`` stays text. Addresses without a scheme get ``https://``.

The rendered HTML is stored beside the source when a post is written, and it is
the only user-derived HTML a template may mark safe.
"""

import re
from collections.abc import Mapping, Sequence
from itertools import pairwise

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td", "img",
}  # fmt: skip
IMAGE_ATTRIBUTES = {
    "src",
    "alt",
    "title",
    "width",
    "height",
    "srcset",
    "sizes",
    "loading",
    "decoding",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "img": IMAGE_ATTRIBUTES}
ALIGN_CLASSES = {"align-left", "align-center", "align-right"}
ALLOWED_CLASSES = {"a": {"mention"}, "th": ALIGN_CLASSES, "td": ALIGN_CLASSES}
MENTION = re.compile(r"(?<![\w@/.])@([A-Za-z0-9_]{3,30})(?![\w@])")
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener noreferrer"

# Without a scheme, only these endings make a link; the default also takes every
# two-letter country code, which turns "notes.py" or "setup.sh" into links.
LINKIFY_TLDS = [
    "com", "org", "net", "edu", "gov", "info", "health", "io",
    "uk", "ie", "au", "nz", "ca", "us", "eu", "de", "fr", "nl",
]  # fmt: skip

_md = MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False}).enable(
    ["table", "strikethrough", "linkify"]
)
assert _md.linkify is not None  # linkify-it-py is installed (a dependency)
_md.linkify.set({"fuzzy_email": False}).tlds(LINKIFY_TLDS, False)


def _shift_headings(tokens: list[Token]) -> list[Token]:
    """Headings in posts start at h2 under the page's h1 and never skip a level.

    A post's highest heading becomes h2, whatever its Markdown level, and each deeper one
    is one level below the heading it sits under (at most h4), so a post that starts at
    ``##`` or jumps from ``#`` to ``###`` still has an outline without gaps. Table
    alignment becomes a class, because the Content Security Policy forbids inline styles."""
    open_sections: list[tuple[int, int]] = []  # (Markdown level, HTML level), outermost first
    for token in tokens:
        if token.type == "heading_open":
            level = int(token.tag[1])
            while open_sections and open_sections[-1][0] > level:
                open_sections.pop()
            if open_sections and open_sections[-1][0] == level:
                html_level = open_sections.pop()[1]
            else:
                html_level = min(open_sections[-1][1] + 1, 4) if open_sections else 2
            open_sections.append((level, html_level))
            token.tag = f"h{html_level}"
        elif token.type == "heading_close":
            token.tag = f"h{open_sections[-1][1]}"
        elif token.type == "inline" and token.children:
            _prefer_https(token.children)
        elif token.type in {"th_open", "td_open"} and token.attrs.get("style"):
            align = str(token.attrs.pop("style")).removeprefix("text-align:")
            token.attrs["class"] = f"align-{align}"
    return tokens


def _prefer_https(children: Sequence[Token]) -> None:
    """A linkified address typed without a scheme links to https, not linkify's http."""
    for link_open, text in pairwise(children):
        if link_open.type != "link_open" or link_open.markup != "linkify":
            continue
        href = str(link_open.attrs.get("href", ""))
        if href.startswith("http://") and not text.content.lower().startswith("http://"):
            link_open.attrs["href"] = "https://" + href.removeprefix("http://")


def find_mentions(source: str) -> list[str]:
    """The @usernames in a text, lower-cased, each once, in order of appearance."""
    seen: dict[str, None] = {}
    for name in MENTION.findall(source):
        seen.setdefault(name.lower(), None)
    return list(seen)


def _link_mentions(tokens: Sequence[Token], mentions: Mapping[str, str]) -> None:
    """Turn @name into a link to the member's profile, outside links and code."""
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        children: list[Token] = []
        inside_link = 0
        for child in token.children:
            inside_link += {"link_open": 1, "link_close": -1}.get(child.type, 0)
            if child.type != "text" or inside_link or "@" not in child.content:
                children.append(child)
                continue
            position = 0
            for match in MENTION.finditer(child.content):
                url = mentions.get(match.group(1).lower())
                if url is None:
                    continue
                children.append(_text(child.content[position : match.start()]))
                children.append(Token("link_open", "a", 1, attrs={"href": url, "class": "mention"}))
                children.append(_text(match.group(0)))
                children.append(Token("link_close", "a", -1))
                position = match.end()
            children.append(_text(child.content[position:]))
        token.children = children


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _inline_children(tokens: Sequence[Token]) -> list[Token]:
    return [child for token in tokens if token.type == "inline" for child in token.children or []]


def find_images(source: str) -> list[tuple[str, str]]:
    """The ``![alt](src)`` images of a text, as (src, alt) pairs in order."""
    source = source.encode("utf-8", "replace").decode("utf-8")
    return [
        (str(child.attrs.get("src", "")), child.content)
        for child in _inline_children(_md.parse(source))
        if child.type == "image"
    ]


def _place_images(tokens: Sequence[Token], images: Mapping[str, Mapping[str, str]]) -> None:
    """Keep the images whose src ``images`` knows, with the attributes it gives them;
    any other image (another site's, a made-up path) becomes its alt text."""
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        children: list[Token] = []
        for child in token.children:
            if child.type != "image":
                children.append(child)
                continue
            extra = images.get(str(child.attrs.get("src", "")))
            if extra is None:
                children.append(_text(child.content))
                continue
            for name, value in extra.items():
                child.attrSet(name, value)
            children.append(child)
        token.children = children


def render_markdown(
    source: str,
    *,
    mentions: Mapping[str, str] | None = None,
    images: Mapping[str, Mapping[str, str]] | None = None,
) -> str:
    """Render Markdown source to sanitised HTML. Never raises on any input string.

    ``mentions`` maps lower-cased usernames to profile URLs; those @mentions become links.
    ``images`` maps the src of each image the text may show to its extra attributes
    (width, height, srcset...); every other image is shown as its alt text, and the
    sanitiser drops any ``<img>`` whose src or srcset is not exactly one of these.
    """
    images = images or {}
    # A lone surrogate cannot be encoded as UTF-8 (nh3 would raise); no browser sends one,
    # but a string built in Python can hold it.
    source = source.encode("utf-8", "replace").decode("utf-8")
    tokens = _shift_headings(_md.parse(source))
    if mentions:
        _link_mentions(tokens, mentions)
    _place_images(tokens, images)
    html = _md.renderer.render(tokens, _md.options, {})

    def only_known_images(tag: str, attribute: str, value: str) -> str | None:
        if tag != "img" or attribute not in {"src", "srcset"}:
            return value
        known = images.get(value) if attribute == "src" else None
        if attribute == "src":
            return value if known is not None else None
        return value if any(extra.get("srcset") == value for extra in images.values()) else None

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
        attribute_filter=only_known_images,
    )

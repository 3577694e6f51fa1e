"""Turn an engine's highlighted text into safe HTML whose only tags are our own <mark>s."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Control characters the engines wrap around each matched word (FTS5's snippet() and
# highlight(), PostgreSQL's ts_headline). They cannot be typed into a form field, and
# even if a post held one, the worst it could do is mark a word.
START, STOP = "\x02", "\x03"
_MARKERS = re.compile(f"([{START}{STOP}])")
_MARKDOWN = re.compile(r"[*`#]+|\s+")


def marked(text: str) -> SafeString:
    """Escape ``text`` and turn each balanced pair of markers into <mark>...</mark>.

    Every character of the text goes through ``escape``; the only markup added is
    the two constant tags, opened and closed in turn, so the result is balanced
    whatever markers the text holds.
    """
    html, inside = [], False
    for piece in _MARKERS.split(text):
        if piece in (START, STOP):
            if (piece == START) != inside:
                html.append("</mark>" if inside else "<mark>")
                inside = not inside
        else:
            html.append(escape(piece))
    if inside:
        html.append("</mark>")
    return mark_safe("".join(html))  # noqa: S308 (every piece of user text is escaped above)


def plain(text: str) -> str:
    """A post's Markdown source read as plain words: emphasis, code and heading marks dropped."""
    return _MARKDOWN.sub(lambda m: " " if m.group().isspace() else "", text).strip()

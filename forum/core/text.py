"""Plain-text hygiene shared by every app: what a one-line field may hold.

A title, a summary or a moderator's reason is shown on one line, put in an email
subject and printed in digests. A line break there breaks the subject header (Django
refuses to send it, for good) and lets a member start a line of their own choosing in
someone else's email; bidirectional overrides make text read differently from what it
is. ``single_line`` is the one cleaner: the forms call it (through
``forum.core.forms.SingleLineField``) so the person sees what will be kept, and the
services call it again, so a title set from the admin, a shell or a future API is just
as clean.
"""

import re
import unicodedata

# Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they reorder how
# the text around them is displayed ("Trojan Source"). The plain marks (U+200E, U+200F)
# only nudge neutral characters and are kept.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Every character that starts a new line somewhere, and every other control character
# (categories Cc, Zl, Zp): turned into a space, so words either side stay apart.
_LINE_OR_CONTROL = {"Cc", "Zl", "Zp"}

_SPACES = re.compile(r"\s+")


def single_line(text: str) -> str:
    """``text`` on one line: no control characters, no bidirectional overrides, each run
    of white space one space, none at either end.

    >>> single_line("Hip pain\\r\\nBcc: everyone\\t ")
    'Hip pain Bcc: everyone'
    """
    kept = []
    for char in text:
        if char in BIDI_CONTROLS:
            continue
        kept.append(" " if unicodedata.category(char) in _LINE_OR_CONTROL else char)
    return _SPACES.sub(" ", "".join(kept)).strip()

"""What changed between two versions of a post, word by word, for the edit history."""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    """A run of text that is the same in both versions ("same"), or only in the newer
    ("added") or the older ("removed")."""

    kind: str
    text: str


def word_diff(old: str, new: str) -> list[Segment]:
    """The newer text as runs of kept, added and removed words (whitespace kept as is,
    so line breaks show). A replaced run is shown removed, then added."""
    before, after = TOKEN.findall(old), TOKEN.findall(new)
    matcher = SequenceMatcher(a=before, b=after, autojunk=False)
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("same", "".join(before[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment("removed", "".join(before[i1:i2])))
        if j2 > j1:
            segments.append(Segment("added", "".join(after[j1:j2])))
    return segments

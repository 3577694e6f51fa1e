"""Red flags as people type them: text normalised, then matched against small patterns.

A red flag is wording that suggests the writer needs urgent care (cauda equina signs, a
hip that cannot bear weight after a fall, fever with a hot swollen joint) or is in
crisis. People write it on phones, in a hurry, in their own words: “can't put any
weight on my leg” with a curly apostrophe, “my bottom feels numb”, “thinking about
ending it all”. So:

* **The text is normalised** before matching: Unicode NFKC (full-width letters,
  ligatures), case folded, every apostrophe (straight, curly, modifier letter, grave,
  acute, prime: ``APOSTROPHES``) the same and then dropped, so the curly and straight
  spellings of ``can't`` and ``cant`` are one word; hyphens, quotes, Markdown marks
  and runs of white space only separate words.
* **Patterns, not phrases.** Moderators edit the patterns in the admin; the syntax is
  small on purpose (``PATTERN_HELP``) and every pattern is checked when saved
  (``parse_pattern`` raises ``PatternError`` with a sentence saying what is wrong).
  A pattern compiles to a regular expression over the normalised words, with bounded
  gaps only, so no pattern can make matching slow.
* **Denials** (optional, per pattern): “no saddle numbness”, “I haven't had any
  numbness in my bottom” or “my hip is swollen but there's no fever” is not a red flag.
  A match is skipped when one of the three words before any part of it, in the same
  clause, is a negation (``NEGATIONS``). Crisis patterns leave this off: “I'm not going
  to hurt myself, but…” still needs a moderator's look.

This module reads no database: ``policy.find_red_flag`` loads the active patterns
and calls ``compile_patterns``, which is cached per process by the patterns' text, so an
edit in the admin takes effect on the next post in every worker, with no invalidation
to forget.
"""

import bisect
import functools
import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError

logger = logging.getLogger(__name__)

PATTERN_HELP = (
    "Words in order, each right after the other: <code>saddle numbness</code>. "
    "Alternatives in brackets: <code>(can't|cannot|unable to) bear weight</code>; "
    "single words may also be joined without brackets: <code>leg|legs</code>. "
    "Up to 3 other words in between: <code>...</code>; up to N (at most 8): "
    "<code>...6</code>, as in <code>fever ...8 (hot|swollen)</code>. "
    "A plain word also matches it with -s, -es, -ed, -d or -ing; end a word with * for "
    "any ending (<code>numb*</code>: numb, numbness, numbed). "
    "Case, curly apostrophes, hyphens and punctuation never matter: "
    "<code>can't</code> matches can\u2019t and cant."
)

MAX_GAP = 8
DEFAULT_GAP = 3
MAX_GAPS = 3
MAX_PATTERN_LENGTH = 300
NEGATION_WINDOW = 3

# Words that, among the three before a match in the same clause, make it a denial, or a
# check someone made ("the physio checked for saddle numbness"). Written as the
# normaliser leaves them (apostrophes dropped).
NEGATIONS = frozenset(
    ["no", "not", "never", "without", "nor", "neither", "none", "dont", "doesnt", "didnt",
     "havent", "hasnt", "hadnt", "isnt", "arent", "wasnt", "werent", "denies", "denied",
     "checked", "screened", "asked", "ruled"]
)  # fmt: skip
# Words that start a new clause, so a negation before them does not carry over:
# “no fever, but I can't bear weight”.
CLAUSE_WORDS = frozenset(
    ["but", "and", "although", "though", "however", "yet", "except", "whereas"]
)
_CLAUSE_MARKS = re.compile(r"[.!?;:,\n()\[\]]")

# Right and left single quotation marks, the reversed-9 one, the modifier letter
# apostrophe, grave, acute and prime: all typed for an apostrophe somewhere.
APOSTROPHES = "\u2019\u2018\u201b\u02bc`\u00b4\u2032"
_APOSTROPHES = str.maketrans(dict.fromkeys(APOSTROPHES, "'"))
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_INFLECTION = "(?:s|es|ed|d|ing)?"


class PatternError(ValueError):
    """A pattern a moderator typed cannot be read; the message says why, for the form."""


@dataclass(frozen=True)
class Words:
    """A text as the patterns see it: normalised words, where each one came from, and
    which ones begin a clause."""

    text: str
    keys: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    clause_starts: frozenset[int]
    joined: str
    offsets: tuple[int, ...]

    def original(self, first: int, last: int) -> str:
        """The words ``first`` to ``last`` as the person typed them."""
        return self.text[self.spans[first][0] : self.spans[last][1]]

    def word_at(self, offset: int) -> int:
        """The index of the word starting at character ``offset`` of ``joined``."""
        return bisect.bisect_right(self.offsets, offset) - 1


def _key(word: str) -> str:
    return word.casefold().replace("'", "")


def normalise(text: str) -> Words:
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    keys: list[str] = []
    spans: list[tuple[int, int]] = []
    clause_starts: set[int] = set()
    previous_end = 0
    for match in _WORD.finditer(text):
        key = _key(match.group())
        between = text[previous_end : match.start()]
        if not keys or _CLAUSE_MARKS.search(between) or key in CLAUSE_WORDS:
            clause_starts.add(len(keys))
        keys.append(key)
        spans.append(match.span())
        previous_end = match.end()
    offsets, position = [], 0
    for key in keys:
        offsets.append(position)
        position += len(key) + 1
    return Words(
        text=text,
        keys=tuple(keys),
        spans=tuple(spans),
        clause_starts=frozenset(clause_starts),
        joined=" ".join(keys),
        offsets=tuple(offsets),
    )


# Parsing a pattern

_WORD_CHARS = "[\\w'" + re.escape(APOSTROPHES) + "*-]+"
_PIECE = re.compile(r"\s+|\(|\)|\||\.\.\.(\d*)|" + _WORD_CHARS + "|.")


def _word_regex(raw: str) -> list[str]:
    """One typed word (maybe hyphenated) as regular expressions, one per word."""
    out = []
    for part in raw.split("-"):
        if not part:
            continue
        wildcard = part.endswith("*")
        stem = _key(unicodedata.normalize("NFKC", part.rstrip("*")).translate(_APOSTROPHES))
        if "*" in stem:
            raise PatternError("“*” only goes at the end of a word, as in numb*.")
        if not stem or not _WORD.fullmatch(stem):
            raise PatternError(f"“{raw}” is not a word: use letters, digits and apostrophes.")
        if wildcard and len(stem) < 3:
            raise PatternError(
                f"“{part}” would match too much: put at least 3 letters before the *."
            )
        out.append(re.escape(stem) + (r"\S*" if wildcard else _INFLECTION))
    if not out:
        raise PatternError(f"“{raw}” is not a word.")
    return out


def _alternatives(options: Sequence[Sequence[str]]) -> str:
    regexes = []
    for words in options:
        if not words:
            raise PatternError("An alternative is empty: write (a|b), not (a||b), (a|) or (|b).")
        regexes.append(" ".join(part for raw in words for part in _word_regex(raw)))
    return regexes[0] if len(regexes) == 1 else "(?:" + "|".join(regexes) + ")"


def parse_pattern(pattern: str) -> str:
    """The regular expression (over ``Words.joined``) for a pattern, or ``PatternError``."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternError(f"Keep a pattern under {MAX_PATTERN_LENGTH} characters.")
    slots: list[str] = []
    separators: list[str] = []
    pending_gap: str | None = None
    gaps = 0
    position = 0
    pieces = [(m.group(), m.group(1)) for m in _PIECE.finditer(pattern.strip())]
    while position < len(pieces):
        piece, gap_size = pieces[position]
        position += 1
        if piece.isspace():
            continue
        if piece.startswith("..."):
            if not slots or pending_gap is not None:
                raise PatternError("“...” stands between two words, never first, last or twice.")
            size = int(gap_size) if gap_size else DEFAULT_GAP
            if not 1 <= size <= MAX_GAP:
                raise PatternError(f"A gap is 1 to {MAX_GAP} words: “...3”, not “{piece}”.")
            gaps += 1
            if gaps > MAX_GAPS:
                raise PatternError(f"Use at most {MAX_GAPS} gaps (“...”) in one pattern.")
            pending_gap = f"(?: \\S+){{0,{size}}}? "
            continue
        if piece == "(":
            options: list[list[str]] = [[]]
            while True:
                if position >= len(pieces):
                    raise PatternError("A bracket opens but never closes.")
                inner, _ = pieces[position]
                position += 1
                if inner == ")":
                    break
                if inner == "(":
                    raise PatternError("Brackets cannot be nested: list every alternative once.")
                if inner == "|":
                    options.append([])
                elif inner.startswith("..."):
                    raise PatternError("Gaps (“...”) go between brackets, not inside them.")
                elif not inner.isspace():
                    if not re.fullmatch(_WORD_CHARS, inner):
                        raise PatternError(_unknown(inner))
                    options[-1].append(inner)
            slot = _alternatives(options)
        elif piece == ")":
            raise PatternError("A bracket closes that never opened.")
        elif piece == "|":
            raise PatternError("“|” joins two words, as in leg|legs or (can't|cannot).")
        elif re.fullmatch(_WORD_CHARS, piece):
            words = [piece]
            while (
                position + 1 < len(pieces)
                and pieces[position][0] == "|"
                and re.fullmatch(_WORD_CHARS, pieces[position + 1][0])
            ):
                words.append(pieces[position + 1][0])
                position += 2
            if position < len(pieces) and pieces[position][0] == "|":
                raise PatternError("“|” joins two words, as in leg|legs or (can't|cannot).")
            slot = _alternatives([[word] for word in words])
        else:
            raise PatternError(_unknown(piece))
        if slots:
            separators.append(pending_gap or " ")
        pending_gap = None
        slots.append(slot)
    if pending_gap is not None:
        raise PatternError("“...” stands between two words, never first, last or twice.")
    if not slots:
        raise PatternError("The pattern is empty: write the words to look for.")
    groups = [f"({slot})" for slot in slots]
    body = groups[0] + "".join(sep + g for sep, g in zip(separators, groups[1:], strict=True))
    return rf"(?<!\S){body}(?!\S)"


def validate_pattern(value: str) -> None:
    """The model field's validator: a pattern that does not parse is refused, with why."""
    try:
        parse_pattern(value)
    except PatternError as exc:
        raise ValidationError(str(exc)) from None


def _unknown(piece: str) -> str:
    return (
        f"“{piece}” cannot be read: use letters, digits, apostrophes, spaces, "
        "brackets with | between alternatives, * at the end of a word and ... for a gap."
    )


def _literal(pattern: str) -> str:
    """A pattern that does not parse, matched as the plain words it holds."""
    words = normalise(pattern).keys or ("\u0000",)
    return rf"(?<!\S){' '.join(re.escape(w) for w in words)}(?!\S)"


# Matching


@dataclass(frozen=True)
class Compiled:
    pk: int
    pattern: str
    kind: str
    ignore_negated: bool
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Hit:
    """A red flag found in a text: which pattern, its kind and the words as typed."""

    pk: int
    pattern: str
    kind: str
    words: str


Row = tuple[int, str, str, bool]


@functools.lru_cache(maxsize=8)
def compile_patterns(rows: tuple[Row, ...]) -> tuple[Compiled, ...]:
    """Compile ``(pk, pattern, kind, ignore_negated)`` rows once per process.

    The cache key is the rows themselves, so a changed pattern is a new key: nothing to
    invalidate. A pattern that somehow fails to parse (written around the admin's
    validation) is matched as its plain words and logged, never dropped.
    """
    compiled = []
    for pk, pattern, kind, ignore_negated in rows:
        try:
            regex = parse_pattern(pattern)
        except PatternError as exc:
            logger.error("Red-flag pattern %s cannot be parsed (%s): matched literally", pk, exc)
            regex = _literal(pattern)
        compiled.append(Compiled(pk, pattern, kind, ignore_negated, re.compile(regex)))
    return tuple(compiled)


def _is_negated(words: Words, first: int, floor: int) -> bool:
    """Whether a negation stands among the few words before word ``first``, in its clause
    and after word ``floor`` (the end of the pattern's previous slot, or -1)."""
    if first in words.clause_starts:
        return False
    for index in range(first - 1, max(first - 1 - NEGATION_WINDOW, floor), -1):
        if words.keys[index] in NEGATIONS:
            return True
        if index in words.clause_starts:
            return False
    return False


def search(pattern: Compiled, words: Words) -> Hit | None:
    """The first match of ``pattern`` in ``words`` that is not a denial.

    With ``ignore_negated``, each part of the pattern is checked: “swollen hip but no
    fever” denies the fever, so it is not fever with a swollen joint. Words of the
    pattern itself never count (“no feeling in my bottom” is a match).
    """
    position = 0
    while match := pattern.regex.search(words.joined, position):
        first = words.word_at(match.start())
        last = words.word_at(match.end() - 1)
        position = match.start() + 1
        if pattern.ignore_negated:
            floor, denied = -1, False
            for group in range(1, (pattern.regex.groups or 0) + 1):
                start = words.word_at(match.start(group))
                if _is_negated(words, start, floor):
                    denied = True
                    break
                floor = words.word_at(match.end(group) - 1)
            if denied:
                continue
        return Hit(pattern.pk, pattern.pattern, pattern.kind, words.original(first, last))
    return None


def first_hit(patterns: Iterable[Compiled], text: str, *, order: Sequence[str]) -> Hit | None:
    """The first red flag in ``text``, trying kinds in ``order`` (most severe first)."""
    words = normalise(text)
    if not words.keys:
        return None
    ranked = sorted(patterns, key=lambda p: order.index(p.kind) if p.kind in order else 99)
    for pattern in ranked:
        if hit := search(pattern, words):
            return hit
    return None


def matches(pattern: str, text: str, *, ignore_negated: bool) -> bool:
    """Whether ``pattern`` (which must parse) finds a red flag in ``text``."""
    compiled = Compiled(0, pattern, "", ignore_negated, re.compile(parse_pattern(pattern)))
    return search(compiled, normalise(text)) is not None

"""What the text in a search box means, read the same way for both engines.

``parse`` turns the text into a ``ParsedQuery``: words, "quoted phrases", the last
word as a prefix (people search while typing), and condition names. A condition's
name or synonym anywhere in the text ("GTPS", "trochanteric bursitis", "glute med")
becomes a term that matches any of the condition's names or anything tagged with
it. Everything else is punctuation and is dropped, so no text can reach an engine's
query syntax: each backend quotes the words it is given.
"""

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from forum.conditions.models import Condition

MAX_LENGTH = 200
MAX_TERMS = 10
MIN_PREFIX = 2
MIN_TELLING_WORD = 6
MAX_CONDITIONS_PER_TELLING_WORD = 2  # a one-letter prefix would match most of the index
# The start of an ending the stemmers strip, and the rest of it. A prefix typed
# part-way into one ("runni") no longer starts the stem of the word it is becoming
# ("running" is indexed as "run"), so the word is completed as well.
ENDINGS = (("i", "ng"), ("in", "g"), ("e", "s"), ("e", "d"))
MIN_COMPLETED = 3

WORD = re.compile(r"[^\W_]+")

# PostgreSQL's 'english' configuration drops these words; SQLite's FTS5 has no stop
# words, so the parser drops them for both engines, and a query such as "pain on the
# outside" asks the same of either.
STOP_WORDS = frozenset([
    "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours",
    "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself",
    "it", "its", "itself", "they", "them", "their", "theirs", "themselves", "what", "which",
    "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was", "were", "be",
    "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an",
    "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for",
    "with", "about", "against", "between", "into", "through", "during", "before", "after",
    "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over", "under",
    "again", "further", "then", "once", "here", "there", "when", "where", "why", "how", "all",
    "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not",
    "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don",
    "should", "now",
])  # fmt: skip


def words_of(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(text.lower()))


def completions_of(prefix: str) -> tuple[str, ...]:
    """Whole words ``prefix`` may be becoming, by finishing an ending the stemmers strip.

    ``runni`` gives ``running`` and ``runn`` gives ``running`` too (a doubled consonant
    is the stemmers' sign of an ending to come), which the engine reads as ``run``:
    the prefix ``runni*`` alone cannot reach it. Every completion starts with what was
    typed, so none matches a word the prefix was not typed for; a completion that is
    no word at all matches nothing.
    """
    if len(prefix) < MIN_COMPLETED:
        return ()
    found = [prefix + rest for typed, rest in ENDINGS if prefix.endswith(typed)]
    if prefix[-1] == prefix[-2] and prefix[-1] not in "aeiouylsz":
        found.append(prefix + "ing")
    return tuple(found)


@dataclass(frozen=True)
class Term:
    """One thing every result must contain: a word, a phrase, or a condition's name."""

    words: tuple[str, ...]
    prefix: bool = False
    completions: tuple[str, ...] = ()  # for a prefix: whole words it may be becoming
    synonyms: tuple[tuple[str, ...], ...] = ()  # the condition's other names, each a phrase
    condition_ids: tuple[int, ...] = ()  # content tagged with these matches too

    @property
    def phrases(self) -> tuple[tuple[str, ...], ...]:
        return (self.words, *self.synonyms)


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    terms: tuple[Term, ...] = ()
    conditions: tuple[Condition, ...] = ()
    # Posts containing any term, best first, rather than every term: for the
    # questions like a draft title.
    match_any: bool = False

    def __bool__(self) -> bool:
        return bool(self.terms)


class Vocabulary:
    """Every condition's name and synonyms, for spotting them in a query."""

    def __init__(self, conditions: Iterable[Condition]) -> None:
        self.conditions = list(conditions)
        self.names: dict[tuple[str, ...], list[Condition]] = {}
        for condition in self.conditions:
            for name in self.names_of(condition):
                self.names.setdefault(words_of(name), []).append(condition)
        self.names.pop((), None)
        self.longest = max(map(len, self.names), default=0)
        # The telling words of names ("bursitis", "piriformis"): long, and in the names of
        # at most two conditions, so that a misspelling of one word finds its conditions
        # and "tendinopathy" or "syndrome" (in many names) finds none.
        by_word: dict[str, dict[int, Condition]] = {}
        for words, found in self.names.items():
            for word in words:
                if len(word) >= MIN_TELLING_WORD:
                    by_word.setdefault(word, {}).update((c.pk, c) for c in found)
        self.telling_words = {
            word: list(found.values())
            for word, found in by_word.items()
            if len(found) <= MAX_CONDITIONS_PER_TELLING_WORD
        }

    @classmethod
    def load(cls) -> "Vocabulary":
        return cls(Condition.objects.prefetch_related("synonyms"))

    @staticmethod
    def names_of(condition: Condition) -> list[str]:
        return [condition.name, *(s.name for s in condition.synonyms.all())]

    def longest_name_at(self, words: Sequence[str], start: int) -> tuple[int, list[Condition]]:
        """The longest condition name starting at ``words[start]``, as (length, conditions)."""
        for length in range(min(self.longest, len(words) - start), 0, -1):
            found = self.names.get(tuple(words[start : start + length]))
            if found:
                return length, found
        return 0, []

    def close_to(self, text: str, limit: int = 3) -> list[Condition]:
        """Conditions whose name or synonym looks like a misspelling of ``text``."""
        spelled = {" ".join(words): found for words, found in self.names.items()}
        words = words_of(text)
        attempts = [" ".join(words), *(word for word in words if len(word) > 3)]
        conditions = {
            condition.pk: condition
            for attempt in attempts
            for match in difflib.get_close_matches(attempt, spelled, n=limit, cutoff=0.75)
            for condition in spelled[match]
        }
        for word in (word for word in words if len(word) >= MIN_TELLING_WORD):
            for match in difflib.get_close_matches(word, self.telling_words, n=2, cutoff=0.8):
                conditions.update((c.pk, c) for c in self.telling_words[match])
        return list(conditions.values())[:limit]


def _condition_term(words: Sequence[str], found: list[Condition]) -> Term:
    names = {words_of(name) for condition in found for name in Vocabulary.names_of(condition)}
    names.discard(tuple(words))
    return Term(
        words=tuple(words),
        synonyms=tuple(sorted(names)),
        condition_ids=tuple(sorted(c.pk for c in found)),
    )


def parse(
    text: str, vocabulary: Vocabulary | None = None, *, match_any: bool = False
) -> ParsedQuery:
    """Read a search box's text; without a vocabulary, condition names are plain words."""
    text = " ".join(text.split())[:MAX_LENGTH]
    vocabulary = vocabulary or Vocabulary([])
    terms: list[Term] = []
    conditions: dict[int, Condition] = {}
    pieces = text.split('"')
    for index, piece in enumerate(pieces):
        words = words_of(piece)
        quoted = index % 2 == 1
        if quoted and words:
            found = vocabulary.names.get(words, [])
            terms.append(_condition_term(words, found) if found else Term(words=words))
            conditions.update((c.pk, c) for c in found)
            continue
        start = 0
        while start < len(words):
            length, found = vocabulary.longest_name_at(words, start)
            if found:
                terms.append(_condition_term(words[start : start + length], found))
                conditions.update((c.pk, c) for c in found)
                start += length
                continue
            if words[start] not in STOP_WORDS:
                terms.append(Term(words=(words[start],)))
            start += 1
    terms = terms[:MAX_TERMS]
    typed_last = words_of(pieces[-1])[-1:] if len(pieces) % 2 else ()
    if typed_last and len(typed_last[0]) >= MIN_PREFIX and terms[-1:] == [Term(typed_last)]:
        terms[-1] = Term(words=typed_last, prefix=True, completions=completions_of(typed_last[0]))
    return ParsedQuery(
        text=text,
        terms=tuple(terms),
        conditions=tuple(conditions.values()),
        match_any=match_any,
    )

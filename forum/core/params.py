"""Query-string numbers, read totally: anything but a plain, modest whole number is "none".

``int()`` accepts what no link of ours contains ("²" and "٣" are digits to
``str.isdigit``, "1_000" and " 1" are numbers to ``int``) and any length, which a
database then cannot bind. Every view reads ``?page=``, ``?from=`` and the like here.
"""

MAX_DIGITS = 15  # well inside a signed 64-bit integer, however it is multiplied by a page size


def whole_number(raw: object) -> int | None:
    """``raw`` as a whole number of at most MAX_DIGITS ASCII digits, else None."""
    if not isinstance(raw, str) or not raw or len(raw) > MAX_DIGITS:
        return None
    if not (raw.isascii() and raw.isdigit()):
        return None
    return int(raw)


def page_number(raw: object, *, maximum: int | None = None) -> int:
    """A page number: 1 unless ``raw`` is a whole number above 0; at most ``maximum``."""
    number = whole_number(raw) or 1
    return min(number, maximum) if maximum is not None else number

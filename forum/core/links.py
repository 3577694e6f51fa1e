"""URLs of objects in lists, without a ``reverse()`` per object.

A list page links every thread, condition and author it shows: a few hundred
``reverse()`` calls, each resolving the pattern afresh. ``url_from_prefix`` reverses a
pattern once (per URLconf and script prefix) and appends the object's arguments, which
gives the same URL as ``reverse()`` for arguments that need no quoting; any other
argument, or a pattern whose arguments are not its last path segments, goes through
``reverse()`` as before.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# Characters reverse() leaves as they are in a path segment (it quotes the rest).
_PLAIN = re.compile(r"[A-Za-z0-9_.@+~-]+")
_PLACEHOLDERS = ("0", "x")


@lru_cache(maxsize=64)
def _prefix(name: str, n_args: int, urlconf: str | None, script_prefix: str) -> str | None:
    placeholders = _PLACEHOLDERS[:n_args]
    url = reverse(name, args=placeholders, urlconf=urlconf)
    tail = "/".join(placeholders) + "/"
    if not url.endswith("/" + tail):
        return None
    return url[: -len(tail)]


def url_from_prefix(name: str, *args: int | str) -> str:
    """``reverse(name, args=args)`` for a pattern ending in its arguments, one path
    segment each with a trailing slash (``questions/<int:pk>/<slug:slug>/``)."""
    if 0 < len(args) <= len(_PLACEHOLDERS) and all(
        isinstance(a, int) or (isinstance(a, str) and _PLAIN.fullmatch(a)) for a in args
    ):
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        prefix = _prefix(name, len(args), urlconf, get_script_prefix())
        if prefix is not None:
            return prefix + "".join(f"{a}/" for a in args)
    return reverse(name, args=args)

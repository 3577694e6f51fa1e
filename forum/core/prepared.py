"""A COUNT that the ORM compiles once per database and that runs again with new ids.

Some counts are on every page a member opens (the header's unread notifications): the
same query each time but for an id or two. Building and compiling such a queryset costs
the ORM far more than the database spends answering it. ``PreparedCount`` asks the ORM
for the SQL once per database alias and keeps it, with the places of the ids among its
parameters; each count then substitutes the ids and runs the SQL as it is.

To find those places, the queryset is built and compiled twice, with two different sets
of marker ids. The two SQL texts must be the same and their parameters must differ
exactly where a marker went in; anything else (a value computed while building, such as
the time, or a marker that the SQL does not use) raises ``ImproperlyConfigured`` on the
first count, so a query that cannot be prepared this way never gives a wrong number.
"""

from collections.abc import Callable, Sequence
from typing import Any, TypeAlias

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import QuerySet

# Ids that no row has (negative) and that no query writes as a constant.
_FIRST = (-7_305_112_981, -7_305_112_982, -7_305_112_983)
_SECOND = (-6_918_440_171, -6_918_440_172, -6_918_440_173)

Compiled: TypeAlias = tuple[str, list[Any], list[tuple[int, int]]]


class PreparedCount:
    """``build(*ids).count()``, compiled once per database; see the module's docstring."""

    def __init__(self, build: Callable[..., QuerySet[Any]], *, arity: int) -> None:
        if not 0 < arity <= len(_FIRST):
            raise ValueError(f"arity must be between 1 and {len(_FIRST)}")
        self.build = build
        self.arity = arity
        self._compiled: dict[str, Compiled] = {}

    def count(self, *ids: int, using: str) -> int:
        if len(ids) != self.arity or not all(type(i) is int for i in ids):
            raise TypeError(f"count() takes {self.arity} int ids, got {ids!r}")
        compiled = self._compiled.get(using)
        if compiled is None:
            compiled = self._compiled[using] = self._compile(using)
        sql, template, slots = compiled
        params = list(template)
        for position, argument in slots:
            params[position] = ids[argument]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        return int(row[0])

    def _sql(self, using: str, markers: Sequence[int]) -> tuple[str, list[Any]]:
        query = self.build(*markers[: self.arity]).order_by().query
        sql, params = query.get_compiler(using=using).as_sql()
        return f"SELECT COUNT(*) FROM ({sql}) AS counted", list(params)  # noqa: S608 (the ORM's SQL)

    def _compile(self, using: str) -> Compiled:
        first_sql, first = self._sql(using, _FIRST)
        second_sql, second = self._sql(using, _SECOND)
        if first_sql != second_sql or len(first) != len(second):
            raise ImproperlyConfigured("the query's SQL depends on more than its ids")
        slots = []
        for position, (a, b) in enumerate(zip(first, second, strict=True)):
            if a == b:
                continue
            argument = _FIRST.index(a) if a in _FIRST else -1
            if argument < 0 or argument >= self.arity or _SECOND[argument] != b:
                raise ImproperlyConfigured(
                    f"parameter {position} of the query changes with something but its ids"
                )
            slots.append((position, argument))
        if {argument for _, argument in slots} != set(range(self.arity)):
            raise ImproperlyConfigured("the query does not use every id it is given")
        return first_sql, first, slots

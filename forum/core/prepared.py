"""Queries that the ORM compiles once per database and that run again with new ids.

Some queries are on every page a member opens (the header's unread notifications, the
home page's lists): the same query each time but for an id or two, or for none. Building
and compiling such a queryset costs the ORM far more than the database spends answering
it. ``PreparedCount`` and ``PreparedList`` ask the ORM for the SQL once per database
alias and keep it, with the places of the ids among its parameters; each run then
substitutes the ids and sends the SQL as it is.

To find those places, the queryset is built and compiled twice, with two different sets
of marker ids. The two SQL texts must be the same and their parameters must differ
exactly where a marker went in; anything else (a value computed while building, such as
the time, or a marker that the SQL does not use) raises ``ImproperlyConfigured`` on the
first run, so a query that cannot be prepared this way never gives a wrong answer.
"""

import copy
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeAlias, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.sql.compiler import SQLCompiler

# Ids that no row has (negative) and that no query writes as a constant.
_FIRST = (-7_305_112_981, -7_305_112_982, -7_305_112_983)
_SECOND = (-6_918_440_171, -6_918_440_172, -6_918_440_173)

Slots: TypeAlias = list[tuple[int, int]]
M = TypeVar("M", bound=Model)


def _slots(first: list[Any], second: list[Any], arity: int) -> Slots:
    """Where each id goes among the parameters, from two compilations with markers."""
    if len(first) != len(second):
        raise ImproperlyConfigured("the query's SQL depends on more than its ids")
    slots = []
    for position, (a, b) in enumerate(zip(first, second, strict=True)):
        if a == b:
            continue
        argument = _FIRST.index(a) if a in _FIRST else -1
        if argument < 0 or argument >= arity or _SECOND[argument] != b:
            raise ImproperlyConfigured(
                f"parameter {position} of the query changes with something but its ids"
            )
        slots.append((position, argument))
    if {argument for _, argument in slots} != set(range(arity)):
        raise ImproperlyConfigured("the query does not use every id it is given")
    return slots


def _params(template: list[Any], slots: Slots, ids: Sequence[int], arity: int) -> list[Any]:
    if len(ids) != arity or not all(type(i) is int for i in ids):
        raise TypeError(f"this query takes {arity} int ids, got {tuple(ids)!r}")
    params = list(template)
    for position, argument in slots:
        params[position] = ids[argument]
    return params


def _check_arity(arity: int, least: int) -> None:
    if not least <= arity <= len(_FIRST):
        raise ValueError(f"arity must be between {least} and {len(_FIRST)}")


class PreparedCount:
    """``build(*ids).count()``, compiled once per database; see the module's docstring."""

    def __init__(self, build: Callable[..., QuerySet[Any]], *, arity: int) -> None:
        _check_arity(arity, 0)
        self.build = build
        self.arity = arity
        self._compiled: dict[str, tuple[str, list[Any], Slots]] = {}

    def count(self, *ids: int, using: str) -> int:
        compiled = self._compiled.get(using)
        if compiled is None:
            compiled = self._compiled[using] = self._compile(using)
        sql, template, slots = compiled
        params = _params(template, slots, ids, self.arity)
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        return int(row[0])

    def _sql(self, using: str, markers: Sequence[int]) -> tuple[str, list[Any]]:
        query = self.build(*markers[: self.arity]).order_by().query
        sql, params = query.get_compiler(using=using).as_sql()
        return f"SELECT COUNT(*) FROM ({sql}) AS counted", list(params)  # noqa: S608 (the ORM's SQL)

    def _compile(self, using: str) -> tuple[str, list[Any], Slots]:
        first_sql, first = self._sql(using, _FIRST)
        second_sql, second = self._sql(using, _SECOND)
        if first_sql != second_sql:
            raise ImproperlyConfigured("the query's SQL depends on more than its ids")
        return first_sql, first, _slots(first, second, self.arity)


class PreparedList(Generic[M]):
    """``list(build(*ids))`` (``fetch``), compiled once per database; see the module's docstring.

    The model instances come as the queryset makes them, with what it selects
    (``select_related``) and prefetches (``prefetch_related``, by its own queries).
    ``arity`` may be 0, for a query with no id at all.
    """

    def __init__(self, build: Callable[..., QuerySet[M]], *, arity: int = 0) -> None:
        _check_arity(arity, 0)
        self.build = build
        self.arity = arity
        self._compiled: dict[str, tuple[QuerySet[M], SQLCompiler, str, list[Any], Slots]] = {}

    def fetch(self, *ids: int, using: str) -> list[M]:
        compiled = self._compiled.get(using)
        if compiled is None:
            compiled = self._compiled[using] = self._compile(using)
        queryset, template_compiler, sql, template, slots = compiled
        params = _params(template, slots, ids, self.arity)
        compiler = copy.copy(template_compiler)
        compiler.connection = connections[using]  # this thread's connection
        compiler.as_sql = lambda *args, **kwargs: (sql, params)  # type: ignore[method-assign]
        run = queryset.using(using)
        run.query.get_compiler = lambda *args, **kwargs: compiler  # type: ignore[method-assign]
        return list(run)

    def _compile(self, using: str) -> tuple[QuerySet[M], SQLCompiler, str, list[Any], Slots]:
        queryset = self.build(*_FIRST[: self.arity])
        compiler = queryset.query.get_compiler(using=using)
        first_sql, first = compiler.as_sql()
        second_sql, second = (
            self.build(*_SECOND[: self.arity]).query.get_compiler(using=using).as_sql()
        )
        if first_sql != second_sql:
            raise ImproperlyConfigured("the query's SQL depends on more than its ids")
        first, second = list(first), list(second)
        return queryset, compiler, first_sql, first, _slots(first, second, self.arity)

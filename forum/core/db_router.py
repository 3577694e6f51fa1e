"""Reads from a replica, writes to the primary, and every member sees what they wrote.

Installed only when ``DATABASE_REPLICA_URLS`` names replicas (``settings.py``); without
them there is no router and no middleware, so nothing changes. With them:

- ``ReplicaMiddleware`` lets a GET or HEAD request read from one replica, chosen per
  request, unless the browser wrote something in the last
  ``MEDIUS_READ_YOUR_WRITES_SECONDS``: a successful POST (or any unsafe method) sets a
  signed cookie, and for that long the browser's requests read from the primary, so a
  member always finds their own reply after the redirect, on whichever machine.
- Everything else reads from the primary: unsafe requests, work outside a request
  (commands, ``db_worker``), reads inside a transaction, the rest of a request once it
  has written, and the tables whose staleness would break a login or a count: sessions,
  the database cache, allauth's email addresses and authenticators, user sessions, the
  task queue.

A replica is a PostgreSQL hot standby of ``DATABASE_URL``; ``migrate`` only ever runs on
the primary.
"""

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

# The replica this request may read from; None means the primary.
_replica: ContextVar[str | None] = ContextVar("medius_replica", default=None)

RECENT_WRITE_COOKIE = "medius_wrote"
_SALT = "medius.read-your-writes"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PRIMARY_ONLY_APPS = frozenset(
    {"sessions", "django_cache", "account", "mfa", "usersessions", "django_tasks_database"}
)


@contextmanager
def primary() -> Iterator[None]:
    """Read from the primary inside the block (a no-op without replicas)."""
    token = _replica.set(None)
    try:
        yield
    finally:
        _replica.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        alias = _replica.get()
        if (
            alias is None
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or connections["default"].in_atomic_block
        ):
            return "default"
        return alias

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        _replica.set(None)  # the rest of this request reads what it wrote
        return "default"

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"


def wrote_recently(request: HttpRequest) -> bool:
    value = request.get_signed_cookie(
        RECENT_WRITE_COOKIE,
        default=None,
        salt=_SALT,
        max_age=settings.MEDIUS_READ_YOUR_WRITES_SECONDS,
    )
    return value is not None


class ReplicaMiddleware:
    """Chooses where this request reads from, and marks a browser that just wrote."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.replicas: list[str] = list(settings.DATABASE_REPLICAS)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        safe = request.method in SAFE_METHODS
        alias = None
        if safe and self.replicas and not wrote_recently(request):
            alias = random.choice(self.replicas)  # noqa: S311 (load spreading, not secrets)
        token = _replica.set(alias)
        try:
            response = self.get_response(request)
        finally:
            _replica.reset(token)
        if not safe and response.status_code < 400:
            response.set_signed_cookie(
                RECENT_WRITE_COOKIE,
                "1",
                salt=_SALT,
                max_age=settings.MEDIUS_READ_YOUR_WRITES_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

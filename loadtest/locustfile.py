"""Simulated members against a running server on loopback, with a ledger of replies.

    make loadtest      (starts gunicorn on 127.0.0.1:8765 with a fresh SQLite database)
    make cluster-test  (through nginx, over TLS, to two gunicorn nodes: tests/cluster.py)

Each simulated member has a real session, reads the home page, question lists and
threads, replies (a real POST with the CSRF token from the page) and marks replies
helpful. Every reply the server acknowledges (a redirect to its permalink) goes in a
ledger; when the run stops, each must exist in the database (and, with
``DATABASE_REPLICA_URLS``, on every replica once it has caught up), and a missing one
(or any server error) makes Locust exit non-zero. Requests only ever go to the
``--host`` given, which must be http:// or https:// on loopback, and stop after
``--run-time``.

This file sits outside the ``forum`` package on purpose: importing Locust patches the
standard library for gevent, which nothing else (pytest importing every module, say)
should ever do by accident. It sets Django up itself, with the same environment as
the server, to make the sessions and read the ledger back.
"""

import itertools
import os
import random
import re
import time
from http.cookiejar import Cookie
from ipaddress import ip_address
from typing import Any
from urllib.parse import urlsplit

import django
from locust import FastHttpUser, constant, events, task
from locust.env import Environment

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")
django.setup()

from allauth.account.models import EmailAddress  # noqa: E402 (needs django.setup())
from django.conf import settings  # noqa: E402
from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
)
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402

from forum.accounts.models import User  # noqa: E402
from forum.discussions.models import Post, Thread  # noqa: E402

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REPLY_LINK = re.compile(r'href="(/r/\d+/reply/)"')
HELPFUL = re.compile(r'formaction="(/r/\d+/helpful/)"')
LABELS = ["home", "question list", "thread", "reply (POST)", "helpful (POST)"]

sessions: list[str] = []
threads: list[tuple[int, str]] = []
ledger: list[str] = []
member_numbers = itertools.count()


def session_for(i: int) -> str:
    """A signed-in session for load member ``i``, made directly in the database."""
    user, created = User.objects.get_or_create(
        username=f"load_member_{i}", defaults={"email": f"load{i}@example.invalid"}
    )
    if created:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    assert session.session_key is not None
    return session.session_key


def is_loopback(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return False
    if parts.hostname == "localhost":
        return True
    try:
        return ip_address(parts.hostname).is_loopback
    except ValueError:
        return False


@events.init.add_listener
def refuse_other_hosts(environment: Environment, **kwargs: Any) -> None:
    """Before any user starts: the target must be http:// on a loopback address."""
    if not is_loopback(environment.host or ""):
        raise SystemExit(f"The load test only targets loopback addresses, not {environment.host!r}")


@events.test_start.add_listener
def prepare(environment: Environment, **kwargs: Any) -> None:
    users = environment.parsed_options.num_users if environment.parsed_options else 30
    sessions[:] = [session_for(i) for i in range(users)]
    threads[:] = Thread.objects.public().questions().values_list("pk", "slug")[:200]


@events.test_stop.add_listener
def check_ledger(environment: Environment, **kwargs: Any) -> None:
    """Report as the README's "Load test" table does, and fail on a lost reply or a 5xx."""
    stats = environment.stats
    last = stats.total.last_request_timestamp or stats.total.start_time
    elapsed = max(last - stats.total.start_time, 1e-9)
    print(f"\n{len(sessions)} members for {elapsed:.0f} s: {stats.total.num_requests} requests, "
          f"{stats.total.num_requests / elapsed:.1f} requests/s\n")  # fmt: skip
    print("| request | count | p50 ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for label in LABELS:
        entry = stats.entries.get((label, "POST" if "POST" in label else "GET"))
        if entry is None or not entry.num_requests:
            continue
        p50 = entry.get_response_time_percentile(0.5)
        p95 = entry.get_response_time_percentile(0.95)
        print(f"| {label} | {entry.num_requests:,} | {p50:.0f} | {p95:.0f} |")
    errors = {f"{e.name}: {e.error}": e.occurrences for e in stats.errors.values()}
    missing = missing_replies("default")
    print(f"\nServer errors: {stats.total.num_failures}{f' {errors}' if errors else ''}\n"
          f"Replies acknowledged: {len(ledger)}; missing afterwards: {len(missing)}")  # fmt: skip
    for alias in settings.DATABASE_REPLICAS:
        started = time.monotonic()
        while (missing_on_replica := missing_replies(alias)) and time.monotonic() - started < 15:
            time.sleep(0.2)
        missing += missing_on_replica
        print(f"Missing on {alias} ({time.monotonic() - started:.1f} s after the run): "
              f"{len(missing_on_replica)}")  # fmt: skip
    if stats.total.num_failures or missing:
        print("FAILED: the load test found server errors or lost replies.")
        environment.process_exit_code = 1


def missing_replies(alias: str) -> list[str]:
    found = set(Post.objects.using(alias).filter(body__in=ledger).values_list("body", flat=True))
    return [text for text in ledger if text not in found]


class Member(FastHttpUser):
    """One member with a session: reads, and now and then replies or marks a reply helpful."""

    wait_time = constant(0)

    def on_start(self) -> None:
        key = sessions[next(member_numbers) % len(sessions)]
        host = urlsplit(self.host or "").hostname or ""
        self.client.cookiejar.set_cookie(_cookie(settings.SESSION_COOKIE_NAME, key, host))
        self.rng = random.Random(key)  # noqa: S311 (simulated behaviour, not secrets)

    def fetch(self, method: str, path: str, label: str, data: dict[str, str] | None = None) -> Any:
        """One request; only a 5xx or a broken connection counts as a failure (the posting
        rules refuse most of a newcomer's replies, and that is the site working)."""
        headers = {"Referer": f"{self.host}{path}"} if method == "POST" else {}
        with self.client.request(
            method,
            path,
            name=label,
            data=data,
            headers=headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code and response.status_code < 500:
                response.success()
            else:
                response.failure(f"status {response.status_code}")
            return response

    @task
    def visit(self) -> None:
        pk, slug = self.rng.choice(threads)
        page = self.rng.choice(["home", "question list", "thread", "thread", "thread"])
        path = {"home": "/", "question list": f"/questions/?page={self.rng.randint(1, 5)}",
                "thread": f"/questions/{pk}/{slug}/"}[page]  # fmt: skip
        response = self.fetch("GET", path, page)
        if page != "thread" or response.status_code != 200:
            return
        html = response.text or ""
        token = CSRF.search(html)
        roll = self.rng.random()
        if roll < 0.3 and token and (links := REPLY_LINK.findall(html)):
            text = f"Load test reply {id(self):x} {time.time_ns()}"
            data = {"csrfmiddlewaretoken": token.group(1), "body": text}
            reply = self.fetch("POST", self.rng.choice(links), "reply (POST)", data)
            if reply.status_code == 302 and "/r/" in (reply.headers.get("Location") or ""):
                ledger.append(text)
        elif roll < 0.5 and token and (buttons := HELPFUL.findall(html)):
            data = {"csrfmiddlewaretoken": token.group(1)}
            self.fetch("POST", self.rng.choice(buttons), "helpful (POST)", data)


def _cookie(name: str, value: str, host: str) -> Cookie:
    return Cookie(
        0, name, value, None, False, host, False, False, "/", True, False, None, False,
        None, None, {},
    )  # fmt: skip

"""Simulated members against a running server on loopback, with a ledger of replies.

    make loadtest      (starts gunicorn on 127.0.0.1 with a fresh SQLite database)

Each simulated member has a real session, reads the home page, question lists and
threads, replies (a real POST with the CSRF token from the page) and marks replies
helpful. Every reply the server acknowledges (a redirect to its permalink) goes in
a ledger; afterwards each must exist in the database. Requests stop after
``--seconds`` and only ever go to the ``--url`` given, which must be on loopback.
"""

import http.cookiejar
import random
import re
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from ipaddress import ip_address

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError

from forum.discussions.models import Post, Thread

User = get_user_model()
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REPLY_LINK = re.compile(r'href="(/r/\d+/reply/)"')
HELPFUL = re.compile(r'formaction="(/r/\d+/helpful/)"')
THREAD_LINK = re.compile(r'href="(/questions/\d+/[^"/]+/)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Member:
    def __init__(self, base, session_key):
        self.base = base
        jar = http.cookiejar.CookieJar()
        host = urllib.parse.urlsplit(base).hostname
        jar.set_cookie(_cookie(settings.SESSION_COOKIE_NAME, session_key, host))
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar), NoRedirect()
        )
        self.jar = jar

    def request(self, method, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        # The URL is checked to be http on loopback before any request is made.
        request = urllib.request.Request(self.base + path, data=body, method=method)  # noqa: S310
        if method == "POST":
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(errors="replace"), exc.headers


def _cookie(name, value, host):
    return http.cookiejar.Cookie(
        0, name, value, None, False, host, False, False, "/", True, False, None, False,
        None, None, {},
    )  # fmt: skip


class Command(BaseCommand):
    help = "Run a bounded load test against a server on 127.0.0.1 and check the ledger."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8765")
        parser.add_argument("--members", type=int, default=30)
        parser.add_argument("--seconds", type=int, default=60)

    def handle(self, *args, url, members, seconds, **options):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme != "http" or not ip_address(parts.hostname).is_loopback:
            raise CommandError("The load test only targets http:// on loopback addresses.")
        sessions = [self.session_for(i) for i in range(members)]
        threads = list(Thread.objects.public().questions().values_list("pk", "slug")[:200])
        stats = defaultdict(list)
        errors = defaultdict(int)
        ledger, lock = [], threading.Lock()
        deadline = time.monotonic() + seconds

        def run(key, seed):
            rng = random.Random(seed)  # noqa: S311 (simulated behaviour, not secrets)
            member = Member(url, key)
            while time.monotonic() < deadline:
                pk, slug = rng.choice(threads)
                page = rng.choice(["home", "list", "thread", "thread", "thread"])
                path = {"home": "/", "list": f"/questions/?page={rng.randint(1, 5)}",
                        "thread": f"/questions/{pk}/{slug}/"}[page]  # fmt: skip
                status, html = self.timed(member, "GET", path, page, stats, errors)
                if page != "thread" or status != 200:
                    continue
                token = CSRF.search(html)
                roll = rng.random()
                if roll < 0.3 and token:
                    links = REPLY_LINK.findall(html)
                    target = rng.choice(links) if links else None
                    if target:
                        text = f"Load test reply {key[:6]} {time.time_ns()}"
                        data = {"csrfmiddlewaretoken": token.group(1), "body": text}
                        status, _, headers = self.timed_raw(
                            member, "POST", target, "reply", stats, errors, data
                        )
                        if status == 302 and "/r/" in headers.get("Location", ""):
                            with lock:
                                ledger.append(text)
                elif roll < 0.5 and token:
                    buttons = HELPFUL.findall(html)
                    if buttons:
                        data = {"csrfmiddlewaretoken": token.group(1)}
                        self.timed_raw(
                            member, "POST", rng.choice(buttons), "helpful", stats, errors, data
                        )

        started = time.monotonic()
        workers = [threading.Thread(target=run, args=(key, i)) for i, key in enumerate(sessions)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        elapsed = time.monotonic() - started
        self.report(stats, errors, ledger, elapsed, members)

    def session_for(self, i) -> str:
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
        return session.session_key

    def timed(self, member, method, path, label, stats, errors, data=None):
        status, html, _ = self.timed_raw(member, method, path, label, stats, errors, data)
        return status, html

    def timed_raw(self, member, method, path, label, stats, errors, data=None):
        started = time.perf_counter()
        try:
            status, html, headers = member.request(method, path, data)
        except OSError:
            errors[f"{label}: connection"] += 1
            return 0, "", {}
        stats[label].append((time.perf_counter() - started) * 1000)
        if status >= 500:
            errors[f"{label}: {status}"] += 1
        return status, html, headers

    def report(self, stats, errors, ledger, elapsed, members):
        total = sum(len(v) for v in stats.values())
        self.stdout.write(
            f"\n{members} members for {elapsed:.0f} s: {total} requests, "
            f"{total / elapsed:.1f} requests/s\n"
        )
        self.stdout.write("| request | count | p50 ms | p95 ms |")
        self.stdout.write("|---|---:|---:|---:|")
        for label, timings in sorted(stats.items()):
            ordered = sorted(timings)
            p95 = ordered[min(int(0.95 * len(ordered)), len(ordered) - 1)]
            self.stdout.write(
                f"| {label} | {len(ordered)} | {statistics.median(ordered):.1f} | {p95:.1f} |"
            )
        server_errors = sum(errors.values())
        found = set(Post.objects.filter(body__in=ledger).values_list("body", flat=True))
        lost = [text for text in ledger if text not in found]
        self.stdout.write(
            f"\nServer errors: {server_errors} {dict(errors) if errors else ''}\n"
            f"Replies acknowledged: {len(ledger)}; missing afterwards: {len(lost)}"
        )
        if server_errors or lost:
            raise CommandError("The load test found server errors or lost replies.")

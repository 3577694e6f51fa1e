"""Every URL of the site, with hostile query values for every parameter a view reads.

Issue 11: ``?page=²`` (a digit to ``str.isdigit``, not to ``int``) on any page with a
canonical URL, ``?from=²`` on threads, ``/search/?page=²`` and ``/search/?to=9999-12-31``
were 500s. Every parameter parse must be total: bad input gives the page, a 400 or a
404, never a 5xx. The URL patterns are read from the URLconf itself, so a new page is
walked without anyone adding it here; path parameters come from a small world of real
objects. Each value is sent for every name at once, and again as a list (``?page=1&page=²``)
without ``condition`` (a 404 for a bad condition would hide what the others do).
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from forum.discussions import services
from forum.notifications.models import Kind, Notification
from tests.factories import ConditionFactory, UserFactory, make_article, make_question

pytestmark = pytest.mark.django_db

HOSTILE = [
    "²",
    "٣",
    "-1",
    "0",
    str(10**30),
    "1e3",
    " 1",
    "1_000",
    "\x00",
    "\u202e",
    "x" * 2000,
    "9999-12-31",
    "0000-00-00",
    "%",
    "<script>alert(1)</script>",
]
# What the views read (request.GET in forum/, allauth's next and email, the sitemap's p,
# the admin's o, q, e and p).
NAMES = [
    "page", "p", "from", "to", "view", "sort", "show", "condition", "q", "kind", "answered",
    "title", "next", "fragment", "email", "o", "e",
]  # fmt: skip


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


ROUTES = sorted(set(_walk(get_resolver().url_patterns)))


class World:
    def __init__(self):
        self.condition = ConditionFactory(name="Hip pain", slug="hip-pain")
        self.member = UserFactory(username="alice")
        other = UserFactory(username="bob")
        editor = UserFactory(username="editor")
        editor.groups.add(Group.objects.get(name="Editors"))
        self.moderator = UserFactory(username="mod", is_staff=True)
        self.moderator.groups.add(Group.objects.get(name="Moderators"))
        self.question = make_question(author=self.member, conditions=[self.condition])
        self.reply = services.post_reply(
            parent=self.question.opening_post, author=other, body="A cushion helped."
        )
        self.article = make_article(author=editor, conditions=[self.condition])
        self.notification = Notification.objects.create(
            recipient=self.member, kind=Kind.REPLY_TO_QUESTION, actor=other,
            thread=self.question, post=self.reply, created_at=timezone.now(),
        )  # fmt: skip

    def value(self, route: str, name: str) -> str:
        if name == "pk":
            if route.startswith("r/"):
                return str(self.reply.pk)
            if route.startswith("articles/"):
                return str(self.article.pk)
            if route.startswith("notifications/"):
                return str(self.notification.pk)
            return str(self.question.pk)
        if name == "slug":
            if route.startswith("conditions/"):
                return self.condition.slug
            return self.article.slug if route.startswith("articles/") else self.question.slug
        if name == "key" and route.startswith("^img/"):
            return "0" * 32  # an image key's shape; no such image
        if name == "ext":
            return "webp"
        return {
            "section": "threads", "username": "alice", "uidb36": "1", "key": "set-by-test",
            "app_label": "discussions", "content_type_id": "1", "object_id": "1",
        }.get(name, "x")  # fmt: skip

    def url(self, route: str) -> str:
        if route.startswith("^") or "(?P<" in route:  # the admin's and allauth's regexes
            path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: self.value(route, m.group(1)), route)
            path = path.replace("^", "").replace("$", "").replace("\\", "")
        else:
            path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: self.value(route, m.group(1)), route)
        path = "/" + path
        resolve(path)  # every route must be reachable, or it is not walked
        return path


@pytest.mark.parametrize("route", ROUTES)
def test_hostile_query_values_never_cause_a_server_error(route):
    world = World()
    url = world.url(route)
    anonymous, member = Client(), Client()
    member.force_login(world.member)
    clients = {"anonymous": anonymous, "member": member}
    if route.startswith("admin/"):
        moderator = Client()
        moderator.force_login(world.moderator)
        clients["moderator"] = moderator
    failures = []
    for value in HOSTILE:
        together = {name: value for name in NAMES}
        as_lists = {name: ["1", value] for name in NAMES if name != "condition"}
        for who, client in clients.items():
            for query in (together, as_lists):
                response = client.get(url, query)
                if response.status_code >= 500:
                    failures.append((who, value[:20], sorted(query)[0], response.status_code))
    assert not failures, failures

"""Every hostile string, shown wherever members' (and admins') text is shown, in Chromium.

tests/discussions/test_hostile_input.py sends the strings through the real forms and
reads the HTML; here the only question is whether any of them runs as script when a
browser shows it. So the data is written in bulk with the ORM (and ``notify``), and each
page is loaded once, as a moderator who sees held posts too, by the detector in
``xss_harness``: trapped dialogs, Content-Security-Policy violations (the site's policy
blocks inline script, so an injected handler would show as a blocked attempt rather
than a call) and a walk of the whole DOM for ``on*`` attributes and script URLs. The
last tests prove the detector on pages that do run script.

Where a place shows one text per page (a bio, a search box, a condition's description),
several strings are joined into one text, so about 200 pages show all 2,159 strings in
every place. Joining cannot hide a failure: a string that escaped its context would
show up however its neighbours looked. Bios and condition descriptions are longer than
their forms allow for the same reason; the templates treat text alike at any length.
"""

import json
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify

from forum.conditions.models import Condition, Synonym
from forum.demo.bulk import IdAllocator
from forum.discussions import services
from forum.discussions.models import PUBLIC_STATUSES, Post, Status, Thread, encode_path_step
from forum.moderation.models import Report
from forum.notifications.models import Kind, Notification
from forum.notifications.services import notify
from tests.e2e import xss_harness
from tests.factories import ConditionFactory, UserFactory

_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "xss" / "payloads.json"
if not _CORPUS.exists():
    _CORPUS = Path("/work/shared/xss/payloads.json")
PAYLOADS: list[str] = json.loads(_CORPUS.read_text(encoding="utf-8"))

HOSTS = 11  # question threads sharing the replies: about 200 replies a page
HELD = 200  # replies held for review, so the review queue fits on one admin page
ADMIN_PAGE = 200  # the admin's list_max_show_all: ?all= shows up to this many rows
SEARCH_WORDS = ["alert", "script", "onerror", "javascript", "img", "svg", "iframe", "xss"]
User = get_user_model()


def _url_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


SEARCH = _url_or_none("search:results")
SIMILAR = _url_or_none("search:similar")


def pack(strings, limit: int, sep: str = "\n") -> list[str]:
    """Join the strings into as few texts of at most ``limit`` characters as first-fit allows.

    A string longer than ``limit`` is cut to it, as the shorter fields would refuse it.
    """
    bins: list[list] = []
    for text in sorted((s[:limit] for s in strings), key=len, reverse=True):
        for bin_ in bins:
            if bin_[0] + len(sep) + len(text) <= limit:
                bin_[0] += len(sep) + len(text)
                bin_[1].append(text)
                break
        else:
            bins.append([len(text), [text]])
    return [sep.join(texts) for _, texts in bins]


def title_of(text: str) -> str:
    """Titles take 10 to 150 characters."""
    return text[:150] if len(text) >= 10 else f"{text} padding!"


def chunks(items: list, n: int) -> list[list]:
    return [items[i * len(items) // n : (i + 1) * len(items) // n] for i in range(n)]


def id_ranges(objects, size=ADMIN_PAGE):
    """Admin change-list query strings that show ``objects`` (in id order), ``size`` a page."""
    pks = sorted(o.pk for o in objects)
    return [
        (f"id__gte={part[0]}&id__lte={part[-1]}&all=", len(part))
        for part in (pks[i : i + size] for i in range(0, len(pks), size))
    ]


def _reset_sequences():
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Post, Thread]):
            cursor.execute(sql)


class World:
    """Members, questions, replies, an article, notifications and reports, all hostile."""

    def __init__(self, viewer, benign_condition):
        self.viewer = viewer
        self.benign = benign_condition
        self.html_cache: dict[str, str] = {}

    def html(self, body: str) -> str:
        if body not in self.html_cache:
            self.html_cache[body] = services.render_body(body)
        return self.html_cache[body]

    @transaction.atomic
    def build(self):
        now = timezone.now()
        n = len(PAYLOADS)
        bios = pack(PAYLOADS, 15_000)
        self.members = User.objects.bulk_create(
            User(
                username=f"hostile{i}",
                email=f"hostile{i}@example.com",
                display_name=payload[:50],
                bio=bios[i] if i < len(bios) else "",
                password="!",
                date_joined=now,
            )
            for i, payload in enumerate(PAYLOADS)
        )
        self.bio_members = self.members[: len(bios)]
        thread_ids, post_ids = IdAllocator(Thread), IdAllocator(Post)
        threads, posts = [], []

        def thread(kind, author, title, body, created, summary=""):
            t = Thread(
                pk=thread_ids.take(), kind=kind, author_id=author.pk, title=title,
                slug=slugify(title)[:160] or "thread", status=Status.VISIBLE, summary=summary,
                created_at=created, published_at=created, last_activity_at=created,
            )  # fmt: skip
            t.opening = post(t, None, author, body, created)
            threads.append(t)
            return t

        def post(t, parent, author, body, created, status=Status.VISIBLE, reason=""):
            pk = post_ids.take()
            p = Post(
                pk=pk, thread_id=t.pk, parent_id=parent.pk if parent else None,
                author_id=author.pk, body=body, html=self.html(body), status=status,
                moderation_reason=reason, depth=parent.depth + 1 if parent else 0,
                path=(parent.path if parent else "") + encode_path_step(pk), created_at=created,
            )  # fmt: skip
            posts.append(p)
            if parent is not None:
                parent.child_count += status in PUBLIC_STATUSES
                t.reply_count += status == Status.VISIBLE
            return p

        # Questions: every string in a title (joined up to 150 characters); the first
        # HOSTS of them carry all the strings in their bodies and, one per reply, below.
        titles = pack(PAYLOADS, 150, " ")
        start = now - timedelta(hours=len(titles) + 10)
        bodies = ["\n\n".join(part) for part in chunks(PAYLOADS, HOSTS)]
        self.questions = []
        for k, title in enumerate(titles):
            body = bodies[k] if k < HOSTS else title
            created = start + timedelta(hours=k)
            self.questions.append(
                thread(Thread.Kind.QUESTION, self.members[k % n], title_of(title), body, created)
            )
        self.hosts = self.questions[:HOSTS]
        self.replies = []
        indices = chunks(list(range(n)), HOSTS)
        for host, part in zip(self.hosts, indices, strict=True):
            for i in part:
                held = i < HELD
                self.replies.append(
                    post(
                        host, host.opening, self.members[i], PAYLOADS[i],
                        host.created_at + timedelta(seconds=i + 1),
                        status=Status.HELD if held else Status.VISIBLE,
                        reason=PAYLOADS[i][:500] if held else "",
                    )
                )  # fmt: skip
        self.held = self.replies[:HELD]

        # An article whose comments are every string, each odd one answering the one before.
        summaries = pack(PAYLOADS, 300)
        self.article = thread(
            Thread.Kind.ARTICLE, self.members[1], title_of(PAYLOADS[7]), bodies[0],
            now - timedelta(hours=5), summary=summaries[0],
        )  # fmt: skip
        previous = None
        for i, payload in enumerate(PAYLOADS):
            parent = previous if i % 2 else self.article.opening
            created = self.article.created_at + timedelta(seconds=i + 1)
            previous = post(self.article, parent, self.members[i], payload, created)

        openings = {t.pk: t.opening for t in threads}
        Thread.objects.bulk_create(threads, batch_size=500)
        Post.objects.bulk_create(posts, batch_size=500)
        for t in threads:
            t.opening_post_id = openings[t.pk].pk
        Thread.objects.bulk_update(threads, ["opening_post"], batch_size=500)
        through = Thread.conditions.through
        through.objects.bulk_create(
            through(thread_id=t.pk, condition_id=self.benign.pk) for t in threads
        )
        _reset_sequences()

        # Reports whose details are the strings, spread over the held replies.
        self.reports = Report.objects.bulk_create(
            Report(
                post=self.held[i % HELD],
                reporter=None,
                reason=Report.Reason.OTHER,
                details=payload[:1000],
                snapshot=self.held[i % HELD].body,
                counts_toward_hiding=False,
            )
            for i, payload in enumerate(PAYLOADS)
        )
        # Notifications for the viewer, through the service: their sentences are written
        # from the actor's display name and the thread's title, so one per question (whose
        # titles hold every string) from each hostile member covers them all.
        self.notifications = [
            notify(
                recipient=self.viewer,
                kind=Kind.FOLLOWED_THREAD,
                actor=self.members[j % n],
                thread=question,
            )
            for j, question in enumerate(self.questions)
        ]

    @transaction.atomic
    def build_conditions(self):
        """Conditions named and described by the strings, as an admin would set them.

        Made last: every list page offers all conditions as a filter, and 2,000 more
        options on each of them would only slow the earlier pages down.
        """
        names, seen = [], set()
        for i, payload in enumerate(PAYLOADS):
            name = payload[:80].strip() or f"blank {i}"
            if name in seen:
                name = f"{name[:70]} #{i}"
            seen.add(name)
            names.append(name)
        descriptions = ["\n\n".join(part) for part in chunks(PAYLOADS, HOSTS)]
        self.groups = Condition.objects.bulk_create(
            Condition(name=names[k], slug=f"hostile-{k}", description=descriptions[k])
            for k in range(HOSTS)
        )
        self.conditions = self.groups + Condition.objects.bulk_create(
            Condition(
                name=names[i],
                slug=f"hostile-{i}",
                description=PAYLOADS[i][:800],
                parent=self.groups[i % HOSTS],
            )
            for i in range(HOSTS, len(PAYLOADS))
        )
        synonyms, taken = [], {name.lower() for name in names}
        for i, condition in enumerate(self.conditions):
            name = PAYLOADS[(i + len(PAYLOADS) // 2) % len(PAYLOADS)][:80].strip()
            if name and name.lower() not in taken:
                taken.add(name.lower())
                synonyms.append(Synonym(condition=condition, name=name))
        Synonym.objects.bulk_create(synonyms)
        through = Thread.conditions.through
        through.objects.bulk_create(
            through(thread_id=thread.pk, condition_id=self.groups[k % HOSTS].pk)
            for k, thread in enumerate([*self.hosts, self.article])
        )


def log_in(context, client, user, base_url):
    """Put a force_login session into the browser: the admin's login is covered elsewhere."""
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    context.add_cookies([{"name": name, "value": client.cookies[name].value, "url": base_url}])


def admin_changelist(model_label: str, query: str) -> str:
    return f"{reverse(f'admin:{model_label}_changelist')}?{query}"


def search_url(q: str) -> str:
    return f"{SEARCH}?{urlencode({'q': q})}"


def public_visits(world):
    """Pages that list every condition as a filter, so they are loaded before there are 2,000."""
    questions = len(world.questions)
    visits = {
        "question lists": [
            (f"{reverse('discussions:questions')}?page={page}", ".thread-item")
            for page in range(1, (questions + 19) // 20 + 1)
        ],
        "home and article list": [
            (reverse("home"), ".thread-item"),
            (reverse("discussions:articles"), ".thread-item"),
        ],
        "admin thread list": [
            (admin_changelist("discussions_thread", query), "#result_list tbody tr")
            for query, _ in id_ranges([*world.questions, world.article])
        ],
    }
    if SEARCH:
        visits["search box echo"] = [
            (search_url(q), "input[name=q]") for q in pack(PAYLOADS, 3000, " ")
        ]
        visits["search results"] = [
            (search_url(word), ".search-results .thread-item") for word in SEARCH_WORDS
        ]
        visits["similar questions"] = [
            (f"{SIMILAR}?{urlencode({'title': word})}", "a") for word in SEARCH_WORDS[:3]
        ]
    return visits


def visits_after_conditions(world):
    notifications = len(world.notifications)
    visits = {
        "question threads": [
            (f"{host.get_absolute_url()}?view=all", "li.reply") for host in world.hosts
        ],
        "article comments": [(f"{world.article.get_absolute_url()}?view=all", "li.reply")],
        "profiles": [(member.get_absolute_url(), ".bio") for member in world.bio_members],
        "notifications": [
            (f"{reverse('notifications:list')}?page={page}", ".notification-list li")
            for page in range(1, (notifications + 29) // 30 + 1)
        ],
        "admin post list": [
            (admin_changelist("discussions_post", query), "#result_list tbody tr")
            for query, _ in id_ranges(world.replies)
        ],
        "admin user list": [
            (admin_changelist("accounts_user", query), "#result_list tbody tr")
            for query, _ in id_ranges(world.members)
        ],
        "admin review queue": [
            (admin_changelist("moderation_queuedpost", "all="), "#result_list tbody tr")
        ],
        "admin report list": [
            (admin_changelist("moderation_report", query), "#result_list tbody tr")
            for query, _ in id_ranges(world.reports)
        ],
        "admin condition list": [
            (admin_changelist("conditions_condition", query), "#result_list tbody tr")
            for query, _ in id_ranges(world.conditions)
        ],
        "admin search echo": [
            (admin_changelist("accounts_user", urlencode({"q": q})), "#searchbar")
            for q in pack(PAYLOADS, 200, " ")[:5]
        ],
        "condition pages": [
            (reverse("discussions:conditions"), ".condition-index > li"),
            *((g.get_absolute_url(), "section[aria-labelledby=sub-h] li") for g in world.groups),
        ],
        "condition filters": [
            (reverse("discussions:questions"), "select option, .tag"),
            (reverse("discussions:ask"), "input[name=conditions]"),
            (reverse("home"), ".thread-item"),
            (admin_changelist("discussions_thread", "all="), "#changelist-filter a"),
        ],
    }
    if SEARCH:
        visits["condition filters"].append((search_url(world.conditions[0].name), "option"))
    return visits


def expected_counts(world):
    """The rows each place must show, so an empty page cannot pass for a safe one."""
    return {
        "question lists": len(world.questions),
        "admin thread list": len(world.questions) + 1,
        "question threads": len(world.replies),
        "article comments": len(PAYLOADS),
        "profiles": len(world.bio_members),
        "notifications": len(world.notifications),
        "admin post list": len(world.replies),
        "admin user list": len(world.members),
        "admin review queue": HELD,
        "admin report list": len(world.reports),
        "admin condition list": len(world.conditions),
    }


def test_no_hostile_string_runs_script_anywhere_it_is_shown(browser, live_server, client):
    viewer = UserFactory(username="boss", is_staff=True, is_superuser=True)
    world = World(viewer, ConditionFactory(name="Gluteus medius tendinopathy", slug="gmed"))
    world.build()
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(30_000)
    xss_harness.arm(context)
    log_in(context, client, viewer, live_server.url)
    try:
        results = {
            place: xss_harness.visit_all(context, visits)
            for place, visits in public_visits(world).items()
        }
        world.build_conditions()
        results |= {
            place: xss_harness.visit_all(context, visits)
            for place, visits in visits_after_conditions(world).items()
        }
    finally:
        context.close()

    every = [f for found in results.values() for f in found]
    assert [str(f) for f in every if f.status != 200] == []
    assert [f.url for f in every if not f.count] == [], "pages that showed none of their rows"
    shown = {place: sum(f.count for f in found) for place, found in results.items()}
    wanted = expected_counts(world)
    assert {p: shown[p] for p in wanted} == wanted
    assert shown["condition pages"] >= len(world.conditions) * 2 - len(world.groups)
    assert Notification.objects.filter(recipient=viewer).count() == len(world.notifications)
    dirty = {
        place: xss_harness.summary(found)
        for place, found in results.items()
        if not all(f.clean for f in found)
    }
    assert dirty == {}


UNSANITISED = """<!doctype html><html><head><title>Unsanitised</title></head><body>
<div class="post-body"><img src="x" onerror="alert(1)"><script>alert(2)</script>
<a href="javascript:alert(3)">a link</a></div></body></html>"""


@pytest.mark.parametrize("with_site_policy", [False, True], ids=["no-csp", "site-csp"])
def test_the_harness_catches_script_on_an_unsanitised_page(browser, live_server, with_site_policy):
    """The detector above is only trusted because it finds these, on the same origin."""
    context = browser.new_context(base_url=live_server.url)
    xss_harness.arm(context)
    url = f"{live_server.url}/__unsanitised__/"
    headers = {"Content-Type": "text/html; charset=utf-8"}
    if with_site_policy:
        # The site's own policy: the inline script is blocked, and the attempt reported.
        headers["Content-Security-Policy"] = "default-src 'self'; script-src 'self'"
    context.route(url, lambda route: route.fulfill(status=200, headers=headers, body=UNSANITISED))
    try:
        (found,) = xss_harness.visit_all(context, [(url, ".post-body")], tabs=1)
    finally:
        context.close()

    assert not found.clean
    assert found.count == 1
    if with_site_policy:
        assert found.calls == []
        assert len(found.executed) >= 2  # the onerror handler and the inline script
    else:
        assert sorted(found.calls) == ["alert(1)", "alert(2)"]
    assert any("event handler onerror" in problem for problem in found.dom)
    assert any("script not from /static/" in problem for problem in found.dom)
    assert any("script URL in href" in problem for problem in found.dom)


def test_the_harness_catches_a_post_that_skipped_the_sanitiser_on_a_real_thread_page(
    browser, live_server
):
    """The same on the site itself: its pages, its policy, one post stored unsanitised."""
    author = UserFactory(username="author")
    question = services.ask_question(
        author=author,
        title="A question with one unsafe reply",
        body="Nothing to see here.",
        conditions=[ConditionFactory(name="Gluteus medius tendinopathy", slug="gmed")],
        screen=False,
    )
    reply = services.post_reply(parent=question.opening_post, author=author, body="x", screen=False)
    Post.objects.filter(pk=reply.pk).update(html=UNSANITISED.split("<body>")[1])
    context = browser.new_context(base_url=live_server.url)
    xss_harness.arm(context)
    try:
        (found,) = xss_harness.visit_all(context, [(question.get_absolute_url(), "li.reply")])
    finally:
        context.close()

    assert found.status == 200
    assert found.count == 1
    assert found.calls == []  # the site's Content-Security-Policy blocked them...
    assert any("script-src" in attempt for attempt in found.executed)  # ...and said so
    assert any("event handler onerror" in problem for problem in found.dom)
    assert any(f"#r-{reply.pk}" in problem for problem in found.dom)

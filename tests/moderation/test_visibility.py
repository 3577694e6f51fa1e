"""Who sees a post in each moderation status, on every page that shows posts.

One walk through the whole matrix: a question or a reply in each status (visible,
held, hidden, deleted), seen by each viewer (anonymous, another member, its author,
a moderator), on the thread page, the question list, the home page, the condition
page and its Atom feed, the author's profile, and the reply counts the lists show.

The rules:

- visible: everyone sees it everywhere.
- held and hidden: only the author and moderators see it, on the thread page and the
  author's profile, with the reason; the public lists and the feed never show it, and a
  held or hidden reply is not in its thread's reply count.
- deleted: a reply leaves "[deleted]" in its place for everyone and its text shows
  nowhere; a deleted question is gone for everyone but moderators.

(Search, the sitemap and notifications have their own issues.)
"""

import re
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from forum.discussions import services as discussions
from forum.discussions.models import Status
from forum.moderation import services as moderation
from tests.factories import ConditionFactory, UserFactory

pytestmark = pytest.mark.django_db

STATUSES = [Status.VISIBLE, Status.HELD, Status.HIDDEN, Status.DELETED]
VIEWERS = ["anonymous", "other", "author", "moderator"]
HELD_REASON = "A moderator checks the first posts of new members before others see them."
HIDDEN_REASON = "Promotes a paid product; see the community guidelines."
TITLE = "Deep buttock ache after long drives in the car"
QUESTION_BODY = "QUESTION-TEXT: it aches deep in the buttock after an hour of driving."
REPLY_BODY = "REPLY-TEXT: a wedge cushion and a stop every 45 minutes helped me."


@dataclass
class World:
    thread: object
    post: object
    condition: object
    clients: dict


def _put_in_status(post, status, moderator):
    if status == Status.HELD:
        discussions.set_post_status(post=post, status=Status.HELD, reason=HELD_REASON)
    elif status == Status.HIDDEN:
        moderation.hide_post(post=post, moderator=moderator, reason=HIDDEN_REASON)
    elif status == Status.DELETED:
        discussions.delete_post(post=post, actor=post.author)


def _build(kind, status) -> World:
    condition = ConditionFactory(name="Deep gluteal syndrome", slug="deep-gluteal-syndrome")
    author = UserFactory(username="alice")
    other = UserFactory(username="bob")
    asker = UserFactory(username="carol")
    moderator = UserFactory(username="mod", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    thread = discussions.ask_question(
        author=author if kind == "question" else asker,
        title=TITLE,
        body=QUESTION_BODY,
        conditions=[condition],
    )
    post = thread.opening_post
    if kind == "reply":
        post = discussions.post_reply(parent=thread.opening_post, author=author, body=REPLY_BODY)
    _put_in_status(post, status, moderator)
    thread.refresh_from_db()
    clients = {"anonymous": Client()}
    for name, user in [("other", other), ("author", author), ("moderator", moderator)]:
        clients[name] = Client()
        clients[name].force_login(user)
    return World(thread=thread, post=post, condition=condition, clients=clients)


def _thread_items(html: str) -> list[str]:
    """The list items that show this test's question in a thread list."""
    items = re.findall(r'<li class="thread-item">.*?</li>', html, flags=re.S)
    return [item for item in items if TITLE in item]


def _reply_counts(html: str) -> set[str]:
    return {re.search(r"(\d+) repl(?:y|ies)", item).group(1) for item in _thread_items(html)}


def _reply_item(html: str, post) -> str:
    match = re.search(rf'<li id="r-{post.pk}" class="reply">.*?</article>', html, flags=re.S)
    return match.group(0) if match else ""


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("kind", ["question", "reply"])
def test_who_sees_a_post_in_each_status_on_every_page(kind, status, viewer):
    world = _build(kind, status)
    client = world.clients[viewer]
    privileged = viewer in {"author", "moderator"}
    thread_url = world.thread.get_absolute_url()
    pages = {
        "questions": client.get(reverse("discussions:questions")),
        "home": client.get(reverse("home")),
        "condition": client.get(world.condition.get_absolute_url()),
        "feed": client.get(reverse("discussions:condition_feed", args=[world.condition.slug])),
        "profile": client.get(reverse("discussions:profile", args=["alice"])),
    }
    assert {name: r.status_code for name, r in pages.items()} == dict.fromkeys(pages, 200)
    html = {name: r.content.decode() for name, r in pages.items()}
    thread_page = client.get(thread_url)

    if kind == "question":
        sees = (
            status == Status.VISIBLE
            or (status in {Status.HELD, Status.HIDDEN} and privileged)
            or (status == Status.DELETED and viewer == "moderator")
        )
        # The thread page and the author's profile follow the rules above.
        assert thread_page.status_code == (200 if sees else 404)
        if sees:
            page = thread_page.content.decode()
            assert QUESTION_BODY in page
            if status == Status.HELD:
                assert "Awaiting review" in page
                assert HELD_REASON in page
            if status == Status.HIDDEN:
                assert f"Hidden by a moderator: {HIDDEN_REASON}" in page
        assert (TITLE in html["profile"]) == sees
        # Lists and the feed are public: only a visible question is in them, for anyone.
        public = status == Status.VISIBLE
        for name in ["questions", "home", "condition", "feed"]:
            assert (TITLE in html[name]) == public, name
            assert (QUESTION_BODY in html[name]) == (public and name == "feed"), name
        return

    # A reply: its question is visible to everyone.
    assert thread_page.status_code == 200
    page = thread_page.content.decode()
    item = _reply_item(page, world.post)
    sees = status == Status.VISIBLE or (status in {Status.HELD, Status.HIDDEN} and privileged)
    assert (REPLY_BODY in page) == sees
    assert bool(item) == (sees or status == Status.DELETED)
    if status == Status.DELETED:
        assert '<p class="deleted">[deleted]</p>' in item
        assert "[deleted]" in item.split("</header>")[0]  # no author name either
    if sees and status == Status.HELD:
        assert "Awaiting review" in item
        assert HELD_REASON in item
    if sees and status == Status.HIDDEN:
        assert "Hidden by a moderator" in item
        assert HIDDEN_REASON in item
    if not sees:
        assert HELD_REASON not in page
        assert HIDDEN_REASON not in page
    # The profile lists the reply for those who may see it; never once deleted.
    assert (REPLY_BODY in html["profile"]) == sees
    # The reply's text is never in the lists or the feed.
    for name in ["questions", "home", "condition", "feed"]:
        assert REPLY_BODY not in html[name], name
        assert TITLE in html[name], name
    # Only a visible reply counts, whoever looks.
    count = "1" if status == Status.VISIBLE else "0"
    for name in ["questions", "home", "condition"]:
        assert _reply_counts(html[name]) == {count}, name
    heading = re.search(r'<h2 id="replies-h">(\d+) repl', page).group(1)
    assert heading == count

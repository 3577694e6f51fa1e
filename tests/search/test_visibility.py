"""Nobody finds what they may not see: held, hidden, deleted and draft content.

Members see their own held and hidden posts, moderators see everything (deleted text
included), and a draft article only ever shows to its author.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from forum.discussions import services
from forum.discussions.models import Post, Status, Thread
from tests.factories import make_article

from .conftest import ask, found_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_things(member, editor, condition):
    """One post per state, each with its own word; ``member`` wrote all but the draft."""
    question = ask(author=member, conditions=[condition], title="Hip pain on hills")
    posts = {}
    for word, status in [("zebra", Status.HELD), ("yak", Status.HIDDEN)]:
        post = services.post_reply(parent=question.opening_post, author=member, body=word)
        Post.objects.filter(pk=post.pk).update(status=status)
        posts[word] = post.pk
    walrus = services.post_reply(parent=question.opening_post, author=member, body="walrus")
    services.delete_post(post=walrus, actor=member)
    posts["walrus"] = walrus.pk
    draft = make_article(author=editor, conditions=[condition], title="Vole draft", publish=False)
    posts["vole"] = draft.opening_post_id
    held = ask(author=member, conditions=[condition], title="Tapir question")
    Thread.objects.filter(pk=held.pk).update(status=Status.HELD)
    Post.objects.filter(pk=held.opening_post_id).update(status=Status.HELD)
    posts["tapir"] = held.opening_post_id
    return posts


MATRIX = {
    # word:    (anonymous, author, other member, moderator, editor)
    "zebra": (False, True, False, True, False),  # held reply
    "yak": (False, True, False, True, False),  # hidden reply
    "walrus": (False, False, False, True, False),  # deleted reply
    "vole": (False, False, False, False, True),  # draft article by the editor
    "tapir": (False, True, False, True, False),  # held question
}
VIEWERS = ["anonymous", "member", "other_member", "moderator", "editor"]


@pytest.mark.parametrize("word", MATRIX)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_who_finds_what(request, hidden_things, word, viewer):
    user = AnonymousUser() if viewer == "anonymous" else request.getfixturevalue(viewer)
    expected = MATRIX[word][VIEWERS.index(viewer)]
    assert (found_ids(word, user) == [hidden_things[word]]) is expected

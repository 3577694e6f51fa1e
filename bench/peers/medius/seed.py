"""Seed Medius: the thread ``make bench`` builds (nested up to depth 8), with the peers' text.

    python bench/peers/medius/seed.py seed REPLIES POSTERS  |  ... count

Run from the repository root with Medius's own virtualenv; DATABASE_URL chooses the database.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[3])]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")

import django  # noqa: E402

django.setup()

import peerconf  # noqa: E402
import texts  # noqa: E402
from allauth.account.models import EmailAddress  # noqa: E402
from django.utils import timezone  # noqa: E402

from forum.accounts.models import User  # noqa: E402
from forum.demo.bulk import build_reply_tree  # noqa: E402
from forum.discussions import services  # noqa: E402
from forum.discussions.models import Post  # noqa: E402

BACKEND = "django.contrib.auth.backends.ModelBackend"


def seed(n_replies: int, n_posters: int) -> None:
    members = []
    for i in range(max(n_posters + 1, 10)):
        user = User.objects.create_user(
            username=f"member{i}", email=f"member{i}@example.invalid", password=None
        )
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        members.append(user)
    User.objects.filter(pk__in=[m.pk for m in members]).update(
        date_joined=timezone.now() - timedelta(days=60)
    )
    thread = services.ask_question(
        author=members[0], title=texts.TITLE, body=texts.OPENING, conditions=[], screen=False
    )
    posts = build_reply_tree(
        thread=thread, n_replies=n_replies, max_depth=8, authors=[m.pk for m in members]
    )
    for i, post in enumerate(posts):
        post.body = texts.reply_text(i)
        post.html = services.render_body(post.body)
    Post.objects.bulk_update(posts, ["body", "html"], batch_size=1000)
    assert thread.opening_post_id is not None
    peerconf.emit(
        {
            "thread": thread.get_absolute_url(),
            "home": "/",
            "list": "/questions/",
            "post": f"/r/{thread.opening_post_id}/reply/",
            "field": "body",
            "sessions": [
                peerconf.signed_in_session(m, BACKEND) for m in members[1 : n_posters + 1]
            ],
        }
    )


if __name__ == "__main__":
    if sys.argv[1] == "seed":
        seed(int(sys.argv[2]), int(sys.argv[3]))
    else:
        peerconf.emit({"replies": Post.objects.replies().count()})

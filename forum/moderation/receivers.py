"""Moderation's answers to the discussions app's announcements (``discussions/signals.py``).

Each receiver calls one service with the signal's arguments and holds no rule of its own
(README, "How the code is laid out"): what a post's publication or a helpful mark means
for its author's trust level is ``services.recalculate_author_trust``. Moderators' own
actions call that service directly.
"""

from typing import Any

from forum.discussions.models import Post

from . import services


def on_post_published(sender: Any, post: Post, **kwargs: Any) -> None:
    services.recalculate_author_trust(post=post)


def on_helpful_marked(sender: Any, post: Post, **kwargs: Any) -> None:
    services.recalculate_author_trust(post=post)

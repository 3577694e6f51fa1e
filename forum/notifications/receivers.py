"""Notifications' answers to the discussions app's announcements (``discussions/signals.py``).

Each receiver calls one service with the signal's arguments and holds no rule of its own
(README, "How the code is laid out")."""

from typing import Any

from forum.accounts.models import User
from forum.discussions.models import Post, Thread

from . import services


def on_post_published(sender: object, post: Post, **kwargs: Any) -> None:
    services.fan_out_post(post=post)


def on_post_status_changed(sender: object, post: Post, old: str, new: str, **kwargs: Any) -> None:
    services.notify_status_change(post=post, old=old, new=new)


def on_helpful_marked(sender: object, post: Post, user: User, **kwargs: Any) -> None:
    services.notify_helpful(post=post, marker=user)


def on_answer_accepted(
    sender: object, thread: Thread, post: Post, actor: User | None, **kwargs: Any
) -> None:
    services.notify_accepted(thread=thread, post=post, actor=actor)

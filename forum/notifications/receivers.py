from typing import Any

from forum.accounts.models import User
from forum.discussions.models import Post, Status, Thread

from . import services


def on_post_published(sender: object, post: Post, **kwargs: Any) -> None:
    services.fan_out_post(post=post)


def on_post_status_changed(sender: object, post: Post, old: str, new: str, **kwargs: Any) -> None:
    services.notify_moderation(post=post, old=old, new=new)
    if old == Status.HELD and new == Status.VISIBLE:
        services.fan_out_post(post=post)


def on_helpful_marked(sender: object, post: Post, user: User, **kwargs: Any) -> None:
    services.notify_helpful(post=post, marker=user)


def on_answer_accepted(
    sender: object, thread: Thread, post: Post, actor: User | None, **kwargs: Any
) -> None:
    services.notify_accepted(thread=thread, post=post, actor=actor)

"""Trust levels follow the events that change them in the discussions app (a lower app,
which announces them with its signals). Moderators' own actions recalculate directly in
``services``."""

from typing import Any

from forum.accounts.models import User
from forum.discussions.models import Post

from . import services


def _recalculate_author(post: Post) -> None:
    if post.author_id is not None:
        author = User.objects.filter(pk=post.author_id, is_active=True).first()
        if author is not None:
            services.recalculate_trust(member=author)


def on_post_published(sender: Any, post: Post, **kwargs: Any) -> None:
    _recalculate_author(post)


def on_helpful_marked(sender: Any, post: Post, **kwargs: Any) -> None:
    _recalculate_author(post)

"""The review queue's size, for moderators only, in the site header and on the admin index."""

from typing import Any

from django.db.models import Count, Exists, OuterRef
from django.http import HttpRequest

from forum.discussions.permissions import is_moderator

from .models import QueuedPost


def review_queue(request: HttpRequest) -> dict[str, Any]:
    """Two counts for moderators, in one query (nothing, and no query, for anyone else)."""
    user = getattr(request, "user", None)
    if user is None or not is_moderator(user):
        return {}
    waiting = QueuedPost.objects.outside_others_drafts(user).needing_decision()
    crisis = QueuedPost.objects.crisis().filter(pk=OuterRef("pk"))
    counts = waiting.aggregate(total=Count("pk"), crisis=Count("pk", filter=Exists(crisis)))
    return {"review_queue_count": counts["total"], "review_queue_crisis": counts["crisis"]}

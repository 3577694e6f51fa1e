"""The @mention suggestions for the editor: a small JSON list, members in the thread first."""

import re

from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Value, When
from django.http import JsonResponse

from forum.accounts.http import MemberRequest
from forum.accounts.models import User

from ..models import Post, Status, Thread

SUGGESTIONS = 8
MENTION_NAME = re.compile(r"[A-Za-z0-9_]{1,30}")


@login_required
def mention_suggestions(request: MemberRequest) -> JsonResponse:
    """``?q=ab`` (the letters after @) and optionally ``post=<id>`` (the post replied to).

    Active members whose username starts with ``q``; those who wrote a visible post in that
    post's thread come first. A ``q`` that could not be a username gives an empty list.
    One query for the thread's authors, one for the members.
    """
    q = request.GET.get("q", "")
    if not MENTION_NAME.fullmatch(q):
        return JsonResponse({"members": []})
    in_thread: list[int] = []
    post_id = request.GET.get("post", "")
    if post_id.isdigit() and len(post_id) <= 18:
        thread_ids = Post.objects.filter(pk=int(post_id)).values("thread_id")
        in_thread = list(
            Post.objects.filter(
                thread_id__in=thread_ids,
                thread__in=Thread.objects.visible_to(request.user),
                author__isnull=False,
                status=Status.VISIBLE,
            )
            .values_list("author_id", flat=True)
            .distinct()[:200]
        )
    members = (
        User.objects.filter(username__istartswith=q, is_active=True)
        .exclude(pk=request.user.pk)
        .annotate(
            here=Case(
                When(pk__in=in_thread, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("here", "username")[:SUGGESTIONS]
    )
    return JsonResponse(
        {
            "members": [
                {"username": m.username, "name": m.public_name, "in_thread": m.here == 0}
                for m in members
            ]
        }
    )

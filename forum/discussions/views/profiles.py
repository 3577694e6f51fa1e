"""A member's public page: who they are, what they asked and wrote, and a follow button.

What they posted anonymously is listed to themselves alone (marked so)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from forum.accounts.models import User

from ..models import Follow, Post, Thread


def profile(request: HttpRequest, username: str) -> HttpResponse:
    member = get_object_or_404(User, username=username, is_active=True)
    viewer = request.user
    threads = (
        Thread.objects.visible_to(viewer)
        .shown_as_authored_by(member, viewer)
        .for_lists()
        .order_by("-created_at")
    )
    replies = (
        Post.objects.visible_to(viewer)
        .replies()
        .shown_as_authored_by(member, viewer)
        .filter(thread__in=Thread.objects.visible_to(viewer))
        .exclude(status="deleted")
        .select_related("thread")
        .order_by("-created_at")
    )
    following = viewer != member and Follow.objects.following(viewer, member=member)
    return render(
        request,
        "discussions/profile.html",
        {
            "member": member,
            "threads": threads[:20],
            "replies": replies[:20],
            "following": following,
        },
    )

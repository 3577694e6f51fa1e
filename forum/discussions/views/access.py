"""Fetch-and-authorise helpers shared by the discussions' views."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from forum.core import params

from ..models import Post, Thread


def get_thread_for_user(
    request: HttpRequest, pk: int, kind: str | None = None, *, teasers: bool = False
) -> Thread:
    """The thread with its opening post and author, or 404 if this visitor may not see it.

    ``teasers``: a visitor also gets members-only threads, for the caller to show only
    their teaser (``Thread.members_only``).
    """
    readable = Thread.objects.visible_or_teased_to if teasers else Thread.objects.visible_to
    qs = readable(request.user).select_related(
        "author", "opening_post", "reviewed_by", "accepted_post__author", "lead_image"
    )
    if kind:
        qs = qs.filter(kind=kind)
    return get_object_or_404(qs, pk=pk)


def get_post_for_user(request: HttpRequest, pk: int) -> Post:
    """The post and its thread, or 404 unless this visitor may see both."""
    post = get_object_or_404(
        Post.objects.visible_to(request.user).select_related("thread", "author"), pk=pk
    )
    if not Thread.objects.visible_to(request.user).filter(pk=post.thread_id).exists():
        raise Http404
    return post


def page_number(request: HttpRequest) -> int:
    """``?page=N`` as a positive whole number; anything else is page 1."""
    return params.page_number(request.GET.get("page"))

"""Following a thread, a condition or a member."""

from typing import TypedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from forum.accounts.http import MemberRequest
from forum.accounts.models import User
from forum.conditions.models import Condition

from .. import services
from ..models import Thread


class FollowTarget(TypedDict, total=False):
    """The one thing the form names, as ``services.follow`` and ``unfollow`` take it."""

    thread: Thread
    condition: Condition
    member: User


@require_POST
@login_required
def toggle_follow(request: MemberRequest) -> HttpResponse:
    """Follow or unfollow a thread, a condition or a member (whichever the form names)."""
    target: FollowTarget = {}
    followed: Thread | Condition | User
    if pk := request.POST.get("thread"):
        if not (pk.isascii() and pk.isdigit()):
            return HttpResponseBadRequest("Not a thread.")
        target["thread"] = followed = get_object_or_404(
            Thread.objects.visible_to(request.user), pk=pk
        )
    elif slug := request.POST.get("condition"):
        target["condition"] = followed = get_object_or_404(Condition, slug=slug)
    elif username := request.POST.get("member"):
        target["member"] = followed = get_object_or_404(User, username=username, is_active=True)
    else:
        return HttpResponseBadRequest("Say what to follow: a thread, a condition or a member.")
    if request.POST.get("action") == "unfollow":
        services.unfollow(user=request.user, **target)
        messages.success(request, "You no longer follow it.")
    else:
        try:
            services.follow(user=request.user, **target)
        except services.FollowRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Followed. You will be notified of new activity.")
    fallback = followed.get_absolute_url()
    next_url = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()})
    return redirect(next_url if safe else fallback)

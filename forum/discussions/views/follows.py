"""Following a thread, a condition or a member."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from forum.accounts.models import User
from forum.conditions.models import Condition

from .. import services
from ..models import Thread


@require_POST
@login_required
def toggle_follow(request: HttpRequest) -> HttpResponse:
    """Follow or unfollow a thread, a condition or a member (whichever the form names)."""
    target: dict[str, Thread | Condition | User] = {}
    if pk := request.POST.get("thread"):
        if not (pk.isascii() and pk.isdigit()):
            return HttpResponseBadRequest("Not a thread.")
        target["thread"] = get_object_or_404(Thread.objects.visible_to(request.user), pk=pk)
    elif slug := request.POST.get("condition"):
        target["condition"] = get_object_or_404(Condition, slug=slug)
    elif username := request.POST.get("member"):
        target["member"] = get_object_or_404(User, username=username, is_active=True)
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
    fallback = next(iter(target.values())).get_absolute_url()
    next_url = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()})
    return redirect(next_url if safe else fallback)

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from forum.discussions.models import Post, Thread
from forum.discussions.permissions import check_can_report

from . import services, trust
from .forms import ReportForm


@login_required
def report(request, pk):
    post = get_object_or_404(Post.objects.visible_to(request.user).select_related("thread"), pk=pk)
    if not Thread.objects.visible_to(request.user).filter(pk=post.thread_id).exists():
        raise Http404
    check_can_report(request.user, post)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_post(
                post=post,
                reporter=request.user,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"].strip(),
            )
        except services.AlreadyReported as exc:
            messages.info(request, str(exc))
        else:
            messages.success(request, "Thank you. A moderator will look at it.")
        return redirect(post)
    return render(request, "moderation/report_form.html", {"form": form, "post": post})


@login_required
def trust_level(request: HttpRequest) -> HttpResponse:
    """The member's trust level, what it lets them do, and what the next one needs."""
    return render(request, "moderation/trust.html", {"progress": trust.progress(request.user)})

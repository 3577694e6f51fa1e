from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from forum.accounts.http import MemberRequest
from forum.discussions.models import Post, Thread
from forum.discussions.permissions import check_can_report

from . import services, trust
from .forms import DuplicateForm, ReportForm
from .permissions import check_can_close_threads


@login_required
def report(request: MemberRequest, pk: int) -> HttpResponse:
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
def close_duplicate(request: MemberRequest, pk: int) -> HttpResponse:
    """A moderator closes a question as a duplicate of another (``merge`` in the form
    merges instead). A bad original keeps the form with what was typed and why."""
    check_can_close_threads(request.user)
    thread = get_object_or_404(Thread.objects.select_related("opening_post"), pk=pk)
    form = DuplicateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        original = Thread.objects.filter(pk=form.cleaned_data["original"]).first()
        reason = form.cleaned_data["reason"]
        try:
            if original is None:
                raise services.DuplicateRefused("There is no question with that number.")
            if "merge" in request.POST:
                original = services.merge_threads(
                    source=thread, target=original, moderator=request.user, reason=reason
                )
            else:
                original = services.close_as_duplicate(
                    thread=thread, original=original, moderator=request.user, reason=reason
                )
        except services.DuplicateRefused as exc:
            form.add_error("original", str(exc))
        else:
            done = "Merged into" if "merge" in request.POST else "Closed as a duplicate of"
            messages.success(request, f"{done} “{original.title}”.")
            return redirect(thread)
    return render(
        request,
        "moderation/duplicate_form.html",
        {"thread": thread, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def trust_level(request: MemberRequest) -> HttpResponse:
    """The member's trust level, what it lets them do, and what the next one needs."""
    return render(request, "moderation/trust.html", {"progress": trust.progress(request.user)})

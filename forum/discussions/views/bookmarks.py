"""Bookmarks: save a reply or a thread (its opening post) with an optional reminder, and
the one page that lists what a member saved."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from forum.accounts.http import MemberRequest

from .. import services
from ..forms import BookmarkForm
from ..models import Bookmark
from .access import get_post_for_user


@login_required
def bookmark(request: MemberRequest, pk: int) -> HttpResponse:
    """GET: the form (with the reminder already set, if saved). POST: save, or with
    ``remove`` forget it. A bad date keeps the form with the error."""
    post = get_post_for_user(request, pk)
    existing = Bookmark.objects.filter(user=request.user, post=post).first()
    if request.method == "POST" and "remove" in request.POST:
        services.remove_bookmark(user=request.user, post=post)
        messages.success(request, "Removed from your bookmarks.")
        if request.POST.get("next") == "list":
            return redirect("discussions:bookmarks")
        return redirect(post)
    form = BookmarkForm(
        request.POST or None, initial={"remind_on": existing.remind_on if existing else None}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_bookmark(
                user=request.user,
                post=post,
                remind_on=form.cleaned_data["remind_on"],
                today=timezone.localdate(),
            )
        except services.BookmarkRefused as exc:
            form.add_error("remind_on", str(exc))
        else:
            messages.success(request, "Saved to your bookmarks.")
            return redirect(post)
    return render(
        request,
        "discussions/bookmark_form.html",
        {"post": post, "form": form, "existing": existing},
        status=400 if form.errors else 200,
    )


@login_required
def bookmark_list(request: MemberRequest) -> HttpResponse:
    """Everything the member saved, newest first, 30 to a page."""
    bookmarks = Bookmark.objects.listed_for(request.user)
    page = Paginator(bookmarks, 30).get_page(request.GET.get("page"))
    return render(request, "discussions/bookmarks.html", {"page": page})

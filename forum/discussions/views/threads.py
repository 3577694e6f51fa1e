"""A thread's page and its reply tree: the page itself, permalinks, continued branches, history."""

from types import SimpleNamespace

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from forum.core import params

from .. import permissions, policy
from ..forms import ReplyForm
from ..models import Follow, HelpfulMark, Post, Status
from ..structured_data import thread_structured_data
from ..tree import locate_reply, render_tree, reply_page, reply_rows, shape
from .access import get_post_for_user, get_thread_for_user


def _start_param(request: HttpRequest) -> int | None:
    return params.whole_number(request.GET.get("from"))


def thread_detail(request: HttpRequest, pk: int, slug: str, kind: str) -> HttpResponse:
    thread = get_thread_for_user(request, pk, kind=kind)
    if slug != thread.slug:
        return redirect(thread, permanent=True)
    whole = request.GET.get("view") == "all"
    user = request.user
    page = reply_page(
        root=thread.opening_post, viewer=user, start=_start_param(request), whole=whole
    )
    conditions = list(thread.conditions.all())
    structured_data = None
    if thread.is_question and thread.status == Status.VISIBLE:
        start = _start_param(request)
        page_url = thread.get_absolute_url()
        if whole:
            page_url += "?view=all"
        elif start is not None:
            page_url += f"?from={start}"
        structured_data = thread_structured_data(
            thread,
            conditions,
            replies=page.replies,
            answer_count=Post.objects.answers_to(thread.opening_post).count(),
            page_url=page_url,
            profile_prefix=page.profile_prefix,
        )
    elif thread.is_article:
        structured_data = thread_structured_data(thread, conditions)
    can_reply = permissions.can_reply(user, thread)
    tree = render_tree(
        page=page,
        thread=thread,
        helpful=HelpfulMark.objects.post_ids(user=user, thread=thread),
        can_reply=can_reply,
        can_accept=permissions.can_accept(user, thread),
        can_report=permissions.can_post(user),
        user_id=user.pk,
    )
    opening = thread.opening_post
    by_author = user.is_authenticated and user.pk == thread.author_id
    context = {
        "thread": thread,
        "opening": opening,
        # The author of a held question reads how long review takes; of a flagged one
        # (held, or not yet seen by a moderator), the urgent-care or crisis guidance.
        "review_wait": policy.review_wait_text()
        if by_author and thread.status == Status.HELD
        else "",
        "author_red_flag": by_author
        and bool(opening.red_flag_kind)
        and (opening.status == Status.HELD or opening.red_flag_pending),
        "conditions": conditions,
        "structured_data": structured_data,
        "page": page,
        "tree": tree,
        "whole": whole,
        "reply_form": ReplyForm(),
        "can_reply": can_reply,
        "can_edit": permissions.can_edit_post(user, thread.opening_post),
        "can_review": thread.is_article and permissions.can_review_article(user, thread),
        "can_report": permissions.can_report(user, thread.opening_post),
        "following": Follow.objects.following(user, thread=thread),
        "user_id": user.pk,
    }
    return render(request, "discussions/thread_detail.html", context)


def permalink(request: HttpRequest, pk: int) -> HttpResponse:
    """Redirect to the page and anchor where a reply is shown."""
    post = get_post_for_user(request, pk)
    return redirect(locate_reply(post, request.user))


def subthread(request: HttpRequest, pk: int) -> HttpResponse:
    """A "continue this thread" page: one reply and the branch below it."""
    root = get_post_for_user(request, pk)
    if root.is_opening:
        return redirect(root.thread)
    thread = root.thread
    user = request.user
    page = reply_page(root=root, viewer=user, start=_start_param(request))
    root_row = shape(
        [SimpleNamespace(**row) for row in reply_rows(Post.objects.filter(pk=root.pk))],
        root=root,
        whole=True,
    ).replies[0]
    tree = render_tree(
        page=page,
        thread=thread,
        helpful=HelpfulMark.objects.post_ids(user=user, thread=thread),
        can_reply=permissions.can_reply(user, thread),
        can_accept=permissions.can_accept(user, thread),
        can_report=permissions.can_post(user),
        user_id=user.pk,
    )
    return render(
        request,
        "discussions/subthread.html",
        {"thread": thread, "root": root_row, "page": page, "tree": tree},
    )


def history(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_user(request, pk)
    if not permissions.can_see_history(request.user, post):
        raise Http404
    revisions = post.revisions.select_related("editor")
    return render(request, "discussions/history.html", {"post": post, "revisions": revisions})

"""A thread's page and its reply tree: the page itself, permalinks, continued branches, history."""

from collections import defaultdict
from types import SimpleNamespace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.views.decorators.http import require_POST

from forum.accounts.http import MemberRequest
from forum.accounts.models import ReplyOrder
from forum.accounts.services import choose_reply_order
from forum.core import params
from forum.treatments.permissions import can_record_treatment

from .. import images as post_images
from .. import permissions, policy
from ..answers import answers_for, outline_for
from ..diffs import word_diff
from ..forms import ReplyForm
from ..models import Follow, HelpfulMark, Post, PostRecord, Status, Thread, ThreadVisit
from ..structured_data import thread_structured_data
from ..tree import (
    locate_reply,
    render_tree,
    reply_order_for,
    reply_page,
    reply_rows,
    shape,
    withhold,
)
from .access import get_post_for_user, get_thread_for_user


def _start_param(request: HttpRequest) -> int | None:
    return params.whole_number(request.GET.get("from"))


def _order_param(request: HttpRequest) -> str | None:
    """``?order=`` when it names a ``ReplyOrder``; anything else is ignored."""
    value = request.GET.get("order")
    return value if value in ReplyOrder.values else None


ORDER_CHOICES = [(str(value), str(label)) for value, label in ReplyOrder.choices]


MEMBERS_ONLY_CACHE_CONTROL = "private, no-store"


def _members_only_teaser(request: HttpRequest, thread: Thread) -> HttpResponse:
    """For a visitor, a members-only question's title, first lines and an invitation to
    join; ``noindex`` and never kept by the page cache or any other."""
    login = reverse("account_login") + "?next=" + thread.get_absolute_url()
    response = render(
        request,
        "discussions/members_only.html",
        {"thread": thread, "login_url": login, "signup_url": reverse("account_signup")},
    )
    response["Cache-Control"] = MEMBERS_ONLY_CACHE_CONTROL
    return response


def tried_by_post(request: HttpRequest, thread: Thread) -> dict[int, SafeString]:
    """The records shown with each post of a question (one query, none for an article):
    those their member chose to show, and the viewer's own. Rendered here by Django's
    engine, so the Jinja2 reply tree only places them."""
    if not thread.is_question:
        return {}
    by_post: defaultdict[int, list[PostRecord]] = defaultdict(list)
    for link in PostRecord.objects.filter(thread=thread).shown_to(request.user).for_display():
        by_post[link.post_id].append(link)
    opening_id = thread.opening_post_id
    return {
        post_id: render_to_string(
            "discussions/_tried_records.html",
            {
                "records": links,
                "heading": "What the asker tried" if post_id == opening_id else "What they did",
                "user_id": request.user.pk,
            },
            request=request,
        )
        for post_id, links in by_post.items()
    }


def thread_detail(request: HttpRequest, pk: int, slug: str, kind: str) -> HttpResponse:
    thread = get_thread_for_user(request, pk, kind=kind, teasers=True)
    if slug != thread.slug:
        return redirect(thread, permanent=True)
    if thread.members_only and not request.user.is_authenticated:
        return _members_only_teaser(request, thread)
    whole = request.GET.get("view") == "all"
    user = request.user
    requested = _order_param(request)
    order = reply_order_for(thread=thread, viewer=user, requested=requested)
    if thread.opening_post is None:
        raise ValueError("A thread always has its opening post.")
    page = reply_page(
        root=thread.opening_post,
        viewer=user,
        start=_start_param(request),
        whole=whole,
        order=order,
        accepted_id=thread.accepted_post_id,
    )
    conditions = list(thread.conditions.all())
    structured_data = None
    if thread.members_only:
        pass  # members' eyes only: no JSON-LD, no feed link, and the page says noindex
    elif thread.is_question and thread.status == Status.VISIBLE:
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
    tried = tried_by_post(request, thread)
    tree = render_tree(
        page=page,
        thread=thread,
        helpful=HelpfulMark.objects.post_ids(user=user, thread=thread),
        can_reply=can_reply,
        can_accept=permissions.can_accept(user, thread),
        can_report=permissions.can_post(user),
        user_id=user.pk,
        fold_notes=getattr(user, "fold_content_notes", True),
        tried=tried,
        can_record=thread.is_question and can_record_treatment(user),
    )
    opening = thread.opening_post
    by_author = user.is_authenticated and user.pk == thread.author_id
    lead_image = post_images.lead_image_of(thread)
    context = {
        "thread": thread,
        "opening": opening,
        "lead_image": lead_image,
        # Shared pages show it only where everyone may fetch it: a public article.
        "share_lead_image": lead_image if structured_data else None,
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
        "reply_form": ReplyForm(allow_anonymous=permissions.can_post_anonymously(user)),
        "can_reply": can_reply,
        "can_edit": permissions.can_edit_post(user, thread.opening_post),
        "can_review": thread.is_article and permissions.can_review_article(user, thread),
        "can_report": permissions.can_report(user, thread.opening_post),
        "following": Follow.objects.following(user, thread=thread),
        "user_id": user.pk,
        "answers": answers_for(thread),
        "outline": outline_for(thread, user),
        "order": order,
        "order_choices": ORDER_CHOICES,
        "order_query": f"order={requested}&" if requested else "",
        "can_close_threads": permissions.is_moderator(user),
        **_duplicate_links(request, thread),
        "can_set_members_only": permissions.can_set_members_only(user, thread),
        "fold_notes": getattr(user, "fold_content_notes", True),
        "opening_tried": tried.get(opening.pk, ""),
        "can_attach_record": permissions.can_attach_record(user, opening, thread),
    }
    response = render(request, "discussions/thread_detail.html", context)
    if thread.members_only:
        response["Cache-Control"] = MEMBERS_ONLY_CACHE_CONTROL
    ThreadVisit.objects.record(user=user, thread=thread)  # last: the page read the old marker
    return response


@require_POST
@login_required
def choose_order(request: MemberRequest, pk: int) -> HttpResponse:
    """Keep a member's choice of reply order, then show the thread in it."""
    thread = get_thread_for_user(request, pk)
    try:
        choose_reply_order(member=request.user, order=request.POST.get("order", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(thread)


def _duplicate_links(request: HttpRequest, thread: Thread) -> dict[str, Any]:
    """The original of a closed duplicate and the duplicates of an original, for the
    links both ways; no query for a thread that is neither."""
    links: dict[str, Any] = {"duplicate_of": None, "duplicates": []}
    visible = Thread.objects.visible_to(request.user)
    if thread.duplicate_of_id:
        links["duplicate_of"] = visible.filter(pk=thread.duplicate_of_id).first()
    if thread.duplicate_count:
        links["duplicates"] = list(visible.filter(duplicate_of=thread).order_by("created_at"))
    return links


def permalink(request: HttpRequest, pk: int) -> HttpResponse:
    """Redirect to the page and anchor where a reply is shown (for a visitor, a reply in a
    members-only thread leads to its invitation to join)."""
    try:
        post = get_post_for_user(request, pk)
    except Http404:
        if request.user.is_authenticated:
            raise
        teaser = Thread.objects.members_only_teasers().filter(posts__pk=pk).first()
        if teaser is None:
            raise
        return redirect(teaser)
    return redirect(locate_reply(post, request.user))


def subthread(request: HttpRequest, pk: int) -> HttpResponse:
    """A "continue this thread" page: one reply and the branch below it, nested under it,
    naming the reply it continues from."""
    root = get_post_for_user(request, pk)
    if root.is_opening:
        return redirect(root.thread)
    thread = root.thread
    user = request.user
    order = reply_order_for(thread=thread, viewer=user, requested=_order_param(request))
    page = reply_page(
        root=root,
        viewer=user,
        start=_start_param(request),
        order=order,
        accepted_id=thread.accepted_post_id,
    )
    pair = reply_rows(Post.objects.filter(pk__in=[root.pk, root.parent_id]))
    rows = shape(
        withhold([SimpleNamespace(**row) for row in pair], user), root=root, whole=True
    ).replies
    root_row = rows[-1]
    parent_row = rows[0] if len(rows) > 1 and rows[0].depth > 0 else None
    tree = render_tree(
        page=page,
        thread=thread,
        helpful=HelpfulMark.objects.post_ids(user=user, thread=thread),
        can_reply=permissions.can_reply(user, thread),
        can_accept=permissions.can_accept(user, thread),
        can_report=permissions.can_post(user),
        user_id=user.pk,
        fold_notes=getattr(user, "fold_content_notes", True),
        tried=tried_by_post(request, thread),
        can_record=thread.is_question and can_record_treatment(user),
    )
    return render(
        request,
        "discussions/subthread.html",
        {
            "thread": thread,
            "root": root_row,
            "parent": parent_row,
            "page": page,
            "tree": tree,
            "order_query": f"order={order}&" if _order_param(request) else "",
        },
    )


def history(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_user(request, pk)
    if not permissions.can_see_history(request.user, post):
        raise Http404
    revisions = list(post.revisions.select_related("editor"))
    # Newest first: each version is compared with the one before it (the next in the list).
    changes = [
        {
            "revision": revision,
            "title_diff": word_diff(older.title, revision.title)
            if older and older.title != revision.title
            else None,
            "body_diff": word_diff(older.body, revision.body) if older else None,
        }
        for revision, older in zip(revisions, [*revisions[1:], None], strict=False)
    ]
    return render(request, "discussions/history.html", {"post": post, "changes": changes})

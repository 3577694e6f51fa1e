"""Every page that writes: asking, replying, editing, deleting, articles, helpful, accept.

Each view parses the form, checks the permission, calls one service and responds. A
refusal by the posting rules becomes a form error that keeps what the person typed.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from forum.core.markdown import render_markdown

from .. import permissions, policy, services
from ..forms import ArticleForm, EditPostForm, QuestionForm, ReplyForm
from ..models import Post, RedFlagPhrase, Thread
from .access import get_post_for_user, get_thread_for_user


def _preview(request: HttpRequest, form: Form) -> str | None:
    """The server-side preview of a form's body, rendered by the same pipeline as posts."""
    if "preview" in request.POST and form.is_valid():
        return render_markdown(form.cleaned_data["body"])
    return None


def _red_flag_to_confirm(request: HttpRequest, form: Form) -> RedFlagPhrase | None:
    """A red-flag phrase in the text the poster has not yet seen the urgent-care notice for.

    The notice shows with the form (and on preview); posting again with the hidden
    ``red_flag_seen`` field goes ahead, and the post is flagged for moderators.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    text = " ".join(str(form.cleaned_data.get(k, "")) for k in ("title", "body"))
    flag = policy.find_red_flag(text)
    if flag and (request.POST.get("red_flag_seen") != "1" or "preview" in request.POST):
        return flag
    return None


def _publish(request: HttpRequest, form: Form, publish: Callable[[], Any]) -> tuple[Any, bool]:
    """Run a posting service; turn a refusal into a form error that keeps the text.

    A duplicate of the author's own post a moment ago (a double-clicked submit)
    leads to the post that already exists.
    """
    try:
        return publish(), True
    except policy.DuplicatePost as exc:
        messages.info(request, "You had already posted this; here it is.")
        return exc.existing, False
    except policy.PostRefused as exc:
        form.add_error(None, str(exc))
        return None, False


@login_required
def ask(request: HttpRequest) -> HttpResponse:
    permissions.check_can_ask(request.user)
    form = QuestionForm(request.POST or None)
    preview = _preview(request, form) if request.method == "POST" else None
    red_flag = _red_flag_to_confirm(request, form)
    if request.method == "POST" and preview is None and red_flag is None and form.is_valid():
        result, created = _publish(
            request,
            form,
            lambda: services.ask_question(
                author=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                conditions=form.cleaned_data["conditions"],
                details=form.details(),
            ),
        )
        if created:
            _announce(request, result.opening_post, "Your question is posted.")
        if result is not None:
            return redirect(result)
    return render(
        request, "discussions/ask.html", {"form": form, "preview": preview, "red_flag": red_flag}
    )


def _announce(request: HttpRequest, post: Post, posted_message: str) -> None:
    if post.status == "held":
        messages.info(
            request,
            "Thanks! A moderator checks new members' first posts; yours will appear for "
            "everyone once approved. You can already see it, marked “awaiting review”.",
        )
    else:
        messages.success(request, posted_message)


@login_required
def article_new(request: HttpRequest) -> HttpResponse:
    permissions.check_can_write_articles(request.user)
    form = ArticleForm(request.POST or None)
    preview = _preview(request, form) if request.method == "POST" else None
    if request.method == "POST" and preview is None and form.is_valid():
        data = form.cleaned_data
        article = services.write_article(
            author=request.user,
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
            conditions=data["conditions"],
            publish=data["publish"],
            reviewed_by=data["reviewed_by"],
            last_reviewed_on=data["last_reviewed_on"],
        )
        messages.success(request, "Article published." if data["publish"] else "Draft saved.")
        return redirect(article)
    return render(
        request, "discussions/article_form.html", {"form": form, "preview": preview, "new": True}
    )


@login_required
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_thread_for_user(request, pk, kind=Thread.Kind.ARTICLE)
    permissions.check_can_edit_post(request.user, article.opening_post)
    initial = {
        "title": article.title,
        "summary": article.summary,
        "body": article.opening_post.body,
        "conditions": article.conditions.all(),
        "publish": not article.is_draft,
        "reviewed_by": article.reviewed_by_id,
        "last_reviewed_on": article.last_reviewed_on,
    }
    form = ArticleForm(request.POST or None, initial=initial)
    preview = _preview(request, form) if request.method == "POST" else None
    if request.method == "POST" and preview is None and form.is_valid():
        data = form.cleaned_data
        services.update_article(
            article=article,
            editor=request.user,
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
            conditions=data["conditions"],
            publish=data["publish"],
            reviewed_by=data["reviewed_by"],
            last_reviewed_on=data["last_reviewed_on"],
        )
        messages.success(request, "Article saved.")
        return redirect(article)
    return render(
        request,
        "discussions/article_form.html",
        {"form": form, "preview": preview, "article": article},
    )


@login_required
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    """Reply to a post; the plain-page form that also works without JavaScript."""
    parent = get_post_for_user(request, pk)
    thread = parent.thread
    permissions.check_can_reply(request.user, thread)
    if parent.status != "visible":
        messages.error(request, "You cannot reply to a deleted or hidden post.")
        return redirect(thread)
    form = ReplyForm(request.POST or None)
    preview = _preview(request, form) if request.method == "POST" else None
    red_flag = _red_flag_to_confirm(request, form)
    if request.method == "POST" and preview is None and red_flag is None and form.is_valid():
        try:
            post, created = _publish(
                request,
                form,
                lambda: services.post_reply(
                    parent=parent, author=request.user, body=form.cleaned_data["body"]
                ),
            )
        except services.ReplyTooDeep as exc:
            form.add_error("body", str(exc))
        else:
            if created:
                _announce(request, post, "Your reply is posted.")
            if post is not None:
                return redirect(post)
    return render(
        request,
        "discussions/reply_form.html",
        {
            "form": form,
            "parent": parent,
            "thread": thread,
            "preview": preview,
            "red_flag": red_flag,
        },
    )


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_user(request, pk)
    permissions.check_can_edit_post(request.user, post)
    thread = post.thread
    if post.is_opening and thread.is_article:
        return redirect("discussions:article_edit", pk=thread.pk)
    initial = {"body": post.body, "title": thread.title}
    form = EditPostForm(request.POST or None, initial=initial, with_title=post.is_opening)
    preview = _preview(request, form) if request.method == "POST" else None
    if request.method == "POST" and preview is None and form.is_valid():
        services.edit_post(
            post=post,
            editor=request.user,
            body=form.cleaned_data["body"],
            title=form.cleaned_data.get("title"),
        )
        messages.success(request, "Your changes are saved. Earlier versions stay in the history.")
        return redirect(post)
    return render(
        request,
        "discussions/edit_form.html",
        {"form": form, "post": post, "thread": thread, "preview": preview},
    )


@login_required
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_user(request, pk)
    permissions.check_can_delete_post(request.user, post)
    if request.method == "POST":
        services.delete_post(post=post, actor=request.user)
        messages.success(request, "Your post is deleted.")
        return redirect("home" if post.is_opening else post.get_absolute_url())
    return render(request, "discussions/delete_confirm.html", {"post": post})


@require_POST
@login_required
def helpful(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_user(request, pk)
    permissions.check_can_mark_helpful(request.user, post)
    if request.POST.get("undo"):
        services.unmark_helpful(post=post, user=request.user)
    elif not services.mark_helpful(post=post, user=request.user):
        messages.info(request, "You had already marked that reply as helpful.")
    return redirect(post)


@require_POST
@login_required
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_user(request, pk)
    thread = post.thread
    permissions.check_can_accept(request.user, thread)
    if post.is_opening or not post.is_public or post.is_deleted:
        messages.error(request, "That reply cannot be accepted.")
        return redirect(thread)
    undo = bool(request.POST.get("undo"))
    services.accept_answer(thread=thread, post=None if undo else post, actor=request.user)
    messages.success(request, "Accepted answer cleared." if undo else "Answer accepted.")
    return redirect(post)


PREVIEW_MAX_CHARS = 20_000


@require_POST
@login_required
def preview(request: HttpRequest) -> HttpResponse:
    """The live preview of the editors: a body rendered exactly as a post would be."""
    body = request.POST.get("body", "")
    if len(body) > PREVIEW_MAX_CHARS:
        return HttpResponseBadRequest(
            f"Too long to preview: at most {PREVIEW_MAX_CHARS:,} characters.",
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(services.render_body(body))

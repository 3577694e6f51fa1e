"""Every page that writes: asking, replying, editing, deleting, articles, helpful, accept.

Each view parses the form, checks the permission, calls one service and responds. A
refusal by the posting rules becomes a form error that keeps what the person typed.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import redirect, render
from django.utils.datastructures import MultiValueDict
from django.views.decorators.http import require_POST

from forum.accounts.http import MemberRequest
from forum.accounts.models import User
from forum.conditions.models import Condition
from forum.images import services as image_services
from forum.images.models import Image
from forum.images.processing import ImageRefused
from forum.treatments.forms import AttachRecordForm

from .. import images as post_images
from .. import permissions, policy, services
from ..forms import ArticleForm, EditPostForm, QuestionForm, ReplyForm
from ..models import Post, Status, Thread
from ..redflags import Hit
from .access import get_post_for_user, get_thread_for_user
from .tried import tried_form_context


def _attach_image(request: HttpRequest, form: Form) -> None:
    """The form's plain image field (no JavaScript): upload the file and add it to the end
    of the body, so a preview or a refused post shows the text with the image in it. A
    refused image becomes an error on the field; the text stays as typed."""
    upload = request.FILES.get("image")
    if upload is None or not form.is_valid():
        return
    assert isinstance(request.user, User)
    try:
        image = image_services.upload_image(uploader=request.user, upload=upload)
    except ImageRefused as refused:
        form.add_error("image", str(refused))
        return
    alt = form.cleaned_data["image_alt"].replace("[", "(").replace("]", ")")
    body = form.cleaned_data["body"].rstrip()
    body = (body + "\n\n" if body else "") + f"![{alt}]({post_images.image_url(image)})"
    assert isinstance(form.data, QueryDict)  # bound to request.POST, or is_valid() was False
    data = form.data.copy()
    data["body"] = body
    data["image_alt"] = ""
    form.data = data
    form.files = MultiValueDict()
    form.full_clean()


def _lead_image(request: HttpRequest, form: Form, current: Image | None) -> Image | None:
    """The article's lead image as the form asks: an uploaded file (stored at once, and
    remembered in the hidden ``lead_image_key`` so a preview or a refusal keeps it), one
    uploaded before, the present one, or none. A refused file is an error on its field."""
    if request.method != "POST":
        return current
    if form.data.get("remove_lead_image"):
        return None
    assert isinstance(request.user, User)
    upload = request.FILES.get("lead_image")
    if upload is not None:
        try:
            image = image_services.upload_image(uploader=request.user, upload=upload)
        except ImageRefused as refused:
            form.add_error("lead_image", str(refused))
            return current
        assert isinstance(form.data, QueryDict)  # bound to request.POST
        data = form.data.copy()
        data["lead_image_key"] = image.key
        form.data = data
        form.files = MultiValueDict()
        form.full_clean()
        return image
    key = form.data.get("lead_image_key", "")
    if not key:
        return None
    if current is not None and current.key == key:
        return current
    return Image.objects.live().filter(key=key, uploader=request.user).first()


def _preview(request: HttpRequest, form: Form) -> str | None:
    """The server-side preview of a form's body, rendered by the same pipeline as posts."""
    if request.method == "POST":
        _attach_image(request, form)
    if "preview" in request.POST and form.is_valid():
        assert isinstance(request.user, User)
        return services.render_body(form.cleaned_data["body"], author=request.user)
    return None


def _red_flag_to_confirm(
    request: HttpRequest, form: Form, *, post: Post | None = None
) -> Hit | None:
    """A red flag in the text the poster has not yet seen the urgent-care notice for.

    The notice shows with the form (and on preview); posting again with the hidden
    ``red_flag_seen`` field goes ahead, and the service flags the post for moderators
    whatever the view did. For an edit (``post``), only a flag the post does not carry
    already.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    flag = policy.red_flag_to_confirm(
        title=form.cleaned_data.get("title") or "", body=form.cleaned_data["body"], post=post
    )
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
def ask(request: MemberRequest) -> HttpResponse:
    permissions.check_can_ask(request.user)
    form = QuestionForm(
        request.POST or None,
        request.FILES or None,
        initial=_chosen_condition(request),
        allow_anonymous=permissions.can_post_anonymously(request.user),
    )
    tried = AttachRecordForm(request.POST or None, prefix="tried", optional=True)
    preview = _preview(request, form) if request.method == "POST" else None
    red_flag = _red_flag_to_confirm(request, form)
    valid = request.method == "POST" and form.is_valid() and tried.is_valid()
    if valid and preview is None and red_flag is None:
        result, created = _publish(
            request,
            form,
            lambda: services.ask_question_with_record(
                record=tried.record_fields(),
                author=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                conditions=form.cleaned_data["conditions"],
                details=form.details(),
                anonymous=form.cleaned_data.get("anonymous", False),
                members_only=form.cleaned_data["members_only"],
                content_note=form.cleaned_data["content_note"],
            ),
        )
        if created:
            _announce(request, result.opening_post, "Your question is posted.")
        if result is not None:
            return redirect(result)
    context = {"form": form, "preview": preview, "red_flag": red_flag}
    return render(request, "discussions/ask.html", context | tried_form_context(tried))


def _chosen_condition(request: HttpRequest) -> dict[str, Any]:
    """``?condition=<slug>`` (the "Ask about" button of a condition page) pre-selects it;
    an unknown slug is ignored."""
    slug = request.GET.get("condition", "")
    found = list(Condition.objects.filter(slug=slug)[:1]) if slug else []
    return {"conditions": found} if found else {}


def _announce(request: HttpRequest, post: Post, posted_message: str) -> None:
    if post.status == Status.HELD:
        messages.info(
            request,
            "Thanks! A moderator checks new members' first posts before others see them; "
            "until then only you and the moderators can see yours, marked “awaiting review”. "
            + policy.review_wait_text(),
        )
    else:
        messages.success(request, posted_message)


@login_required
def article_new(request: MemberRequest) -> HttpResponse:
    permissions.check_can_write_articles(request.user)
    form = ArticleForm(request.POST or None, request.FILES or None)
    lead_image = _lead_image(request, form, None)
    preview = _preview(request, form) if request.method == "POST" else None
    if request.method == "POST" and preview is None and form.is_valid():
        data = form.cleaned_data
        article, created = _publish(
            request,
            form,
            lambda: services.write_article(
                author=request.user,
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                conditions=data["conditions"],
                publish=data["publish"],
                lead_image=lead_image,
                lead_image_alt=data["lead_image_alt"],
            ),
        )
        if created:
            messages.success(request, "Article published." if data["publish"] else "Draft saved.")
        if article is not None:
            return redirect(article.thread if isinstance(article, Post) else article)
    return render(
        request,
        "discussions/article_form.html",
        {"form": form, "preview": preview, "new": True, "lead_image": lead_image},
    )


@login_required
def article_edit(request: MemberRequest, pk: int) -> HttpResponse:
    article = get_thread_for_user(request, pk, kind=Thread.Kind.ARTICLE)
    if article.opening_post is None:
        raise ValueError("An article always has its opening post.")
    permissions.check_can_edit_post(request.user, article.opening_post)
    initial = {
        "title": article.title,
        "summary": article.summary,
        "body": article.opening_post.body,
        "conditions": article.conditions.all(),
        "publish": not article.is_draft,
        "lead_image_key": article.lead_image.key if article.lead_image else "",
        "lead_image_alt": article.lead_image_alt,
    }
    form = ArticleForm(request.POST or None, request.FILES or None, initial=initial)
    lead_image = _lead_image(request, form, article.lead_image)
    preview = _preview(request, form) if request.method == "POST" else None
    if request.method == "POST" and preview is None and form.is_valid():
        data = form.cleaned_data
        _, saved = _publish(
            request,
            form,
            lambda: services.update_article(
                article=article,
                editor=request.user,
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                conditions=data["conditions"],
                publish=data["publish"],
                lead_image=lead_image,
                lead_image_alt=data["lead_image_alt"],
            ),
        )
        if saved:
            messages.success(request, "Article saved.")
            return redirect(article)
    return render(
        request,
        "discussions/article_form.html",
        {"form": form, "preview": preview, "article": article, "lead_image": lead_image},
    )


@require_POST
@login_required
def article_review(request: MemberRequest, pk: int) -> HttpResponse:
    """A verified clinician's "Mark as reviewed by me": the only way a review stamp gets
    a clinician's name besides a moderator's action in the admin."""
    article = get_thread_for_user(request, pk, kind=Thread.Kind.ARTICLE)
    permissions.check_can_review_article(request.user, article)
    services.record_review(thread=article, reviewer=request.user)
    messages.success(request, "Marked as reviewed by you today. Thank you.")
    return redirect(article)


@login_required
def reply(request: MemberRequest, pk: int) -> HttpResponse:
    """Reply to a post; the plain-page form that also works without JavaScript."""
    parent = get_post_for_user(request, pk)
    thread = parent.thread
    permissions.check_can_reply(request.user, thread)
    try:
        policy.check_reply_target(parent=parent, author=request.user)
    except policy.ReplyRefused as exc:
        messages.error(request, str(exc))
        return redirect(thread)
    form = ReplyForm(
        request.POST or None,
        request.FILES or None,
        allow_anonymous=permissions.can_post_anonymously(request.user),
    )
    preview = _preview(request, form) if request.method == "POST" else None
    # Posting, the service shows the notice first (one read of the phrases, not two).
    red_flag = _red_flag_to_confirm(request, form) if preview is not None else None
    if request.method == "POST" and preview is None and form.is_valid():
        try:
            post, created = _publish(
                request,
                form,
                lambda: services.post_reply(
                    parent=parent,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    anonymous=form.cleaned_data.get("anonymous", False),
                    content_note=form.cleaned_data["content_note"],
                    red_flag_notice_first=request.POST.get("red_flag_seen") != "1",
                ),
            )
        except services.ReplyTooDeep as exc:
            form.add_error("body", str(exc))
        except policy.RedFlagNotice as notice:
            red_flag = notice.hit
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
def edit(request: MemberRequest, pk: int) -> HttpResponse:
    post = get_post_for_user(request, pk)
    permissions.check_can_edit_post(request.user, post)
    thread = post.thread
    if post.is_opening and thread.is_article:
        return redirect("discussions:article_edit", pk=thread.pk)
    initial = {"body": post.body, "title": thread.title}
    form = EditPostForm(
        request.POST or None, request.FILES or None, initial=initial, with_title=post.is_opening
    )
    preview = _preview(request, form) if request.method == "POST" else None
    red_flag = _red_flag_to_confirm(request, form, post=post)
    if request.method == "POST" and preview is None and red_flag is None and form.is_valid():
        was_held = post.status == Status.HELD
        _, saved = _publish(
            request,
            form,
            lambda: services.edit_post(
                post=post,
                editor=request.user,
                body=form.cleaned_data["body"],
                title=form.cleaned_data.get("title"),
            ),
        )
        if saved:
            if post.status == Status.HELD and not was_held:
                messages.info(
                    request,
                    "Your changes are saved. A moderator checks new members' posts, edits "
                    "included: others will see it again once approved.",
                )
            else:
                messages.success(
                    request, "Your changes are saved. Earlier versions stay in the history."
                )
            return redirect(post)
    return render(
        request,
        "discussions/edit_form.html",
        {"form": form, "post": post, "thread": thread, "preview": preview, "red_flag": red_flag},
    )


@login_required
def delete(request: MemberRequest, pk: int) -> HttpResponse:
    post = get_post_for_user(request, pk)
    permissions.check_can_delete_post(request.user, post)
    if request.method == "POST":
        services.delete_post(post=post, actor=request.user)
        messages.success(request, "Your post is deleted.")
        return redirect("home" if post.is_opening else post.get_absolute_url())
    return render(request, "discussions/delete_confirm.html", {"post": post})


@require_POST
@login_required
def helpful(request: MemberRequest, pk: int) -> HttpResponse:
    post = get_post_for_user(request, pk)
    permissions.check_can_mark_helpful(request.user, post)
    if request.POST.get("undo"):
        services.unmark_helpful(post=post, user=request.user)
    elif not services.mark_helpful(post=post, user=request.user):
        messages.info(request, "You had already marked that reply as helpful.")
    return redirect(post)


@require_POST
@login_required
def accept(request: MemberRequest, pk: int) -> HttpResponse:
    post = get_post_for_user(request, pk)
    thread = post.thread
    permissions.check_can_accept(request.user, thread)
    undo = bool(request.POST.get("undo"))
    try:
        services.accept_answer(thread=thread, post=None if undo else post, actor=request.user)
    except services.AnswerRefused as exc:
        messages.error(request, str(exc))
        return redirect(thread)
    messages.success(request, "Accepted answer cleared." if undo else "Answer accepted.")
    return redirect(post)


PREVIEW_MAX_CHARS = 20_000


@require_POST
@login_required
def preview(request: MemberRequest) -> HttpResponse:
    """The live preview of the editors: a body rendered exactly as a post would be."""
    body = request.POST.get("body", "")
    if len(body) > PREVIEW_MAX_CHARS:
        return HttpResponseBadRequest(
            f"Too long to preview: at most {PREVIEW_MAX_CHARS:,} characters.",
            content_type="text/plain; charset=utf-8",
        )
    assert isinstance(request.user, User)
    return HttpResponse(services.render_body(body, author=request.user))


@require_POST
@login_required
def members_only(request: MemberRequest, pk: int) -> HttpResponse:
    """The asker keeps a question for signed-in members, or opens it to everyone."""
    thread = get_thread_for_user(request, pk, kind=Thread.Kind.QUESTION)
    permissions.check_can_set_members_only(request.user, thread)
    choice = request.POST.get("members_only")
    if choice not in {"0", "1"}:
        return HttpResponseBadRequest("Say 1 (members only) or 0 (everyone).")
    services.set_members_only(thread=thread, members_only=choice == "1")
    messages.success(
        request,
        "Only signed-in members can read it now." if choice == "1" else "Everyone can read it now.",
    )
    return redirect(thread)

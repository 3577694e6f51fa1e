from datetime import timedelta
from types import SimpleNamespace

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.views.decorators.http import require_POST

from forum.conditions.models import Condition
from forum.conditions.views import ThreadFeed, xml_safe
from forum.core.markdown import render_markdown
from forum.core.pagination import DeferredJoinPaginator

from . import permissions, policy, services
from .forms import ArticleForm, EditPostForm, QuestionForm, ReplyForm
from .models import HelpfulMark, Post, Thread
from .tree import PAGE_DEPTH, render_tree, reply_page, reply_rows, shape

QUESTIONS_PER_PAGE = 20
SORTS = {
    "newest": ("-published_at", "Newest"),
    "active": ("-last_activity_at", "Recently active"),
    "helpful": ("-helpful_count", "Most helpful"),
}
FILTERS = {"all": "All", "unanswered": "Unanswered", "unsolved": "Unsolved"}


def _get_thread_for_user(request, pk, kind=None) -> Thread:
    """The thread with its opening post and author, or 404 if this visitor may not see it."""
    qs = Thread.objects.visible_to(request.user).select_related(
        "author", "opening_post", "reviewed_by", "accepted_post__author"
    )
    if kind:
        qs = qs.filter(kind=kind)
    return get_object_or_404(qs, pk=pk)


def _get_post_for_user(request, pk) -> Post:
    post = get_object_or_404(
        Post.objects.visible_to(request.user).select_related("thread", "author"), pk=pk
    )
    if not Thread.objects.visible_to(request.user).filter(pk=post.thread_id).exists():
        raise Http404
    return post


def _page_number(request) -> int:
    try:
        return max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        return 1


def home(request):
    questions = Thread.objects.public().questions().for_lists()
    context = {
        "latest": questions.order_by("-published_at")[:10],
        "unanswered": questions.unanswered().order_by("-published_at")[:5],
        "articles": Thread.objects.public().articles().for_lists().order_by("-published_at")[:5],
        "conditions": Condition.objects.top_level().prefetch_related("children"),
        "waiting": Thread.objects.public().questions().unanswered().count(),
    }
    return render(request, "discussions/home.html", context)


def question_list(request):
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "newest"
    show = request.GET.get("show") if request.GET.get("show") in FILTERS else "all"
    questions = Thread.objects.public().questions()
    if show == "unanswered":
        questions = questions.unanswered()
    elif show == "unsolved":
        questions = questions.unsolved()
    condition = None
    if slug := request.GET.get("condition"):
        condition = get_object_or_404(Condition, slug=slug)
        questions = questions.tagged(condition)
    questions = questions.for_lists().order_by(SORTS[sort][0], "-id")
    paginator = DeferredJoinPaginator(questions, QUESTIONS_PER_PAGE)
    page = paginator.get_page(_page_number(request))
    query = {"sort": sort, "show": show} | ({"condition": condition.slug} if condition else {})
    return render(
        request,
        "discussions/question_list.html",
        {
            "page": page,
            "sort": sort,
            "show": show,
            "sorts": {k: v[1] for k, v in SORTS.items()},
            "filters": FILTERS,
            "condition": condition,
            "conditions": Condition.objects.all(),
            "query": query,
        },
    )


def needs_answer(request):
    """Questions nobody has replied to yet, oldest first; clinicians see their conditions."""
    questions = Thread.objects.needing_answer()
    condition = None
    if slug := request.GET.get("condition"):
        condition = get_object_or_404(Condition, slug=slug)
        questions = questions.tagged(condition)
    page = DeferredJoinPaginator(questions.for_lists(), QUESTIONS_PER_PAGE).get_page(
        _page_number(request)
    )
    mine = []
    if request.user.is_authenticated and request.user.is_verified_clinician:
        older_than = timezone.now() - timedelta(hours=settings.MEDIUS_NEEDS_ANSWER_HOURS)
        mine = (
            Thread.objects.needing_answer(older_than=older_than)
            .filter(conditions__in=request.user.answers_for.all())
            .distinct()
            .for_lists()[:20]
        )
    return render(
        request,
        "discussions/needs_answer.html",
        {
            "page": page,
            "condition": condition,
            "conditions": Condition.objects.all(),
            "mine": mine,
            "query": {"condition": condition.slug} if condition else {},
        },
    )


def article_list(request):
    articles = Thread.objects.public().articles().for_lists().order_by("-published_at", "-id")
    page = DeferredJoinPaginator(articles, QUESTIONS_PER_PAGE).get_page(_page_number(request))
    drafts = []
    if request.user.is_authenticated:
        drafts = Thread.objects.articles().filter(author=request.user, published_at__isnull=True)
    return render(request, "discussions/article_list.html", {"page": page, "drafts": drafts})


def _preview(request, form):
    """The server-side preview of a form's body, rendered by the same pipeline as posts."""
    if "preview" in request.POST and form.is_valid():
        return render_markdown(form.cleaned_data["body"])
    return None


def _red_flag_to_confirm(request, form):
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


def _publish(request, form, publish):
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
def ask(request):
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


def _announce(request, post, posted_message):
    if post.status == "held":
        messages.info(
            request,
            "Thanks! A moderator checks new members' first posts; yours will appear for "
            "everyone once approved. You can already see it, marked “awaiting review”.",
        )
    else:
        messages.success(request, posted_message)


@login_required
def article_new(request):
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
def article_edit(request, pk):
    article = _get_thread_for_user(request, pk, kind=Thread.Kind.ARTICLE)
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


def _start_param(request) -> int | None:
    raw = request.GET.get("from", "")
    return int(raw) if raw.isdigit() else None


def thread_detail(request, pk, slug, kind):
    thread = _get_thread_for_user(request, pk, kind=kind)
    if slug != thread.slug:
        return redirect(thread, permanent=True)
    whole = request.GET.get("view") == "all"
    page = reply_page(
        root=thread.opening_post, viewer=request.user, start=_start_param(request), whole=whole
    )
    helpful = set()
    if request.user.is_authenticated:
        helpful = set(
            HelpfulMark.objects.filter(user=request.user, post__thread=thread).values_list(
                "post_id", flat=True
            )
        )
    user = request.user
    conditions = list(thread.conditions.all())
    can_reply = permissions.can_reply(user, thread)
    tree = render_tree(
        page=page,
        thread=thread,
        helpful=helpful,
        can_reply=can_reply,
        can_accept=permissions.can_accept(user, thread),
        can_report=permissions.can_post(user),
        user_id=user.pk,
    )
    context = {
        "thread": thread,
        "opening": thread.opening_post,
        "conditions": conditions,
        "structured_data": _structured_data(thread, conditions),
        "page": page,
        "tree": tree,
        "whole": whole,
        "reply_form": ReplyForm(),
        "can_reply": can_reply,
        "can_edit": permissions.can_edit_post(user, thread.opening_post),
        "can_report": permissions.can_report(user, thread.opening_post),
        # Reached through the relation, so discussions imports nothing from notifications.
        "following": user.is_authenticated
        and user.follows.filter(thread=thread, muted=False).exists(),
        "user_id": user.pk,
    }
    return render(request, "discussions/thread_detail.html", context)


def _person(user) -> dict:
    if user is None:
        return {"@type": "Person", "name": "[deleted member]"}
    return {
        "@type": "Person",
        "name": user.public_name,
        "url": settings.SITE_URL + user.get_absolute_url(),
    }


def _structured_data(thread, conditions) -> dict | None:
    """schema.org data for search engines (JSON-LD): an Article, a QAPage for a question
    with an accepted answer, else a DiscussionForumPosting. None unless the thread is public.
    """
    if thread.status != "visible" or thread.is_draft:
        return None
    opening = thread.opening_post
    url = settings.SITE_URL + thread.get_absolute_url()
    text = strip_tags(opening.html).strip()
    common = {
        "url": url,
        "datePublished": thread.published_at,
        "author": _person(thread.author),
    }
    if opening.edited_at:
        common["dateModified"] = opening.edited_at
    if conditions:
        common["keywords"] = ", ".join(c.name for c in conditions)
    if thread.is_article:
        return {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": thread.title,
            "description": thread.summary or text[:300],
            "publisher": {"@type": "Organization", "name": "Medius", "url": settings.SITE_URL},
            **common,
        }
    accepted = thread.accepted_post
    if accepted is not None and accepted.status == "visible":
        return {
            "@context": "https://schema.org",
            "@type": "QAPage",
            "mainEntity": {
                "@type": "Question",
                "name": thread.title,
                "text": text,
                "answerCount": thread.reply_count,
                **common,
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": strip_tags(accepted.html).strip(),
                    "datePublished": accepted.created_at,
                    "upvoteCount": accepted.helpful_count,
                    "url": settings.SITE_URL + accepted.get_absolute_url(),
                    "author": _person(accepted.author),
                },
            },
        }
    return {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        "headline": thread.title,
        "text": text,
        "commentCount": thread.reply_count,
        **common,
    }


def permalink(request, pk):
    """Redirect to the page and anchor where a reply is shown."""
    post = _get_post_for_user(request, pk)
    thread = post.thread
    if post.is_opening:
        return redirect(thread)
    ancestors = post.ancestor_ids()
    if post.depth > PAGE_DEPTH:
        # Deep replies live on the "continue this thread" page of their ancestor at PAGE_DEPTH.
        branch_root = ancestors[(post.depth - 1) // PAGE_DEPTH * PAGE_DEPTH]
        return redirect(f"{reverse('discussions:subthread', args=[branch_root])}#r-{post.pk}")
    top_level = ancestors[1] if len(ancestors) > 1 else post.pk
    first_page = reply_page(root=thread.opening_post, viewer=request.user)
    if any(r.id == post.pk for r in first_page.replies):
        return redirect(f"{thread.get_absolute_url()}#r-{post.pk}")
    branch = reply_page(root=thread.opening_post, viewer=request.user, start=top_level)
    start = top_level if any(r.id == post.pk for r in branch.replies) else post.pk
    return redirect(f"{thread.get_absolute_url()}?from={start}#r-{post.pk}")


def subthread(request, pk):
    """A "continue this thread" page: one reply and the branch below it."""
    root = _get_post_for_user(request, pk)
    if root.is_opening:
        return redirect(root.thread)
    thread = root.thread
    page = reply_page(root=root, viewer=request.user, start=_start_param(request))
    helpful = set()
    if request.user.is_authenticated:
        helpful = set(
            HelpfulMark.objects.filter(user=request.user, post__thread=thread).values_list(
                "post_id", flat=True
            )
        )
    root_row = shape(
        [SimpleNamespace(**row) for row in reply_rows(Post.objects.filter(pk=root.pk))],
        root=root,
        whole=True,
    ).replies[0]
    tree = render_tree(
        page=page,
        thread=thread,
        helpful=helpful,
        can_reply=permissions.can_reply(request.user, thread),
        can_accept=permissions.can_accept(request.user, thread),
        can_report=permissions.can_post(request.user),
        user_id=request.user.pk,
    )
    return render(
        request,
        "discussions/subthread.html",
        {"thread": thread, "root": root_row, "page": page, "tree": tree},
    )


@login_required
def reply(request, pk):
    """Reply to a post; the plain-page form that also works without JavaScript."""
    parent = _get_post_for_user(request, pk)
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
def edit(request, pk):
    post = _get_post_for_user(request, pk)
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
def delete(request, pk):
    post = _get_post_for_user(request, pk)
    permissions.check_can_delete_post(request.user, post)
    if request.method == "POST":
        services.delete_post(post=post, actor=request.user)
        messages.success(request, "Your post is deleted.")
        return redirect("home" if post.is_opening else post.get_absolute_url())
    return render(request, "discussions/delete_confirm.html", {"post": post})


def history(request, pk):
    post = _get_post_for_user(request, pk)
    if post.is_deleted and not permissions.is_moderator(request.user):
        raise Http404
    revisions = post.revisions.select_related("editor")
    return render(request, "discussions/history.html", {"post": post, "revisions": revisions})


@require_POST
@login_required
def helpful(request, pk):
    post = _get_post_for_user(request, pk)
    permissions.check_can_mark_helpful(request.user, post)
    if request.POST.get("undo"):
        services.unmark_helpful(post=post, user=request.user)
    elif not services.mark_helpful(post=post, user=request.user):
        messages.info(request, "You had already marked that reply as helpful.")
    return redirect(post)


@require_POST
@login_required
def accept(request, pk):
    post = _get_post_for_user(request, pk)
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
def preview(request):
    """The live preview of the editors: a body rendered exactly as a post would be."""
    body = request.POST.get("body", "")
    if len(body) > PREVIEW_MAX_CHARS:
        return HttpResponseBadRequest(
            f"Too long to preview: at most {PREVIEW_MAX_CHARS:,} characters.",
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(services.render_body(body))


class SiteFeed(ThreadFeed):
    """Atom feed of the newest public questions and articles on the whole site."""

    title = "Medius"
    subtitle = "New questions and articles about outer-hip and buttock pain."

    def link(self):
        return reverse("home")

    def items(self):
        return self.newest(Thread.objects)


class ThreadRepliesFeed(Feed):
    """Atom feed of a public thread's visible replies, newest first."""

    feed_type = Atom1Feed
    item_guid_is_permalink = False
    LENGTH = 50

    def get_object(self, request, pk):
        return get_object_or_404(Thread.objects.public(), pk=pk)

    def title(self, obj):
        return xml_safe(f"Replies to “{obj.title}” on Medius")

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return (
            Post.objects.replies()
            .filter(thread=obj, status="visible")
            .select_related("author")
            .order_by("-created_at", "-id")[: self.LENGTH]
        )

    def item_title(self, item):
        return xml_safe(f"{self.item_author_name(item)} replied")

    def item_description(self, item):
        return xml_safe(item.html)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.edited_at or item.created_at

    def item_guid(self, item):
        return f"tag:medius,2026:post/{item.pk}"

    def item_author_name(self, item):
        return xml_safe(item.author.public_name) if item.author else "[deleted member]"

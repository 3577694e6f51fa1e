from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from forum.core.params import page_number
from forum.discussions.models import Post

from .backends import PER_PAGE, Filters, get_backend, similar_questions
from .forms import SearchForm
from .query import Vocabulary, parse

MAX_PAGE = 50  # far beyond anyone's patience; bounds the OFFSET an engine must rank past
FRAGMENT = "fragment"  # ?fragment=1: the bare list similar.js puts under the title field


def _page_number(request: HttpRequest) -> int:
    """``?page=N``; past ``MAX_PAGE`` there is no such page (404), as past the last result."""
    number = page_number(request.GET.get("page"))
    if number > MAX_PAGE:
        raise Http404("No such page of results")
    return number


def results(request: HttpRequest) -> HttpResponse:
    vocabulary = Vocabulary.load()
    form = SearchForm(request.GET, conditions=vocabulary.conditions)
    form.is_valid()
    query = parse(form.cleaned_data.get("q", ""), vocabulary)
    number = _page_number(request)
    backend = get_backend()
    hits = backend.search(
        query, request.user, form.filters(), offset=(number - 1) * PER_PAGE, limit=PER_PAGE + 1
    )
    has_next, hits = len(hits) > PER_PAGE, hits[:PER_PAGE]
    if number > 1 and not hits:
        raise Http404("No such page of results")
    posts = (
        Post.objects.filter(pk__in=[hit.post_id for hit in hits])
        .select_related("thread")
        .prefetch_related("thread__conditions")
    )
    by_id = {post.pk: post for post in posts}
    page_query = request.GET.copy()
    page_query.pop("page", None)
    context = {
        "form": form,
        "query": query,
        "results": [(hit, by_id[hit.post_id]) for hit in hits if hit.post_id in by_id],
        "number": number,
        "has_next": has_next,
        "filtered": form.filters() != Filters(),
        "page_query": page_query,
    }
    if query and not hits and number == 1:
        known = {c.pk for c in query.conditions}
        context["close_conditions"] = [
            c for c in vocabulary.close_to(query.text) if c.pk not in known
        ]
        context["close_titles"] = backend.close_titles(query, request.user)
    return render(request, "search/results.html", context)


def similar(request: HttpRequest) -> HttpResponse:
    """Questions like a draft title: a page of its own, or with ``?fragment=1`` the bare
    list that similar.js puts under the ask page's title field while it is typed.

    The page is what the ask page's preview step links to, so that the list is there
    without JavaScript too.
    """
    title = request.GET.get("title", "")
    context = {"questions": similar_questions(title), "title": " ".join(title.split())}
    if request.GET.get(FRAGMENT):
        return render(request, "search/_similar.html", context)
    return render(request, "search/similar.html", context)

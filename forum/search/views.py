from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from forum.conditions.models import Condition, Guide, mentioning
from forum.core.params import page_number
from forum.discussions.models import Post

from .backends import PER_PAGE, Filters, get_backend, similar_questions
from .forms import SearchForm
from .query import ParsedQuery, Vocabulary, parse

MAX_GUIDES_BY_TEXT = 3
MIN_GUIDE_WORD = 3  # shorter words are inside too many others for a substring match
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
    guides, misspelt = _offered_guides(query, vocabulary) if query and number == 1 else ([], False)
    context = {
        "form": form,
        "query": query,
        "guides": guides,
        "guides_misspelt": misspelt,
        "results": [(hit, by_id[hit.post_id]) for hit in hits if hit.post_id in by_id],
        "number": number,
        "has_next": has_next,
        "filtered": form.filters() != Filters(),
        "page_query": page_query,
    }
    if query and not hits and number == 1:
        known = {c.pk for c, _ in guides}
        context["close_conditions"] = [
            c for c in vocabulary.close_to(query.text) if c.pk not in known
        ]
        context["close_titles"] = backend.close_titles(query, request.user)
    return render(request, "search/results.html", context)


def _offered_guides(
    query: ParsedQuery, vocabulary: Vocabulary
) -> tuple[list[tuple[Condition, Guide | None]], bool]:
    """The conditions (with their guides) to offer above the results, and whether they are
    guesses at a misspelling.

    First the conditions the query names (a name or synonym); failing those, conditions
    whose name the query looks like a misspelling of ("bursitus"); then up to
    ``MAX_GUIDES_BY_TEXT`` guides whose text has every other word of the query. One query.
    """
    named = list(query.conditions)
    close = [] if named else vocabulary.close_to(query.text)
    first = {c.pk: c for c in [*named, *close]}
    words = [
        word
        for term in query.terms
        if not term.condition_ids
        for word in term.words
        if len(word) >= MIN_GUIDE_WORD
    ]
    wanted = Q(condition_id__in=list(first))
    if words:
        wanted |= mentioning(words)
    guides = {g.condition_id: g for g in Guide.objects.filter(wanted)}
    conditions = {c.pk: c for c in vocabulary.conditions}
    by_text = sorted(
        (pk for pk in guides if pk not in first and pk in conditions),
        key=lambda pk: conditions[pk].name,
    )[:MAX_GUIDES_BY_TEXT]
    offered = [(c, guides.get(c.pk)) for c in first.values()]
    offered += [(conditions[pk], guides[pk]) for pk in by_text]
    return offered, bool(close)


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

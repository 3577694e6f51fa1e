"""Pages that list threads: home, questions, articles, unanswered, condition and
treatment pages."""

from django.db import router
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from forum.conditions.models import Condition, Guide
from forum.conditions.permissions import can_review_guide
from forum.core.pagination import DeferredJoinPaginator, page_or_404
from forum.core.prepared import PreparedCount, PreparedList
from forum.treatments import aggregates as treatment_aggregates
from forum.treatments.models import Treatment

from ..listing import with_conditions, with_tagged_count
from ..models import Follow, Thread, ThreadQuerySet
from ..structured_data import collection_structured_data, condition_structured_data
from .access import page_number

QUESTIONS_PER_PAGE = 20
CONDITION_LIST_LENGTH = 20
CONDITION_HELPFUL_LENGTH = 10
TREATMENT_QUESTIONS_LENGTH = 20
# Newest (the default) leads with pinned threads, like every newest-first list; the
# other orders are what they say.
SORTS = {
    "newest": (("-is_pinned", "-published_at"), "Newest"),
    "active": (("-last_activity_at",), "Recently active"),
    "helpful": (("-helpful_count",), "Most helpful"),
}
FILTERS = {"all": "All", "unanswered": "Unanswered", "unsolved": "Unsolved"}


def _home_queries(members: bool) -> tuple[list[PreparedList[Thread]], PreparedCount]:
    listed = Thread.objects.listed(members=members)
    questions = listed.questions().for_lists(conditions=False)
    lists = [
        PreparedList(lambda: questions.newest_first()[:10]),
        PreparedList(lambda: questions.unanswered().newest_first()[:5]),
        PreparedList(lambda: listed.articles().for_lists(conditions=False).newest_first()[:5]),
    ]
    return lists, PreparedCount(lambda: listed.questions().unanswered().values("pk"), arity=0)


# The same SQL on every visit (one set for visitors, one for members): compiled once.
HOME_QUERIES = {members: _home_queries(members) for members in (False, True)}


def _condition_queries(members: bool) -> list[PreparedList[Thread]]:
    """A condition page's articles, newest questions, most helpful answered questions and
    questions waiting for an answer, as ``listed`` for members or visitors, by condition
    id."""

    def listed(condition_id: int) -> ThreadQuerySet:
        return (
            Thread.objects.listed(members=members)
            .tagged_with(condition_id)
            .for_lists(conditions=False)
        )

    return [
        PreparedList(
            lambda cid: listed(cid).articles().newest_first()[:CONDITION_LIST_LENGTH], arity=1
        ),
        PreparedList(
            lambda cid: listed(cid).questions().newest_first()[:CONDITION_LIST_LENGTH], arity=1
        ),
        PreparedList(
            lambda cid: listed(cid).questions().most_helpful_answered()[:CONDITION_HELPFUL_LENGTH],
            arity=1,
        ),
        PreparedList(
            lambda cid: (
                Thread.objects.listed(members=members)
                .needing_answer()
                .tagged_with(cid)
                .for_lists(conditions=False)[:CONDITION_LIST_LENGTH]
            ),
            arity=1,
        ),
    ]


CONDITION_QUERIES = {members: _condition_queries(members) for members in (False, True)}
# The question list's choice of conditions, on every page of it.
ALL_CONDITIONS = PreparedList(lambda: Condition.objects.all())


def home(request: HttpRequest) -> HttpResponse:
    lists, waiting = HOME_QUERIES[request.user.is_authenticated]
    using = router.db_for_read(Thread)
    latest, unanswered, articles = with_conditions(*(each.fetch(using=using) for each in lists))
    context = {
        "latest": latest,
        "unanswered": unanswered,
        "articles": articles,
        "conditions": Condition.objects.two_levels(),
        "waiting": waiting.count(using=using),
    }
    return render(request, "discussions/home.html", context)


def _listed_questions(members: bool, show: str, condition: Condition | None) -> ThreadQuerySet:
    questions = Thread.objects.listed(members=members).questions()
    if show == "unanswered":
        questions = questions.unanswered()
    elif show == "unsolved":
        questions = questions.unsolved()
    return questions if condition is None else questions.tagged(condition)


def _question_count(members: bool, show: str, tagged: bool) -> PreparedCount:
    if not tagged:
        return PreparedCount(lambda: _listed_questions(members, show, None).values("pk"), arity=0)
    return PreparedCount(
        lambda pk: _listed_questions(members, show, Condition(pk=pk)).values("pk"), arity=1
    )


# The number of questions a list counts, for each filter: compiled once.
QUESTION_COUNTS = {
    (members, show, tagged): _question_count(members, show, tagged)
    for members in (False, True)
    for show in FILTERS
    for tagged in (False, True)
}


def question_list(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "") if request.GET.get("sort") in SORTS else "newest"
    show = request.GET.get("show", "") if request.GET.get("show") in FILTERS else "all"
    condition = None
    if slug := request.GET.get("condition"):
        condition = get_object_or_404(Condition, slug=slug)
    members = request.user.is_authenticated
    questions = _listed_questions(members, show, condition)
    questions = questions.for_lists().order_by(*SORTS[sort][0], "-id")
    paginator = DeferredJoinPaginator(questions, QUESTIONS_PER_PAGE)
    count = QUESTION_COUNTS[members, show, condition is not None]
    ids = () if condition is None else (condition.pk,)
    paginator.count = count.count(*ids, using=router.db_for_read(Thread))
    page = page_or_404(paginator, page_number(request))
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
            "conditions": ALL_CONDITIONS.fetch(using=router.db_for_read(Condition)),
            "query": query,
            "structured_data": collection_structured_data(
                name=f"Questions about {condition.name}" if condition else "Questions",
                path=request.path,
                description="Questions and answers about outer-hip and buttock pain.",
                trail=[("Questions", request.path)],
                threads=page.object_list,
            ),
        },
    )


def needs_answer(request: HttpRequest) -> HttpResponse:
    """Questions nobody has replied to yet, oldest first; clinicians see their conditions."""
    questions = Thread.objects.listed_for(request.user).needing_answer()
    condition = None
    if slug := request.GET.get("condition"):
        condition = get_object_or_404(Condition, slug=slug)
        questions = questions.tagged(condition)
    page = page_or_404(
        DeferredJoinPaginator(questions.for_lists(), QUESTIONS_PER_PAGE), page_number(request)
    )
    mine = []
    if request.user.is_authenticated and request.user.is_verified_clinician:
        mine = list(Thread.objects.waiting_for_clinician(request.user).for_lists()[:20])
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


def article_list(request: HttpRequest) -> HttpResponse:
    articles = Thread.objects.listed_for(request.user).articles().for_lists().newest_first()
    page = page_or_404(DeferredJoinPaginator(articles, QUESTIONS_PER_PAGE), page_number(request))
    drafts = []
    if request.user.is_authenticated:
        drafts = list(Thread.objects.articles().drafts_by(request.user))
    structured_data = collection_structured_data(
        name="Articles",
        path=request.path,
        description="Articles on outer-hip and buttock pain, reviewed for accuracy.",
        trail=[("Articles", request.path)],
        threads=page.object_list,
    )
    context = {"page": page, "drafts": drafts, "structured_data": structured_data}
    return render(request, "discussions/article_list.html", context)


def condition_index(request: HttpRequest) -> HttpResponse:
    public = Q(
        threads__status="visible", threads__published_at__isnull=False, threads__members_only=False
    )
    conditions = (
        Condition.objects.prefetch_related("synonyms")
        .select_related("parent")
        .annotate(thread_count=Count("threads", filter=public))
        .order_by("name")
    )
    structured_data = collection_structured_data(
        name="Conditions",
        path=request.path,
        description="Conditions of the outer hip, buttock and low back.",
        trail=[("Conditions", request.path)],
    )
    context = {"conditions": conditions, "structured_data": structured_data}
    return render(request, "discussions/condition_index.html", context)


def condition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A condition's page: its clinician-reviewed guide first, then the community's
    questions (the most helpful answered ones, then those waiting for someone), articles
    and sub-conditions."""
    condition = get_object_or_404(
        with_tagged_count(
            Condition.objects.select_related("parent", "guide__reviewed_by").prefetch_related(
                "synonyms"
            )
        ),
        slug=slug,
    )
    guide = _guide_of(condition)
    articles: list[Thread] = []
    newest: list[Thread] = []
    helpful: list[Thread] = []
    unanswered: list[Thread] = []
    if condition.tagged_count:  # type: ignore[attr-defined]  # with_tagged_count()
        using = router.db_for_read(Thread)
        articles, newest, helpful, unanswered = with_conditions(
            *(
                each.fetch(condition.pk, using=using)
                for each in CONDITION_QUERIES[request.user.is_authenticated]
            )
        )
    pairs = guide.look_alikes() if guide is not None else []
    related = list(Condition.objects.children_or_named(condition, names={n for n, _ in pairs}))
    linked = {c.name: c for c in related}
    look_alikes = [(linked.get(name), name, how) for name, how in pairs]
    collection = collection_structured_data(
        name=condition.name,
        path=request.path,
        description=condition.description,
        trail=[
            ("Conditions", reverse("discussions:conditions")),
            (condition.name, request.path),
        ],
        threads=[*helpful, *newest, *articles],
    )
    context = {
        "condition": condition,
        "guide": guide,
        "look_alikes": look_alikes,
        "children": [c for c in related if c.parent_id == condition.pk],
        "articles": articles,
        "newest": newest,
        "helpful": helpful,
        "unanswered": unanswered,
        "following": Follow.objects.following(request.user, condition=condition),
        "can_review": guide is not None and can_review_guide(request.user, guide),
        "structured_data": [
            *condition_structured_data(
                condition,
                guide,
                path=request.path,
                look_alikes=[other for other, _, _ in look_alikes if other is not None],
            ),
            *collection,
        ],
        **treatment_aggregates.condition_context(condition),
    }
    return render(request, "discussions/condition_detail.html", context)


def _guide_of(condition: Condition) -> Guide | None:
    try:
        return condition.guide
    except Guide.DoesNotExist:
        return None


def treatment_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A treatment's page: what it is, the evidence, how it went for members by
    condition, and the public questions where it comes up. Here rather than in the
    treatments app, which sits below discussions and so cannot list questions."""
    treatment = get_object_or_404(Treatment.objects.prefetch_related("synonyms"), slug=slug)
    names = [treatment.name, *(synonym.name for synonym in treatment.synonyms.all())]
    questions = (
        Thread.objects.public()
        .questions()
        .mentioning_treatment(treatment.pk, names)
        .for_lists()
        .newest_first()[:TREATMENT_QUESTIONS_LENGTH]
    )
    context = {
        "treatment": treatment,
        "tallies": treatment_aggregates.for_treatment(treatment),
        "treatment_min_reports": treatment_aggregates.min_reports(),
        "questions": questions,
    }
    return render(request, "discussions/treatment_detail.html", context)

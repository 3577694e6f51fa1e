from django.contrib.syndication.views import Feed
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils.feedgenerator import Atom1Feed

from .models import Condition

LIST_LENGTH = 20


def condition_index(request):
    public = Q(threads__status="visible", threads__published_at__isnull=False)
    conditions = (
        Condition.objects.prefetch_related("synonyms")
        .select_related("parent")
        .annotate(thread_count=Count("threads", filter=public))
        .order_by("name")
    )
    return render(request, "conditions/index.html", {"conditions": conditions})


def condition_detail(request, slug):
    condition = get_object_or_404(
        Condition.objects.select_related("parent").prefetch_related("synonyms"), slug=slug
    )
    Thread = condition.threads.model  # reached through the relation: no import from above
    public = Thread.objects.public().tagged(condition).for_lists()
    questions = public.questions()
    context = {
        "condition": condition,
        "children": condition.children.all(),
        "articles": public.articles().order_by("-published_at")[:LIST_LENGTH],
        "newest": questions.order_by("-published_at")[:LIST_LENGTH],
        "unanswered": questions.unanswered().order_by("-published_at")[:LIST_LENGTH],
    }
    return render(request, "conditions/detail.html", context)


class ConditionFeed(Feed):
    """Atom feed of a condition's newest public questions and articles."""

    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return get_object_or_404(Condition, slug=slug)

    def title(self, obj):
        return f"{obj.name} on Medius"

    def subtitle(self, obj):
        return obj.description

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return (
            obj.threads.public()
            .select_related("author", "opening_post")
            .order_by("-published_at")[:LIST_LENGTH]
        )

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.title}"

    def item_description(self, item):
        return item.summary or item.opening_post.html

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.author.public_name if item.author else "[deleted member]"

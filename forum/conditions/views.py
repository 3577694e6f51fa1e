import re

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.feedgenerator import Atom1Feed

from .models import Condition

LIST_LENGTH = 20
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """XML 1.0 cannot carry most control characters; a feed drops them rather than fail."""
    return _CONTROL.sub("", text)


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
        "following": request.user.is_authenticated
        and request.user.follows.filter(condition=condition).exists(),
    }
    return render(request, "conditions/detail.html", context)


class ThreadFeed(Feed):
    """The item half of every Atom feed of threads: the site's, and each condition's.

    Subclasses say which threads (``items``) and describe the feed itself.
    """

    feed_type = Atom1Feed
    item_guid_is_permalink = False

    def item_title(self, item):
        return xml_safe(f"{item.get_kind_display()}: {item.title}")

    def item_description(self, item):
        return xml_safe(item.summary or item.opening_post.html)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.opening_post.edited_at or item.published_at

    def item_guid(self, item):
        """A permanent id (RFC 4287 4.2.6): the URL carries the slug, which a retitle changes."""
        return f"tag:medius,2026:thread/{item.pk}"

    def item_author_name(self, item):
        return xml_safe(item.author.public_name) if item.author else "[deleted member]"

    @staticmethod
    def newest(threads):
        """Public threads, newest first, with what the item methods read."""
        return (
            threads.public()
            .select_related("author", "opening_post")
            .order_by("-published_at", "-id")[:LIST_LENGTH]
        )


class ConditionFeed(ThreadFeed):
    """Atom feed of a condition's newest public questions and articles."""

    def get_object(self, request, slug):
        return get_object_or_404(Condition, slug=slug)

    def title(self, obj):
        return f"{obj.name} on Medius"

    def subtitle(self, obj):
        return obj.description

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return self.newest(obj.threads)


class AnsweringForm(forms.Form):
    conditions = forms.ModelMultipleChoiceField(
        queryset=Condition.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )


@login_required
def answering(request):
    """A verified clinician chooses the conditions whose unanswered questions reach them."""
    if not request.user.is_verified_clinician:
        raise PermissionDenied("Only verified clinicians choose conditions to answer for.")
    form = AnsweringForm(
        request.POST or None, initial={"conditions": request.user.answers_for.all()}
    )
    if request.method == "POST" and form.is_valid():
        request.user.answers_for.set(form.cleaned_data["conditions"])
        messages.success(request, "Saved.")
        return redirect("conditions:answering")
    return render(request, "conditions/answering.html", {"form": form})

"""Lists of threads as pages show them (home, the lists, condition and profile pages)."""

from collections import defaultdict
from collections.abc import Iterable
from itertools import chain

from django.db import models
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from forum.conditions.models import Condition, ConditionQuerySet
from forum.core import dates

from .models import Thread

EMPTY = "Nothing here yet."


def with_tagged_count(conditions: ConditionQuerySet) -> ConditionQuerySet:
    """Each condition with ``tagged_count``: how many threads carry it, whatever their
    status (a bound, not what a reader sees), counted from the tag table's
    ``condition_id`` index in the same query. Here, not on the conditions' QuerySet,
    because the tags belong to threads, a layer above conditions.

    A condition page skips its thread lists when it is nought: a list of a condition
    nobody has tagged yet is otherwise a walk of every thread of its kind, finding none.
    """
    tags = Thread.conditions.through.objects.filter(condition_id=models.OuterRef("pk"))
    # COUNT without GROUP BY: one row, nought when there is no tag.
    counted = tags.order_by().values(
        n=models.Func(models.F("pk"), function="COUNT", output_field=models.IntegerField())
    )
    return conditions.annotate(tagged_count=models.Subquery(counted[:1]))


def with_conditions(*lists: Iterable[Thread]) -> list[list[Thread]]:
    """Each of ``lists`` as a list, with every thread's conditions fetched by one query
    for them all rather than one per list.

    The result is what ``prefetch_related("conditions")`` leaves (``thread.conditions.all()``
    answers from it, in the conditions' own order), filled in directly: Django's prefetch
    builds a filtered queryset per thread to hold each thread's conditions, which cost a
    condition page more than its four lists' SQL.
    """
    evaluated = [list(threads) for threads in lists]
    by_pk: dict[int, list[Thread]] = defaultdict(list)
    for thread in chain.from_iterable(evaluated):
        by_pk[thread.pk].append(thread)
    if not by_pk:
        return evaluated
    tags: dict[int, list[Condition]] = defaultdict(list)
    tagged = Condition.objects.filter(threads__in=list(by_pk)).annotate(
        listed_on=models.F("threads__id")
    )
    for condition in tagged:
        tags[condition.listed_on].append(condition)  # type: ignore[attr-defined]  # annotated
    for pk, threads in by_pk.items():
        for thread in threads:
            cache = Condition.objects.all()
            cache._result_cache = tags[pk]
            cache._prefetch_done = True  # type: ignore[attr-defined]  # as prefetching sets it
            prefetched = getattr(thread, "_prefetched_objects_cache", {})
            thread._prefetched_objects_cache = {**prefetched, "conditions": cache}  # type: ignore[attr-defined]
    return evaluated


def render_thread_list(
    threads: Iterable[Thread], *, empty: str = EMPTY, level: int = 3
) -> SafeString:
    """``threads`` as an ``<ol class="thread-list">`` (or ``empty`` when there are none),
    each title a heading of ``level``, rendered by the Jinja2 engine.

    Jinja2 escapes every value as Django's engine does and nothing is marked safe; the
    threads come with their authors and conditions (``Thread.objects.for_lists()``).
    """
    template = get_template("discussions/thread_list.html", using="jinja2")
    html = template.render(
        {
            "threads": list(threads),
            "empty": empty or EMPTY,
            "level": level or 3,
            "html_datetime": lambda moment: dates.html_datetime(moment) if moment else "",
            "ago": lambda moment: dates.relative_time(moment) if moment else "",
        }
    )
    return mark_safe(html)  # noqa: S308 (autoescaped by Jinja2, see above)

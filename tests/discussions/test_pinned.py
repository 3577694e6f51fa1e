"""Pinned threads lead every newest-first list, and the lists still read an index.

Newest-first lists (home, the question list's default order, the article list, a
condition page) order by ``(-is_pinned, -published_at, -id)``, one backward scan of
``thread_pinned_newest`` or ``thread_pinned_unanswered``. The other orders (recently
active, most helpful) are what they say; the needs-an-answer page is oldest first with
pinned threads last. The query counts stay pinned in test_query_counts.py.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from forum.demo.bulk import build_questions
from forum.discussions import services
from forum.discussions.models import Thread
from forum.moderation import services as moderation
from tests.factories import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_posting_rules")]


@pytest.fixture
def threads(member, condition, moderator, editor):
    """An old pinned question and article, then newer ones; pins made through the service."""

    def ask(title, days_ago, **extra):
        thread = services.ask_question(
            author=member, title=title, body="Text.", conditions=[condition], screen=False
        )
        moment = timezone.now() - timedelta(days=days_ago)
        Thread.objects.filter(pk=thread.pk).update(published_at=moment, last_activity_at=moment)
        return thread

    pinned = ask("Read this first: how to ask well", 30)
    older = ask("Older question about stairs", 3)
    newer = ask("Newer question about side-lying", 1)
    services.post_reply(parent=older.opening_post, author=editor, body="A reply.", screen=False)
    moderation.set_thread_pinned(thread=pinned, moderator=moderator, pinned=True)
    old_article = make_article(author=editor, conditions=[condition], title="Pinned article")
    Thread.objects.filter(pk=old_article.pk).update(
        published_at=timezone.now() - timedelta(days=40)
    )
    moderation.set_thread_pinned(thread=old_article, moderator=moderator, pinned=True)
    article = make_article(author=editor, conditions=[condition], title="Newest article")
    return {"pinned": pinned, "older": older, "newer": newer, "pinned_article": old_article,
            "article": article}  # fmt: skip


def titles(items):
    return [t.title for t in items]


def test_pinned_threads_lead_home_and_the_condition_page(client, threads, condition):
    home = client.get(reverse("home")).context
    assert titles(home["latest"]) == [
        "Read this first: how to ask well",
        "Newer question about side-lying",
        "Older question about stairs",
    ]
    assert titles(home["unanswered"]) == [
        "Read this first: how to ask well",
        "Newer question about side-lying",
    ]
    assert titles(home["articles"]) == ["Pinned article", "Newest article"]

    page = client.get(condition.get_absolute_url()).context
    assert titles(page["newest"]) == titles(home["latest"])
    # The condition page's unanswered list is the questions that need someone, as on the
    # needs-an-answer page: the longest waiting first, an announcement last.
    assert titles(page["unanswered"]) == [
        "Newer question about side-lying",
        "Read this first: how to ask well",
    ]
    assert titles(page["articles"]) == ["Pinned article", "Newest article"]
    shown = client.get(condition.get_absolute_url()).content.decode()
    assert '<span class="badge">Pinned</span> Read this first' in shown


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Read this first", "Newer question", "Older question"]),
        ("?sort=newest&show=unanswered", ["Read this first", "Newer question"]),
        ("?sort=newest&show=unsolved", ["Read this first", "Newer question", "Older question"]),
        ("?sort=active", ["Older question", "Newer question", "Read this first"]),
    ],
)
def test_the_question_list_pins_in_its_default_order_only(client, threads, query, expected):
    page = client.get(reverse("discussions:questions") + query).context["page"]

    assert [t.title.split(":")[0].rsplit(" about", 1)[0] for t in page] == expected


def test_the_article_list_leads_with_pinned_articles(client, threads):
    page = client.get(reverse("discussions:articles")).context["page"]

    assert titles(page) == ["Pinned article", "Newest article"]


def test_needs_answer_is_oldest_first_with_pinned_threads_last(client, threads):
    page = client.get(reverse("discussions:needs_answer")).context["page"]

    assert titles(page) == ["Newer question about side-lying", "Read this first: how to ask well"]


def test_unpinning_puts_a_thread_back_in_its_place(client, threads, moderator):
    moderation.set_thread_pinned(thread=threads["pinned"], moderator=moderator, pinned=False)

    latest = client.get(reverse("home")).context["latest"]

    assert titles(latest)[-1] == "Read this first: how to ask well"


# The lists read an index, in order, without sorting


def plan_for(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return "\n".join(row[-1] for row in cursor.fetchall())
        # Small test tables are cheaper to read whole; switched off for this
        # transaction only, to show the plan the lists take at size.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.fixture
def many_questions(member, condition, other_condition):
    build_questions(
        n_questions=400, replies_per_question=2, max_depth=2, authors=[member.pk],
        conditions=[condition, other_condition],
    )  # fmt: skip
    Thread.objects.filter(pk__in=Thread.objects.order_by("pk").values("pk")[:3]).update(
        is_pinned=True
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def newest_lists(condition):
    public = Thread.objects.public()
    return {
        "home latest": public.questions().newest_first()[:10],
        "home unanswered": public.questions().unanswered().newest_first()[:5],
        "articles": public.articles().newest_first()[:20],
        "question list page ids": public.questions()
        .newest_first()
        .values_list("pk", flat=True)[40:60],
        "condition newest": public.tagged(condition).questions().newest_first()[:20],
    }


@pytest.mark.parametrize(
    "name",
    ["home latest", "home unanswered", "articles", "question list page ids", "condition newest"],
)
def test_newest_first_lists_read_an_index_in_order(many_questions, condition, name):
    plan = plan_for(newest_lists(condition)[name])

    # Unanswered lists may walk either index: both are in the list's order.
    indexes = ["thread_pinned_newest", "thread_pinned_unanswered"]
    assert any(index in plan for index in indexes[: 2 if "unanswered" in name else 1]), plan
    if connection.vendor == "sqlite":
        assert "TEMP B-TREE FOR ORDER BY" not in plan, plan
    else:
        assert "Sort" not in plan, plan


def test_needs_answer_reads_an_index_forward(many_questions):
    plan = plan_for(Thread.objects.needing_answer()[:20])

    assert "thread_pinned_unanswered" in plan or "thread_pinned_newest" in plan, plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan and "Sort" not in plan, plan


def test_a_pinned_thread_made_by_the_bulk_builder_is_still_first(client, many_questions):
    newest_pinned = Thread.objects.filter(is_pinned=True).order_by("-published_at").first()

    latest = client.get(reverse("home")).context["latest"]

    assert latest[0] == newest_pinned
    assert [t.is_pinned for t in latest[:4]] == [True, True, True, False]


def test_a_conditions_most_helpful_answered_questions_read_an_index_in_order(
    many_questions, condition
):
    """The condition page's "most helpful answered" list walks ``thread_answered_helpful``
    in its order (accepted first, then helpful marks, then newest) and stops after ten,
    instead of sorting every answered question of the condition."""
    listed = Thread.objects.public().tagged(condition).questions()
    plan = plan_for(listed.most_helpful_answered()[:10])

    assert "thread_answered_helpful" in plan, plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan and "Sort" not in plan, plan

"""Pinned query counts: pages must not grow with the number of replies or rows.

A visitor's thread page costs the thread (with its opening post, author and accepted
answer), its conditions, the replies, the top replies and, for a public question, the
count of its answers (the structured data's ``answerCount``, every page of it). The
replies are one range scan oldest first, plus one grouped count of what lies below the
page's deepest replies ("Continue this thread (N more)"); best and newest first read the
tree's shape in one light query and the page's replies in a second. A long thread
(``OUTLINE_MIN_REPLIES``) adds its outline's one aggregate. A member adds the session,
the user, the header's count of unread notifications, their helpful marks, whether they
follow the thread and the upsert of their read marker. The counts are the same at 200
and 2,000 replies, in every order.
"""

import pytest
from django.urls import reverse

from forum.accounts.models import ReplyOrder
from forum.demo.bulk import build_questions, build_reply_tree
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# thread, conditions, replies, continue counts, answer count, top replies, outline,
# the records shown with its posts (questions only)
EMPTY_QUESTION_VISITOR_QUERIES = 6  # no replies: no tree to shape, count or order
VISITOR_THREAD_QUERIES = {ReplyOrder.OLDEST: 8, ReplyOrder.BEST: 8, ReplyOrder.NEWEST: 8}
# + session, user, unread notifications, helpful marks, follow, read marker
MEMBER_EXTRA_QUERIES = 6
# A short thread (no outline; here no reply deep enough to continue): thread, conditions,
# replies (best first: shape, then page), answer count, top replies, shown records.
SHORT_VISITOR_QUERIES = 7


@pytest.fixture
def authors(db):
    return [UserFactory().pk for _ in range(5)]


@pytest.mark.parametrize("order", list(ReplyOrder))
@pytest.mark.parametrize("n_replies", [200, 2000])
def test_thread_page_query_count_is_fixed_in_every_order(
    n_replies, order, question, authors, client, member, django_assert_num_queries
):
    build_reply_tree(thread=question, n_replies=n_replies, max_depth=8, authors=authors)
    url = f"{question.get_absolute_url()}?order={order}"

    with django_assert_num_queries(VISITOR_THREAD_QUERIES[order]):
        response = client.get(url)
    assert response.context["outline"] is not None
    assert "Continue this thread" in response.content.decode()

    client.force_login(member)
    client.get(url)  # the first visit writes the marker; the second reads it
    with django_assert_num_queries(VISITOR_THREAD_QUERIES[order] + MEMBER_EXTRA_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n_replies", [1, 10])
def test_short_thread_page_query_count_is_fixed(
    n_replies, question, authors, client, member, django_assert_num_queries
):
    build_reply_tree(thread=question, n_replies=n_replies, max_depth=2, authors=authors)
    with django_assert_num_queries(SHORT_VISITOR_QUERIES):
        response = client.get(question.get_absolute_url())
    assert response.context["outline"] is None
    client.force_login(member)
    with django_assert_num_queries(SHORT_VISITOR_QUERIES + MEMBER_EXTRA_QUERIES):
        assert client.get(question.get_absolute_url()).status_code == 200


def test_members_kept_order_costs_no_query(
    question, authors, client, member, django_assert_num_queries
):
    build_reply_tree(thread=question, n_replies=200, max_depth=8, authors=authors)
    member.reply_order = ReplyOrder.NEWEST
    member.save()
    client.force_login(member)
    client.get(question.get_absolute_url())
    expected = VISITOR_THREAD_QUERIES[ReplyOrder.NEWEST] + MEMBER_EXTRA_QUERIES
    with django_assert_num_queries(expected):
        response = client.get(question.get_absolute_url())
    assert response.context["order"] == ReplyOrder.NEWEST


def test_whole_tree_of_2000_replies_is_one_page_with_the_same_query_count(
    question, authors, client, django_assert_num_queries
):
    build_reply_tree(thread=question, n_replies=2000, max_depth=8, authors=authors)
    # no continue counts (every depth is shown): one query fewer, in either order
    with django_assert_num_queries(VISITOR_THREAD_QUERIES[ReplyOrder.OLDEST] - 1):
        response = client.get(question.get_absolute_url() + "?view=all&order=oldest")
    assert response.content.decode().count('class="reply"') == 2000
    # best first reads the whole tree in full in one query instead of its light and full two
    with django_assert_num_queries(VISITOR_THREAD_QUERIES[ReplyOrder.BEST] - 1):
        response = client.get(question.get_absolute_url() + "?view=all")
    assert response.content.decode().count('class="reply"') == 2000


def test_later_reply_page_adds_no_query(question, authors, client, django_assert_num_queries):
    posts = build_reply_tree(thread=question, n_replies=500, max_depth=8, authors=authors)
    for order in ReplyOrder:
        first = client.get(f"{question.get_absolute_url()}?order={order}")
        next_start = first.context["page"].next_start
        assert next_start in {p.pk for p in posts}
        url = f"{question.get_absolute_url()}?order={order}&from={next_start}"
        with django_assert_num_queries(VISITOR_THREAD_QUERIES[order]):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("n_questions", [5, 60])
def test_question_list_query_count_does_not_grow_with_rows(
    n_questions, authors, condition, other_condition, client, django_assert_num_queries
):
    build_questions(
        n_questions=n_questions,
        replies_per_question=3,
        max_depth=3,
        authors=authors,
        conditions=[condition, other_condition],
    )
    # count, the page's ids, those threads with authors, their conditions, the filter's list
    later = max(1, n_questions // 20)  # a later page, where there is one
    for url in [
        "/questions/",
        f"/questions/?page={later}&sort=active",
        "/questions/?show=unanswered",
    ]:
        with django_assert_num_queries(5):
            assert client.get(url).status_code == 200
    with django_assert_num_queries(6):  # + the condition named in the filter
        assert client.get(f"/questions/?condition={condition.slug}").status_code == 200


@pytest.mark.parametrize("n_questions", [5, 60])
def test_home_and_condition_pages_query_counts_do_not_grow_with_rows(
    n_questions, authors, condition, other_condition, article, client, django_assert_num_queries
):
    build_questions(
        n_questions=n_questions,
        replies_per_question=3,
        max_depth=3,
        authors=authors,
        conditions=[condition, other_condition],
    )
    # three lists and their threads' conditions (one query for the three lists),
    # conditions with their children (one query), waiting count
    with django_assert_num_queries(6):
        assert client.get(reverse("home")).status_code == 200
    # condition (with its guide) and synonyms (2), children, four lists and their threads'
    # conditions (one query for the four), "What members tried" (1,
    # tests/treatments/test_views.py)
    with django_assert_num_queries(9):
        assert client.get(condition.get_absolute_url()).status_code == 200
    with django_assert_num_queries(2):
        assert client.get(reverse("discussions:conditions")).status_code == 200


@pytest.mark.django_db
def test_a_question_without_replies(client, question, django_assert_num_queries):
    with django_assert_num_queries(EMPTY_QUESTION_VISITOR_QUERIES):
        assert client.get(question.get_absolute_url()).status_code == 200

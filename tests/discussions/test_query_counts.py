"""Pinned query counts: pages must not grow with the number of replies or rows.

A visitor's thread page costs the thread (with its opening post and author), its
conditions, one range scan of replies and, for a public question, the count of its answers
(the structured data's ``answerCount``, every page of it); a member adds the session, the user, the
header's count of unread notifications, their helpful marks and whether they follow
the thread. The counts are the same at 0, 10, 200 and 2,000 replies.
"""

import pytest
from django.urls import reverse

from forum.demo.bulk import build_questions, build_reply_tree
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

VISITOR_THREAD_QUERIES = 4
MEMBER_THREAD_QUERIES = 9


@pytest.fixture
def authors(db):
    return [UserFactory().pk for _ in range(5)]


@pytest.mark.parametrize("n_replies", [0, 10, 200, 2000])
def test_thread_page_query_count_is_fixed(
    n_replies, question, authors, client, member, django_assert_num_queries
):
    build_reply_tree(thread=question, n_replies=n_replies, max_depth=8, authors=authors)
    url = question.get_absolute_url()

    with django_assert_num_queries(VISITOR_THREAD_QUERIES):
        assert client.get(url).status_code == 200

    client.force_login(member)
    with django_assert_num_queries(MEMBER_THREAD_QUERIES):
        assert client.get(url).status_code == 200


def test_whole_tree_of_2000_replies_is_one_page_with_the_same_query_count(
    question, authors, client, django_assert_num_queries
):
    build_reply_tree(thread=question, n_replies=2000, max_depth=8, authors=authors)
    with django_assert_num_queries(VISITOR_THREAD_QUERIES):
        response = client.get(question.get_absolute_url() + "?view=all")
    assert response.content.decode().count('class="reply"') == 2000


def test_later_reply_page_adds_no_query(question, authors, client, django_assert_num_queries):
    posts = build_reply_tree(thread=question, n_replies=500, max_depth=8, authors=authors)
    first = client.get(question.get_absolute_url())
    next_start = first.context["page"].next_start
    assert next_start in {p.pk for p in posts}
    with django_assert_num_queries(VISITOR_THREAD_QUERIES):
        assert client.get(f"{question.get_absolute_url()}?from={next_start}").status_code == 200


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
    # three lists with their conditions (2 each), conditions with children (2), waiting count
    with django_assert_num_queries(9):
        assert client.get(reverse("home")).status_code == 200
    # condition (with its guide) and synonyms (2), children, four lists with their
    # conditions (2 each)
    with django_assert_num_queries(11):
        assert client.get(condition.get_absolute_url()).status_code == 200
    with django_assert_num_queries(2):
        assert client.get(reverse("discussions:conditions")).status_code == 200

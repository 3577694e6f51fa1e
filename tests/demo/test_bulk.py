"""The bulk builders leave every counter as the services would (``recount`` finds nothing)."""

import pytest

from forum.conditions.models import Condition
from forum.demo.bulk import build_questions, build_reply_tree
from forum.discussions.models import HelpfulMark
from forum.discussions.services import recount_counters
from tests.factories import ConditionFactory, UserFactory


@pytest.mark.django_db
def test_bulk_data_needs_no_recount(question):
    authors = [UserFactory().pk for _ in range(15)]
    ConditionFactory.create_batch(3)
    build_questions(
        n_questions=60,
        replies_per_question=4,
        max_depth=4,
        authors=authors,
        conditions=list(Condition.objects.all()),
    )
    build_reply_tree(thread=question, n_replies=120, max_depth=6, authors=authors)
    assert HelpfulMark.objects.exists()
    assert recount_counters() == {
        "post.helpful_count": 0,
        "post.child_count": 0,
        "thread.reply_count": 0,
        "thread.helpful_count": 0,
    }

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser

from forum.search.backends import Filters, get_backend
from forum.search.query import Vocabulary, parse
from tests.factories import ConditionFactory, UserFactory, make_question

_numbers = itertools.count()


def ask(*, author, conditions=(), title="Outer hip pain when lying on my side", body=None):
    """A question whose default body differs each time, as the duplicate-post rule requires."""
    body = body or f"Thanks in advance ({next(_numbers)})."
    return make_question(author=author, conditions=list(conditions), title=title, body=body)


def find(text, viewer=None, *, offset=0, **filters):
    """Hits for ``text`` as the search page would find them for ``viewer`` (anonymous)."""
    query = parse(text, Vocabulary.load())
    return get_backend().search(query, viewer or AnonymousUser(), Filters(**filters), offset=offset)


def found_ids(text, viewer=None, *, offset=0, **filters) -> list[int]:
    return [hit.post_id for hit in find(text, viewer, offset=offset, **filters)]


@pytest.fixture
def gtps(db):
    condition = ConditionFactory(name="Greater trochanteric pain syndrome", slug="gtps")
    for name in ["GTPS", "Trochanteric bursitis", "Hip bursitis"]:
        condition.synonyms.create(name=name)
    return condition


@pytest.fixture
def glute_med(db):
    condition = ConditionFactory(
        name="Gluteus medius tendinopathy", slug="gluteus-medius-tendinopathy"
    )
    for name in ["glute med", "glute med tendinopathy"]:
        condition.synonyms.create(name=name)
    return condition


@pytest.fixture
def author(db):
    return UserFactory(username="asker")

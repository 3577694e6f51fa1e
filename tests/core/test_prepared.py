import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Q
from django.utils import timezone

from forum.accounts.models import User
from forum.core.prepared import PreparedCount, PreparedList
from forum.discussions.models import Thread
from tests.factories import UserFactory


def test_a_prepared_count_counts_what_the_queryset_counts(db, django_assert_num_queries):
    users = [UserFactory(), UserFactory(), UserFactory()]

    def build(a, b):
        return User.objects.filter(Q(pk=a) | Q(pk=b)).exclude(username="nobody")

    prepared = PreparedCount(build, arity=2)
    for a, b in [(users[0].pk, users[1].pk), (users[2].pk, users[2].pk), (0, users[1].pk)]:
        with django_assert_num_queries(1):
            counted = prepared.count(a, b, using="default")
        assert counted == build(a, b).count()


def test_a_prepared_count_of_a_grouped_query_counts_its_groups(db):
    UserFactory(display_name="Ann"), UserFactory(display_name="Ann"), UserFactory()
    prepared = PreparedCount(
        lambda a: User.objects.exclude(pk=a).values("display_name").annotate(n=Count("pk")),
        arity=1,
    )

    assert prepared.count(0, using="default") == 2


def test_a_query_with_a_value_of_its_own_is_refused(db):
    prepared = PreparedCount(
        lambda a: User.objects.filter(pk=a, date_joined__lte=timezone.now()), arity=1
    )

    with pytest.raises(ImproperlyConfigured):
        prepared.count(1, using="default")


def test_a_query_that_drops_an_id_is_refused(db):
    prepared = PreparedCount(lambda a, b: User.objects.filter(pk=a), arity=2)

    with pytest.raises(ImproperlyConfigured):
        prepared.count(1, 2, using="default")


def test_ids_must_be_ints(db):
    prepared = PreparedCount(lambda a: User.objects.filter(pk=a), arity=1)

    with pytest.raises(TypeError):
        prepared.count("1 OR 1=1", using="default")


def test_a_prepared_list_makes_the_querysets_objects(
    db, member, question, article, django_assert_num_queries
):

    def build():
        return Thread.objects.public().select_related("author").prefetch_related("conditions")

    prepared = PreparedList(build)
    expected = list(build().order_by("pk"))
    with django_assert_num_queries(2):  # the threads with their authors, their conditions
        threads = sorted(prepared.fetch(using="default"), key=lambda t: t.pk)
        assert [t.author.username for t in threads] == [t.author.username for t in expected]
        assert [list(t.conditions.all()) for t in threads] == [
            list(t.conditions.all()) for t in expected
        ]
    assert threads == expected
    assert len(prepared.fetch(using="default")) == len(expected)  # and again


def test_a_prepared_list_takes_its_ids_each_time(db):
    users = [UserFactory(), UserFactory()]
    prepared = PreparedList(lambda a: User.objects.filter(pk=a), arity=1)

    assert prepared.fetch(users[0].pk, using="default") == [users[0]]
    assert prepared.fetch(users[1].pk, using="default") == [users[1]]
    assert prepared.fetch(0, using="default") == []


def test_a_prepared_list_with_a_value_of_its_own_is_refused(db):
    prepared = PreparedList(lambda: User.objects.filter(date_joined__lte=timezone.now()))

    with pytest.raises(ImproperlyConfigured):
        prepared.fetch(using="default")

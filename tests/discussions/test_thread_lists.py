"""The thread lists of the home and condition pages (Jinja2: forum/discussions/listing.py)."""

import pytest
from django.urls import reverse

from forum.discussions import services
from tests.factories import make_question

pytestmark = pytest.mark.django_db


def test_titles_and_names_are_escaped_and_linked(client, member, condition):
    member.display_name = "<i>Al</i>"
    member.save()
    thread = make_question(author=member, conditions=[condition], title="Hip <b>pain</b> & sleep")
    html = client.get(reverse("home")).content.decode()
    assert "Hip &lt;b&gt;pain&lt;/b&gt; &amp; sleep" in html
    assert "<b>pain</b>" not in html
    assert f'href="{thread.get_absolute_url()}"' in html
    assert f'href="{member.get_absolute_url()}">&lt;i&gt;Al&lt;/i&gt;</a>' in html
    assert f'<a class="tag" href="{condition.get_absolute_url()}">{condition.name}</a>' in html


def test_reply_counts_are_in_words_and_an_empty_list_says_so(
    client, member, other_member, condition
):
    thread = make_question(author=member, conditions=[condition])
    html = client.get(condition.get_absolute_url()).content.decode()
    assert "0 replies" in html
    assert "Every question here has a reply." not in html
    services.post_reply(
        parent=thread.opening_post, author=other_member, body="Side-lying hurt me too."
    )
    html = client.get(condition.get_absolute_url()).content.decode()
    assert "1 reply<" in html
    assert "Every question here has a reply." in html


def test_with_conditions_gives_each_thread_its_conditions_by_name_in_one_query(
    member, condition, other_condition, django_assert_num_queries
):
    from forum.discussions.listing import with_conditions
    from forum.discussions.models import Thread

    both = make_question(author=member, conditions=[condition, other_condition], title="Both")
    one = make_question(author=member, conditions=[other_condition], title="One")
    first = list(Thread.objects.filter(pk__in=[both.pk, one.pk]).order_by("pk"))
    again = list(Thread.objects.filter(pk=both.pk))

    with django_assert_num_queries(1):
        listed, repeated, empty = with_conditions(first, again, [])
        tags = [[c.name for c in t.conditions.all()] for t in [*listed, *repeated]]

    # Ordered by name, as Condition's Meta orders them; the same thread in two lists
    # (two instances) gets its conditions in each.
    assert tags == [
        ["Gluteus medius tendinopathy", "Piriformis syndrome"],
        ["Piriformis syndrome"],
        ["Gluteus medius tendinopathy", "Piriformis syndrome"],
    ]
    assert empty == []
    with django_assert_num_queries(0):
        assert with_conditions([], []) == [[], []]

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

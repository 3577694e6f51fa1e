"""The edit history shows what changed between versions, word by word."""

import pytest
from django.urls import reverse

from forum.discussions import services
from forum.discussions.diffs import Segment, word_diff

pytestmark = pytest.mark.django_db


def test_word_diff_marks_added_and_removed_words_and_keeps_the_rest():
    segments = word_diff("Ice helped a lot at night.", "Heat helped a lot at night.\nAlso rest.")

    assert segments[0] == Segment("removed", "Ice")
    assert segments[1] == Segment("added", "Heat")
    assert Segment("same", " helped a lot at night.") in segments
    assert segments[-1] == Segment("added", "\nAlso rest.")


def test_word_diff_of_equal_texts_is_one_kept_run():
    assert word_diff("same text", "same text") == [Segment("same", "same text")]


def test_history_page_shows_the_changes_escaped(client, question, member):
    opening = question.opening_post
    original = opening.body
    services.edit_post(post=opening, editor=member, body=original + " <b>Worse</b> after running.")

    html = client.get(reverse("discussions:history", args=[opening.pk])).content.decode()

    assert '<ins><span class="visually-hidden">[added: </span> &lt;b&gt;Worse&lt;/b&gt;' in html
    assert "<b>Worse</b>" not in html
    # the original version is shown whole, not as a diff
    assert f'<pre class="revision-body">{original}</pre>' in html

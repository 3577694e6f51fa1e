import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from forum.conditions.models import Condition
from forum.discussions import services
from forum.discussions.listing import with_tagged_count
from forum.discussions.models import Status, Thread
from tests.factories import ConditionFactory, make_article, make_question

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_posting_rules")]

ATOM = "{http://www.w3.org/2005/Atom}"


def parse_feed(content: bytes) -> ET.Element:
    """Parse a feed the site itself produced; raises if it is not well-formed XML."""
    return ET.fromstring(content)  # noqa: S314 (our own output, not untrusted input)


@pytest.fixture
def threads_of_every_kind(member, editor, condition):
    """Public and non-public threads about ``condition``, keyed by what they are."""
    threads = {
        "question": make_question(
            author=member, conditions=[condition], title="Public unanswered question"
        ),
        "answered": make_question(
            author=member, conditions=[condition], title="Public answered question"
        ),
        "held": make_question(author=member, conditions=[condition], title="Held question"),
        "hidden": make_question(author=member, conditions=[condition], title="Hidden question"),
        "deleted": make_question(author=member, conditions=[condition], title="Deleted question"),
        "article": make_article(author=editor, conditions=[condition], title="Public article"),
        "draft": make_article(
            author=editor, conditions=[condition], title="Draft article", publish=False
        ),
    }
    services.post_reply(parent=threads["answered"].opening_post, author=editor, body="An answer")
    Thread.objects.filter(pk=threads["held"].pk).update(status=Status.HELD)
    Thread.objects.filter(pk=threads["hidden"].pk).update(status=Status.HIDDEN)
    services.delete_post(post=threads["deleted"].opening_post, actor=member)
    return threads


PUBLIC_TITLES = {"Public unanswered question", "Public answered question", "Public article"}
NON_PUBLIC_TITLES = {"Held question", "Hidden question", "Deleted question", "Draft article"}


def test_conditions_index_lists_each_condition_with_synonyms_and_public_thread_count(
    client, gtps, condition, threads_of_every_kind
):
    response = client.get(reverse("discussions:conditions"))

    assert response.status_code == 200
    counts = {c.slug: c.thread_count for c in response.context["conditions"]}
    assert counts == {condition.slug: 3, gtps.slug: 0, "not-sure-yet": 0}
    html = response.content.decode()
    assert condition.get_absolute_url() in html
    assert gtps.get_absolute_url() in html
    assert "Also called: GTPS, Trochanteric bursitis" in html
    assert "3 questions and articles" in html


def test_conditions_index_shows_the_parent_of_a_sub_condition(client, condition):
    ConditionFactory(name="Gluteus minimus tear", slug="gluteus-minimus-tear", parent=condition)

    html = client.get(reverse("discussions:conditions")).content.decode()

    assert f'Part of <a href="{condition.get_absolute_url()}">{condition.name}</a>' in html


# Detail page


def test_condition_page_shows_only_public_threads(client, condition, threads_of_every_kind):
    response = client.get(condition.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    for title in PUBLIC_TITLES:
        assert title in html
    for title in NON_PUBLIC_TITLES:
        assert title not in html
    assert [t.title for t in response.context["articles"]] == ["Public article"]
    assert [t.title for t in response.context["newest"]] == [
        "Public answered question",
        "Public unanswered question",
    ]
    assert [t.title for t in response.context["unanswered"]] == ["Public unanswered question"]


def test_condition_page_hides_non_public_threads_even_from_their_author(
    client, member, editor, moderator, condition, threads_of_every_kind
):
    for user in (member, editor, moderator):
        client.force_login(user)
        html = client.get(condition.get_absolute_url()).content.decode()
        for title in NON_PUBLIC_TITLES:
            assert title not in html, (user.username, title)


def test_condition_page_lists_sub_conditions_synonyms_and_its_parent(client, condition, gtps):
    child = ConditionFactory(name="Gluteus minimus tear", slug="gluteus-minimus-tear")
    Condition.objects.filter(pk=child.pk).update(parent=gtps)

    parent_page = client.get(gtps.get_absolute_url())
    child_page = client.get(child.get_absolute_url())

    assert list(parent_page.context["children"]) == [child]
    parent_html = parent_page.content.decode()
    assert "More specific conditions" in parent_html
    assert child.get_absolute_url() in parent_html
    assert "Also called: GTPS, Trochanteric bursitis" in parent_html
    assert gtps.get_absolute_url() in child_page.content.decode()


def test_condition_page_does_not_list_threads_of_other_conditions(
    client, member, condition, other_condition
):
    make_question(author=member, conditions=[other_condition], title="About piriformis only")

    html = client.get(condition.get_absolute_url()).content.decode()

    assert "About piriformis only" not in html
    assert "No questions about this condition yet." in html


def test_condition_page_links_to_its_feed_and_filtered_questions(client, condition):
    html = client.get(condition.get_absolute_url()).content.decode()

    feed_url = reverse("discussions:condition_feed", args=[condition.slug])
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert f'href="{feed_url}"' in html
    assert f"?condition={condition.slug}" in html


@pytest.mark.parametrize("name", ["discussions:condition", "discussions:condition_feed"])
def test_unknown_condition_slug_is_404(client, name):
    response = client.get(reverse(name, args=["no-such-condition"]))

    assert response.status_code == 404


# Atom feed


def test_condition_feed_is_valid_atom_with_public_items_only(
    client, condition, threads_of_every_kind
):
    response = client.get(reverse("discussions:condition_feed", args=[condition.slug]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = parse_feed(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") == f"{condition.name} on Medius"
    entries = root.findall(f"{ATOM}entry")
    titles = {entry.findtext(f"{ATOM}title") for entry in entries}
    assert titles == {
        "Question: Public unanswered question",
        "Question: Public answered question",
        "Article: Public article",
    }
    for entry in entries:
        link = entry.find(f"{ATOM}link").get("href")
        assert link.startswith("http")
        assert entry.findtext(f"{ATOM}author/{ATOM}name")
        assert entry.findtext(f"{ATOM}id")
        assert entry.findtext(f"{ATOM}published")


def test_every_feed_entry_has_the_updated_element_atom_requires(client, member, condition):
    # RFC 4287, 4.1.2: atom:entry elements MUST contain exactly one atom:updated element.
    make_question(author=member, conditions=[condition])

    root = parse_feed(
        client.get(reverse("discussions:condition_feed", args=[condition.slug])).content
    )

    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert all(len(entry.findall(f"{ATOM}updated")) == 1 for entry in entries)


def test_feed_entry_id_stays_the_same_when_the_title_changes(client, question, member, condition):
    # RFC 4287, 4.2.6: an entry's id is permanent; feed readers use it to spot duplicates.
    url = reverse("discussions:condition_feed", args=[condition.slug])
    before = parse_feed(client.get(url).content).findtext(f"{ATOM}entry/{ATOM}id")
    services.edit_post(
        post=question.opening_post,
        editor=member,
        body=question.opening_post.body,
        title="A clearer title for the same question",
    )

    after = parse_feed(client.get(url).content).findtext(f"{ATOM}entry/{ATOM}id")

    assert before
    assert after == before


def test_condition_feed_item_content_is_the_sanitised_html(client, member, condition):
    make_question(
        author=member,
        conditions=[condition],
        title="Markdown in a feed item",
        body="It **hurts** <script>alert(1)</script>",
    )

    root = parse_feed(
        client.get(reverse("discussions:condition_feed", args=[condition.slug])).content
    )

    summary = root.find(f"{ATOM}entry/{ATOM}summary").text
    assert "<strong>hurts</strong>" in summary
    assert "<script>" not in summary


def test_empty_condition_feed_is_still_valid_atom(client, condition):
    response = client.get(reverse("discussions:condition_feed", args=[condition.slug]))

    root = parse_feed(response.content)
    assert root.findall(f"{ATOM}entry") == []


@pytest.mark.parametrize(
    "body",
    ["Roses are \x1b[0;31mred\x1b[0m", "The quic\x08\x08k brown fox", "<svg\x0conload=alert(1)>"],
)
def test_condition_feed_survives_control_characters_in_a_question(member_client, condition, body):
    # Strings from the shared hostile-input corpus; the ask form accepts them.
    response = member_client.post(
        reverse("discussions:ask"),
        {"title": "Control characters inside", "body": body, "conditions": [condition.pk]},
    )
    assert response.status_code == 302

    feed = member_client.get(reverse("discussions:condition_feed", args=[condition.slug]))

    assert feed.status_code == 200
    parse_feed(feed.content)


# listing.with_tagged_count


@pytest.mark.usefixtures("relaxed_posting_rules")
def test_with_tagged_count_counts_every_thread_carrying_the_condition(
    condition, other_condition, member, editor
):
    from tests.factories import make_article, make_question

    make_question(author=member, conditions=[condition])
    make_question(author=member, conditions=[condition, other_condition])
    make_article(author=editor, conditions=[condition], publish=False)  # a draft counts too

    counts = dict(with_tagged_count(Condition.objects.all()).values_list("pk", "tagged_count"))

    assert counts[condition.pk] == 3
    assert counts[other_condition.pk] == 1


def test_with_tagged_count_is_nought_for_a_condition_nobody_tagged(condition):
    assert with_tagged_count(Condition.objects.all()).get(pk=condition.pk).tagged_count == 0

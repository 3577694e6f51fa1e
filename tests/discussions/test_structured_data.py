"""The JSON-LD of each kind of page, read with extruct (as a crawler would) and held to
the properties Google documents as required and recommended for it.

https://developers.google.com/search/docs/appearance/structured-data/qapage,
.../discussion-forum, .../article and .../breadcrumb (the lists below copy them).
"""

from typing import Any

import extruct
import pytest
from django.urls import reverse

from forum.demo.bulk import build_reply_tree
from forum.discussions import services
from forum.discussions.models import Status, Thread
from forum.discussions.tree import PAGE_SIZE
from tests.discussions.helpers import reply_to
from tests.factories import UserFactory, make_article, make_question

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_posting_rules")]

SITE_URL = "https://medius.example"
GOOGLE = {
    "Question": {
        "required": ["name", "answerCount"],
        "recommended": ["author", "datePublished", "text", "upvoteCount"],
    },
    "Answer": {
        "required": ["text"],
        "recommended": ["author", "datePublished", "upvoteCount", "url"],
    },
    "Comment": {"required": ["author", "datePublished", "text"], "recommended": ["url"]},
    "DiscussionForumPosting": {
        "required": ["author", "datePublished", "text"],
        "recommended": ["url", "headline"],
    },
    "Article": {
        "required": [],
        "recommended": ["author", "dateModified", "datePublished", "headline", "image"],
    },
    "Person": {"required": ["name"], "recommended": ["url"]},
    "BreadcrumbList": {"required": ["itemListElement"], "recommended": []},
    "ListItem": {"required": ["position"], "recommended": []},
}


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


def items_of(client, path: str) -> list[dict[str, Any]]:
    html = client.get(path).content.decode()
    return extruct.extract(html, base_url=SITE_URL + path, syntaxes=["json-ld"])["json-ld"]


def missing_properties(node: Any, where: str = "") -> list[str]:
    """Every required or recommended property that a node, or a node inside it, lacks."""
    found = []
    if isinstance(node, list):
        for i, child in enumerate(node):
            found += missing_properties(child, f"{where}[{i}]")
    elif isinstance(node, dict):
        rules = GOOGLE.get(node.get("@type", ""), {})
        for prop in rules.get("required", []) + rules.get("recommended", []):
            if node.get(prop) in (None, "", []):
                found.append(f"{where or node['@type']}.{prop}")
        for key, child in node.items():
            found += missing_properties(child, f"{where}.{key}" if where else key)
    return found


def one(items: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    [item] = [i for i in items if i["@type"] == kind]
    assert not missing_properties(item), missing_properties(item)
    return item


def test_a_question_with_replies_is_a_qa_page_with_every_answer_and_comment(
    client, question, member, other_member, third_member
):
    first = reply_to(question.opening_post, other_member, "Isometric holds **helped** me.")
    second = reply_to(question.opening_post, third_member, "A pillow between the knees.")
    nested = reply_to(first, member, "How long did you hold them?")
    deeper = reply_to(nested, other_member, "Forty-five seconds, five times.")
    services.mark_helpful(post=first, user=third_member)
    services.accept_answer(thread=question, post=first, actor=member)

    item = one(items_of(client, question.get_absolute_url()), "QAPage")

    q = item["mainEntity"]
    assert q["@type"] == "Question"
    assert q["name"] == question.title
    assert q["answerCount"] == 2  # top-level replies only
    thread_url = SITE_URL + question.get_absolute_url()
    accepted = q["acceptedAnswer"]
    assert accepted["text"] == "Isometric holds helped me."
    assert accepted["url"] == f"{thread_url}#r-{first.pk}"  # where it is shown, no redirect
    assert accepted["upvoteCount"] == 1
    assert accepted["author"]["name"] == other_member.public_name
    assert [a["url"] for a in q["suggestedAnswer"]] == [f"{thread_url}#r-{second.pk}"]
    [comment] = accepted["comment"]
    assert comment["@type"] == "Comment"
    assert comment["url"] == f"{thread_url}#r-{nested.pk}"
    assert [c["url"] for c in comment["comment"]] == [f"{thread_url}#r-{deeper.pk}"]


def test_a_question_with_replies_but_no_accepted_answer_is_a_qa_page_too(
    client, question, other_member
):
    reply = reply_to(question.opening_post, other_member, "Try sleeping on the other side.")

    q = one(items_of(client, question.get_absolute_url()), "QAPage")["mainEntity"]

    assert "acceptedAnswer" not in q
    assert q["answerCount"] == 1
    assert q["suggestedAnswer"][0]["url"].endswith(f"#r-{reply.pk}")


def test_answer_count_leaves_out_hidden_replies_and_counts_every_page(
    client, question, other_member, authors
):
    hidden = reply_to(question.opening_post, other_member, "Buy my cream.")
    services.set_post_status(post=hidden, status=Status.HIDDEN)
    build_reply_tree(thread=question, n_replies=PAGE_SIZE + 50, max_depth=1, authors=authors)

    q = one(items_of(client, question.get_absolute_url()), "QAPage")["mainEntity"]

    assert q["answerCount"] == PAGE_SIZE + 50
    assert len(q["suggestedAnswer"]) < q["answerCount"]  # this page shows the first ones
    assert all(hidden.body not in a["text"] for a in q["suggestedAnswer"])


@pytest.fixture
def authors(db):
    return [UserFactory().pk for _ in range(3)]


def test_an_accepted_answer_on_a_later_page_keeps_its_final_url(client, question, member, authors):
    posts = build_reply_tree(
        thread=question, n_replies=PAGE_SIZE + 20, max_depth=1, authors=authors
    )
    last = posts[-1]
    services.accept_answer(thread=question, post=last, actor=member)

    accepted = one(items_of(client, question.get_absolute_url()), "QAPage")["mainEntity"][
        "acceptedAnswer"
    ]

    assert accepted["url"] == SITE_URL + client.get(last.get_absolute_url())["Location"]
    assert "#r-" in accepted["url"]


def test_a_question_without_replies_is_a_discussion_forum_posting(client, question):
    item = one(items_of(client, question.get_absolute_url()), "DiscussionForumPosting")

    assert item["headline"] == question.title
    assert item["url"] == SITE_URL + question.get_absolute_url()
    assert item["commentCount"] == 0


def test_an_article_has_an_image_and_a_modification_date(client, editor, condition):
    article = make_article(author=editor, conditions=[condition])

    item = one(items_of(client, article.get_absolute_url()), "Article")

    assert item["image"][0].startswith(SITE_URL + "/static/brand/share")
    assert item["dateModified"] == item["datePublished"]
    services.edit_post(post=article.opening_post, editor=editor, body="Revised text.")
    item = one(items_of(client, article.get_absolute_url()), "Article")
    assert item["dateModified"] > item["datePublished"]


def test_a_condition_page_is_a_collection_with_breadcrumbs(client, condition, member):
    question = make_question(author=member, conditions=[condition])

    items = items_of(client, condition.get_absolute_url())

    page = one(items, "CollectionPage")
    assert page["url"] == SITE_URL + condition.get_absolute_url()
    listed = [e["url"] for e in page["mainEntity"]["itemListElement"]]
    assert SITE_URL + question.get_absolute_url() in listed
    crumbs = one(items, "BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"]) for c in crumbs] == [
        (1, "Home"),
        (2, "Conditions"),
        (3, condition.name),
    ]
    assert crumbs[-1]["item"] == SITE_URL + condition.get_absolute_url()


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("Questions", reverse("discussions:questions")),
        ("Articles", reverse("discussions:articles")),
        ("Conditions", reverse("discussions:conditions")),
    ],
)
def test_lists_are_collections_with_breadcrumbs(client, condition, name, path):
    items = items_of(client, path)

    assert one(items, "CollectionPage")["url"] == SITE_URL + path
    crumbs = one(items, "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", name]


def test_a_thread_that_is_not_public_has_none(member_client, question):
    Thread.objects.filter(pk=question.pk).update(status=Status.HELD)

    assert items_of(member_client, question.get_absolute_url()) == []

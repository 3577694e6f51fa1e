"""The answer comes first: accepted and top replies under the question, reply orders kept
per member, continue-thread counts, where "Accept answer" appears, a long thread's outline."""

import re

import pytest
from django.urls import reverse

from forum.accounts.models import ReplyOrder
from forum.discussions import services, tree
from forum.discussions.answers import FULL_TEXT_CHARS, OUTLINE_MIN_REPLIES
from forum.discussions.models import Post, Status, Thread, ThreadVisit
from tests.discussions.helpers import chain, reply_to
from tests.factories import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_posting_rules")]


def reply_ids(html: str) -> list[int]:
    """The replies of the tree, in the order the page shows them."""
    return [int(pk) for pk in re.findall(r'<li id="r-(\d+)" class="reply">', html)]


def answer_box(html: str) -> str:
    match = re.search(r'<section class="answer-first".*?</section>', html, re.S)
    return match.group(0) if match else ""


def helpful(post: Post, count: int) -> None:
    Post.objects.filter(pk=post.pk).update(helpful_count=count)


def fresh(thread: Thread) -> Thread:
    return Thread.objects.select_related("accepted_post__author").get(pk=thread.pk)


# The accepted answer and the top replies under the question


def test_a_deep_accepted_answer_is_shown_under_the_question(client, question, member, other_member):
    deep = chain(question.opening_post, other_member, 7)
    Post.objects.filter(pk=deep[-1].pk).update(html="<p>Rest first.</p>")
    services.accept_answer(thread=question, post=deep[-1], actor=member)

    html = client.get(question.get_absolute_url()).content.decode()

    assert deep[-1].pk not in reply_ids(html)  # deeper than a page's tree goes
    box = answer_box(html)
    assert "Accepted answer" in box and "<p>Rest first.</p>" in box and "bob" in box
    assert reverse("discussions:permalink", args=[deep[-1].pk]) in box


def test_a_long_accepted_answer_is_summarised_with_a_jump_link(
    client, question, member, other_member
):
    long_text = "Load the tendon gradually over weeks. " * (FULL_TEXT_CHARS // 20)
    answer = reply_to(question.opening_post, other_member, long_text)
    services.accept_answer(thread=question, post=answer, actor=member)

    box = answer_box(client.get(question.get_absolute_url()).content.decode())

    assert "Jump to the accepted answer" in box
    assert 'class="answer-summary"' in box and "…" in box
    assert long_text.strip() not in box


def test_top_replies_are_the_most_helpful_at_any_depth_without_the_accepted_one(
    client, question, member, other_member, third_member
):
    first = reply_to(question.opening_post, other_member, "Side-lying with a pillow helped.")
    deep = chain(first, third_member, 6)
    plain = reply_to(question.opening_post, third_member, "No idea, sorry.")
    helpful(deep[-1], 9)
    helpful(first, 4)
    helpful(plain, 0)
    services.accept_answer(thread=question, post=first, actor=member)

    response = client.get(question.get_absolute_url())

    top = [preview.post.pk for preview in response.context["answers"].top]
    assert top == [deep[-1].pk]  # the accepted one is shown apart, unmarked ones not at all
    assert "Top replies" in answer_box(response.content.decode())


def test_no_answer_box_without_an_accepted_or_helpful_reply(client, question, other_member):
    reply_to(question.opening_post, other_member)
    assert answer_box(client.get(question.get_absolute_url()).content.decode()) == ""


# Reply orders


@pytest.fixture
def branches(question, other_member, third_member):
    """Three top-level replies, each with a child; the second is the most helpful."""
    tops = [reply_to(question.opening_post, other_member, f"Top reply {i}") for i in range(3)]
    kids = [reply_to(top, third_member, f"Under top reply {i}") for i, top in enumerate(tops)]
    helpful(tops[1], 5)
    helpful(tops[2], 2)
    return tops, kids


def test_best_first_is_the_default_for_questions_and_keeps_branches_together(
    client, question, branches
):
    tops, kids = branches
    html = client.get(question.get_absolute_url()).content.decode()
    assert reply_ids(html) == [
        tops[1].pk,
        kids[1].pk,
        tops[2].pk,
        kids[2].pk,
        tops[0].pk,
        kids[0].pk,
    ]


def test_best_first_puts_the_accepted_answers_branch_first_even_from_deep_down(
    client, question, member, branches, other_member
):
    tops, kids = branches
    deep = chain(kids[0], other_member, 2)
    services.accept_answer(thread=question, post=deep[-1], actor=member)
    html = client.get(question.get_absolute_url()).content.decode()
    assert reply_ids(html)[:4] == [tops[0].pk, kids[0].pk, deep[0].pk, deep[1].pk]


def test_oldest_and_newest_first(client, question, branches):
    tops, kids = branches
    url = question.get_absolute_url()
    oldest = reply_ids(client.get(url + "?order=oldest").content.decode())
    newest = reply_ids(client.get(url + "?order=newest").content.decode())
    assert oldest == [tops[0].pk, kids[0].pk, tops[1].pk, kids[1].pk, tops[2].pk, kids[2].pk]
    assert newest == [tops[2].pk, kids[2].pk, tops[1].pk, kids[1].pk, tops[0].pk, kids[0].pk]


def test_articles_default_to_oldest_first(client, editor, condition, other_member):
    article = make_article(author=editor, conditions=[condition])
    first = reply_to(article.opening_post, other_member, "First comment")
    second = reply_to(article.opening_post, other_member, "Second comment")
    helpful(second, 3)
    assert reply_ids(client.get(article.get_absolute_url()).content.decode()) == [
        first.pk,
        second.pk,
    ]


def test_a_members_choice_of_order_is_kept(member_client, member, question, branches):
    tops, _kids = branches
    response = member_client.post(
        reverse("discussions:reply_order", args=[question.pk]), {"order": "newest"}
    )
    assert response.status_code == 302 and response.url == question.get_absolute_url()
    member.refresh_from_db()
    assert member.reply_order == ReplyOrder.NEWEST
    html = member_client.get(question.get_absolute_url()).content.decode()
    assert reply_ids(html)[0] == tops[2].pk
    assert 'value="newest" class="small" aria-pressed="true"' in html


def test_a_bad_order_is_refused_with_a_message_and_changes_nothing(member_client, member, question):
    response = member_client.post(
        reverse("discussions:reply_order", args=[question.pk]), {"order": "loudest"}, follow=True
    )
    assert response.status_code == 200
    assert "Choose best first, oldest first or newest first." in response.content.decode()
    member.refresh_from_db()
    assert member.reply_order == ""


def test_choosing_an_order_needs_a_login_and_a_post(client, member_client, question):
    url = reverse("discussions:reply_order", args=[question.pk])
    assert client.post(url, {"order": "newest"}).status_code == 302
    assert member_client.get(url).status_code == 405


def test_paging_best_first_shows_every_reply_once(client, question, other_member, monkeypatch):
    monkeypatch.setattr(tree, "PAGE_SIZE", 4)
    tops = [reply_to(question.opening_post, other_member, f"Reply {i}") for i in range(5)]
    kids = [reply_to(top, other_member, f"Under {i}") for i, top in enumerate(tops)]
    for i, top in enumerate(tops):
        helpful(top, i)
    seen: list[int] = []
    url = question.get_absolute_url()
    while url:
        response = client.get(url)
        seen += reply_ids(response.content.decode())
        start = response.context["page"].next_start
        url = f"{question.get_absolute_url()}?from={start}" if start else ""
    assert sorted(seen) == sorted(p.pk for p in tops + kids)
    assert seen[:2] == [tops[4].pk, kids[4].pk]


def test_permalink_beyond_the_first_best_page_lands_oldest_first(
    client, question, other_member, monkeypatch
):
    monkeypatch.setattr(tree, "PAGE_SIZE", 2)
    tops = [reply_to(question.opening_post, other_member, f"Reply {i}") for i in range(4)]
    helpful(tops[3], 5)
    helpful(tops[2], 4)
    response = client.get(reverse("discussions:permalink", args=[tops[0].pk]))
    url = question.get_absolute_url()
    assert response.url == f"{url}?order=oldest&from={tops[0].pk}#r-{tops[0].pk}"
    best = client.get(reverse("discussions:permalink", args=[tops[3].pk]))
    assert best.url == f"{url}#r-{tops[3].pk}"


# Continue this thread


def test_continue_link_counts_every_reply_below_in_every_order(client, question, other_member):
    deep = chain(question.opening_post, other_member, 9)
    side = reply_to(deep[6], other_member, "A side branch, deep down")
    for order in ReplyOrder:
        html = client.get(f"{question.get_absolute_url()}?order={order}").content.decode()
        assert "Continue this thread (5 more)" in html, order  # depths 6 to 9, and the side one
        assert side.pk not in reply_ids(html)


def test_continue_count_leaves_out_replies_others_may_not_see(client, question, other_member):
    deep = chain(question.opening_post, other_member, 7)
    Post.objects.filter(pk=deep[-1].pk).update(status=Status.HELD)
    for order in ReplyOrder:
        html = client.get(f"{question.get_absolute_url()}?order={order}").content.decode()
        assert "Continue this thread (1 more)" in html, order


def test_continued_page_nests_and_names_the_post_it_continues_from(
    client, question, other_member, third_member
):
    deep = chain(question.opening_post, other_member, 5)
    Post.objects.filter(pk=deep[3].pk).update(html="<p>Have you tried a clamshell routine?</p>")
    below = chain(deep[4], third_member, 2)

    html = client.get(reverse("discussions:subthread", args=[deep[4].pk])).content.decode()

    assert "Continues from" in html and "bob\u2019s reply" in html
    assert "“Have you tried a clamshell routine?”" in html
    root_at = html.index(f'<li id="r-{deep[4].pk}" class="reply">')
    first_at = html.index(f'<li id="r-{below[0].pk}" class="reply">')
    second_at = html.index(f'<li id="r-{below[1].pk}" class="reply">')
    assert root_at < first_at < second_at
    assert "</li>" not in html[root_at:first_at]  # the branch is nested inside its root
    assert '<details class="branch" open><summary>Replies to carol' in html[first_at:second_at]


# Where "Accept answer" appears


def test_accept_control_only_where_it_can_be_used(member_client, question, member, other_member):
    others = reply_to(question.opening_post, other_member, "Try loading exercises.")
    own = reply_to(question.opening_post, member, "Thanks, I will.")
    held = reply_to(question.opening_post, other_member, "Another idea")
    Post.objects.filter(pk=held.pk).update(status=Status.HELD)
    url = question.get_absolute_url()

    def controls(html: str, post: Post) -> str:
        start = html.index(f'<li id="r-{post.pk}"')
        end = html.find('<li id="r-', start + 1)
        return html[start : end if end != -1 else None]

    html = member_client.get(url).content.decode()
    assert "Accept answer" in controls(html, others)
    assert "Accept" not in controls(html, own)

    services.accept_answer(thread=question, post=others, actor=member)
    another = reply_to(question.opening_post, other_member, "Or rest a week.")
    html = member_client.get(url).content.decode()
    assert "Unaccept" in controls(html, others)
    assert "Accept this instead" in controls(html, another)
    assert "Accept answer" not in html


def test_held_reply_shows_no_accept_control_to_a_moderator(
    moderator_client, question, other_member
):
    held = reply_to(question.opening_post, other_member, "Pending idea")
    Post.objects.filter(pk=held.pk).update(status=Status.HELD)
    html = moderator_client.get(question.get_absolute_url()).content.decode()
    assert f"r/{held.pk}/accept/" not in html


def test_the_askers_own_reply_cannot_be_accepted(member_client, question, member):
    own = reply_to(question.opening_post, member, "Update: it got better.")
    with pytest.raises(services.AnswerRefused, match="asker's own reply"):
        services.accept_answer(thread=question, post=own, actor=member)
    response = member_client.post(reverse("discussions:accept", args=[own.pk]), follow=True)
    assert "The asker&#x27;s own reply cannot be the accepted answer." in response.content.decode()
    assert fresh(question).accepted_post_id is None


# A long thread's outline


def test_long_thread_outline_counts_replies_and_clinicians(
    client, question, other_member, clinician
):
    for i in range(OUTLINE_MIN_REPLIES - 2):
        reply_to(question.opening_post, other_member, f"Member reply {i}")
    reply_to(question.opening_post, clinician, "Clinician view one")
    reply_to(question.opening_post, clinician, "Clinician view two")

    html = client.get(question.get_absolute_url()).content.decode()

    assert 'aria-label="Outline of this thread"' in html
    assert f"{OUTLINE_MIN_REPLIES} replies, 2 by clinicians" in html
    assert "since your last visit" not in html


def test_short_thread_has_no_outline(client, question, other_member):
    reply_to(question.opening_post, other_member)
    assert "Outline of this thread" not in client.get(question.get_absolute_url()).content.decode()


def test_outline_says_what_is_new_since_the_members_last_visit(
    member_client, member, question, other_member
):
    for i in range(OUTLINE_MIN_REPLIES):
        reply_to(question.opening_post, other_member, f"Earlier reply {i}")
    url = question.get_absolute_url()
    assert "since your last visit" not in member_client.get(url).content.decode()
    assert ThreadVisit.objects.filter(user=member, thread=question).count() == 1

    first_new = reply_to(question.opening_post, other_member, "New one")
    reply_to(question.opening_post, other_member, "Another new one")
    reply_to(question.opening_post, member, "My own reply is not news to me")
    html = member_client.get(url).content.decode()

    assert "2 new since your last visit" in html
    assert reverse("discussions:permalink", args=[first_new.pk]) in html
    assert "since your last visit" not in member_client.get(url).content.decode()
    assert ThreadVisit.objects.filter(user=member, thread=question).count() == 1


def test_a_visitors_chosen_order_is_its_own_kept_page(client, question, branches, settings):
    settings.MEDIUS_PAGE_CACHE = True
    tops, _kids = branches
    url = f"{question.get_absolute_url()}?order=newest"
    assert client.get(url)["X-Page-Cache"] == "miss"
    kept = client.get(url)
    assert kept["X-Page-Cache"] == "hit"
    assert reply_ids(kept.content.decode())[0] == tops[2].pk
    best = client.get(question.get_absolute_url())
    assert reply_ids(best.content.decode())[0] == tops[1].pk


def test_best_first_keeps_a_withheld_branch_whose_visible_replies_are_deeper_than_the_page(
    client, question, other_member
):
    deep = chain(question.opening_post, other_member, 7)
    Post.objects.filter(pk__in=[p.pk for p in deep[1:5]]).update(status=Status.HELD)

    html = client.get(f"{question.get_absolute_url()}?order=best").content.decode()

    assert reply_ids(html) == [p.pk for p in deep[:5]]
    assert "[not available]" in html
    assert "Continue this thread (2 more)" in html


def test_best_first_puts_an_accepted_answer_deeper_than_the_page_first(
    client, question, member, other_member
):
    first = reply_to(question.opening_post, other_member, "An early reply")
    deep = chain(question.opening_post, other_member, 7)
    services.accept_answer(thread=question, post=deep[-1], actor=member)

    html = client.get(f"{question.get_absolute_url()}?order=best").content.decode()

    assert reply_ids(html) == [*[p.pk for p in deep[:5]], first.pk]
    assert "Continue this thread (2 more)" in html

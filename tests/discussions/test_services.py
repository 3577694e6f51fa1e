import re
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from forum.discussions import services
from forum.discussions.models import (
    MAX_DEPTH,
    PATH_STEP,
    HelpfulMark,
    Post,
    PostRevision,
    Status,
    Thread,
    encode_path_step,
)
from tests.factories import UserFactory, make_question

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_posting_rules")]


def reply(parent, author, body="Same here, it eased with loading exercises."):
    return services.post_reply(parent=parent, author=author, body=body)


def fresh(obj):
    obj.refresh_from_db()
    return obj


# ask_question / write_article


def test_ask_question_creates_a_published_thread_with_an_opening_post_at_depth_zero(
    member, condition, other_condition
):
    thread = services.ask_question(
        author=member,
        title="Pain on the outside of my hip at night",
        body="It **aches** when I lie on it.",
        conditions=[condition, other_condition],
    )

    thread = Thread.objects.get(pk=thread.pk)
    assert thread.kind == Thread.Kind.QUESTION
    assert thread.author == member
    assert thread.slug == "pain-on-the-outside-of-my-hip-at-night"
    assert thread.status == Status.VISIBLE
    assert thread.published_at is not None
    assert thread.last_activity_at == thread.published_at
    assert thread.reply_count == 0
    assert set(thread.conditions.all()) == {condition, other_condition}
    assert thread in Thread.objects.public()

    opening = thread.opening_post
    assert opening.thread_id == thread.pk
    assert opening.depth == 0
    assert opening.parent is None
    assert opening.author == member
    assert opening.body == "It **aches** when I lie on it."
    assert "<strong>aches</strong>" in opening.html
    assert opening.path == encode_path_step(opening.pk)
    assert len(opening.path) == PATH_STEP
    assert list(thread.posts.all()) == [opening]


def test_ask_question_saves_the_optional_details(member, condition):
    thread = services.ask_question(
        author=member,
        title="Hip pain after running hills",
        body="Started after a hilly half marathon.",
        conditions=[condition],
        details={
            "side": Thread.Side.LEFT,
            "duration": Thread.Duration.UP_TO_3_MONTHS,
            "activity": "Running",
            "aggravating": "Stairs and lying on my side",
            "treatments_tried": "Rest, ibuprofen",
        },
    )

    thread.refresh_from_db()
    assert thread.side == "left"
    assert thread.duration == "6_weeks_to_3_months"
    assert thread.activity == "Running"
    assert thread.aggravating == "Stairs and lying on my side"
    assert thread.treatments_tried == "Rest, ibuprofen"
    assert thread.has_details


def test_ask_question_ignores_details_that_are_not_optional_question_fields(member, condition):
    thread = services.ask_question(
        author=member,
        title="Can details set the moderation state?",
        body="They should not.",
        conditions=[condition],
        details={"status": Status.HIDDEN, "is_pinned": True, "helpful_count": 99},
    )

    thread.refresh_from_db()
    assert thread.status == Status.VISIBLE
    assert thread.is_pinned is False
    assert thread.helpful_count == 0


def test_write_article_as_draft_is_unpublished_and_not_public(editor, condition):
    article = services.write_article(
        author=editor,
        title="Loading the gluteal tendons",
        summary="How load helps tendons.",
        body="Tendons like *progressive* load.",
        conditions=[condition],
        publish=False,
    )

    article.refresh_from_db()
    assert article.kind == Thread.Kind.ARTICLE
    assert article.is_draft
    assert article.published_at is None
    assert article.summary == "How load helps tendons."
    assert article.opening_post.depth == 0
    assert "<em>progressive</em>" in article.opening_post.html
    assert article not in Thread.objects.public()


def test_write_article_with_publish_is_published_and_public(editor, condition):
    article = services.write_article(
        author=editor,
        title="Loading the gluteal tendons",
        summary="How load helps tendons.",
        body="Tendons like load.",
        conditions=[condition],
        publish=True,
    )

    article.refresh_from_db()
    assert article.published_at is not None
    assert not article.is_draft
    assert article in Thread.objects.public().articles()


# post_reply


def test_post_reply_sets_depth_and_extends_the_parent_path_by_one_base36_step(
    question, other_member, member
):
    opening = question.opening_post
    first = reply(opening, other_member)
    second = reply(first, member)

    assert first.depth == 1
    assert second.depth == 2
    assert first.parent == opening
    assert second.parent == first
    for post, parent in [(first, opening), (second, first)]:
        stored = Post.objects.get(pk=post.pk)
        step = stored.path[len(parent.path) :]
        assert stored.path.startswith(parent.path)
        assert re.fullmatch(r"[0-9a-z]{8}", step)
        assert int(step, 36) == post.pk
    assert Post.objects.get(pk=second.pk).ancestor_ids() == [opening.pk, first.pk]


def test_ordering_posts_by_path_walks_the_tree_depth_first(question, member, other_member):
    opening = question.opening_post
    # Created out of depth-first order on purpose, so ids alone would give the wrong order.
    a = reply(opening, other_member, "a")
    b = reply(opening, member, "b")
    b1 = reply(b, other_member, "b1")
    a1 = reply(a, member, "a1")
    a2 = reply(a, member, "a2")
    a1x = reply(a1, other_member, "a1x")
    c = reply(opening, other_member, "c")

    ordered = list(question.posts.order_by("path").values_list("body", flat=True))

    assert [p.pk for p in (a, b, b1, a1, a2, a1x, c)] == sorted(
        p.pk for p in (a, b, b1, a1, a2, a1x, c)
    )
    assert ordered[1:] == ["a", "a1", "a1x", "a2", "b", "b1", "c"]
    assert ordered[0] == question.opening_post.body


def test_post_reply_counts_the_child_on_the_parent_and_the_reply_on_the_thread(
    question, member, other_member
):
    opening = question.opening_post
    first = reply(opening, other_member)
    reply(first, member)
    reply(first, other_member)

    assert fresh(opening).child_count == 1
    assert fresh(first).child_count == 2
    assert fresh(question).reply_count == 3


def test_post_reply_moves_the_thread_last_activity_to_the_reply_time(question, other_member):
    later = timezone.now() + timedelta(hours=3)

    services.post_reply(
        parent=question.opening_post, author=other_member, body="Later", created_at=later
    )

    assert fresh(question).last_activity_at == later


def test_post_reply_without_a_time_uses_now(question, other_member):
    before = timezone.now()
    post = reply(question.opening_post, other_member)

    question.refresh_from_db()
    assert question.last_activity_at >= before
    assert question.last_activity_at == post.created_at


def test_post_reply_refuses_a_parent_already_at_max_depth(question, other_member):
    parent = reply(question.opening_post, other_member)
    parent.depth = MAX_DEPTH  # in memory only

    with pytest.raises(services.ReplyTooDeep):
        reply(parent, other_member, "too deep")

    assert not Post.objects.filter(body="too deep").exists()
    assert fresh(question).reply_count == 1


def test_post_reply_accepts_a_parent_just_below_max_depth(question, other_member):
    parent = reply(question.opening_post, other_member)
    parent.depth = MAX_DEPTH - 1  # in memory only

    child = reply(parent, other_member, "deepest allowed")

    assert child.depth == MAX_DEPTH


# edit_post


def test_first_edit_keeps_the_original_as_revision_one_and_the_new_text_as_revision_two(
    question, member, moderator
):
    opening = question.opening_post
    original_time = opening.created_at

    services.edit_post(post=opening, editor=moderator, body="Edited by a moderator.")

    revisions = list(PostRevision.objects.filter(post=opening).order_by("number"))
    assert [r.number for r in revisions] == [1, 2]
    original, edited = revisions
    assert original.body == "It aches at night when I lie on that side. What helped you?"
    assert original.editor == member
    assert original.created_at == original_time
    assert original.title == question.title
    assert edited.body == "Edited by a moderator."
    assert edited.editor == moderator
    opening.refresh_from_db()
    assert opening.body == "Edited by a moderator."
    assert opening.edited_at is not None


def test_later_edits_add_one_revision_each_without_repeating_the_original(question, member):
    opening = question.opening_post
    services.edit_post(post=opening, editor=member, body="Second version.")
    services.edit_post(post=opening, editor=member, body="Third version.")

    bodies = list(
        PostRevision.objects.filter(post=opening).order_by("number").values_list("body", flat=True)
    )
    assert bodies == [
        "It aches at night when I lie on that side. What helped you?",
        "Second version.",
        "Third version.",
    ]


def test_edit_re_renders_the_html(question, member):
    opening = question.opening_post

    services.edit_post(post=opening, editor=member, body="Now with **bold** text.")

    opening.refresh_from_db()
    assert "<strong>bold</strong>" in opening.html
    assert "aches at night" not in opening.html


def test_editing_the_title_of_the_opening_post_updates_the_thread_title_and_slug(question, member):
    opening = question.opening_post
    old_title = question.title

    services.edit_post(
        post=opening, editor=member, body=opening.body, title="Outer hip pain, worse at night"
    )

    question.refresh_from_db()
    assert question.title == "Outer hip pain, worse at night"
    assert question.slug == "outer-hip-pain-worse-at-night"
    titles = list(
        PostRevision.objects.filter(post=opening).order_by("number").values_list("title", flat=True)
    )
    assert titles == [old_title, "Outer hip pain, worse at night"]


def test_a_title_passed_when_editing_a_reply_does_not_touch_the_thread(question, other_member):
    post = reply(question.opening_post, other_member)

    services.edit_post(post=post, editor=other_member, body="Changed", title="A different title")

    question.refresh_from_db()
    assert question.title == "Outer hip pain when lying on my side"
    assert PostRevision.objects.filter(post=post, title="").count() == 2


def test_an_edit_that_changes_nothing_creates_no_revision(question, member):
    opening = question.opening_post

    services.edit_post(post=opening, editor=member, body=opening.body, title=question.title)

    opening.refresh_from_db()
    assert opening.revisions.count() == 0
    assert opening.edited_at is None


# delete_post


def test_deleting_a_reply_marks_it_deleted_and_uncounts_it(question, member, other_member):
    first = reply(question.opening_post, other_member)
    child = reply(first, member)

    services.delete_post(post=first, actor=other_member)

    first.refresh_from_db()
    assert first.status == Status.DELETED
    assert fresh(question).reply_count == 1
    assert fresh(question).status == Status.VISIBLE
    # Its replies stay in place under the "[deleted]" placeholder.
    assert fresh(child).status == Status.VISIBLE
    assert fresh(child).parent_id == first.pk


def test_deleting_a_reply_twice_only_uncounts_it_once(question, other_member):
    first = reply(question.opening_post, other_member)
    reply(question.opening_post, other_member)

    services.delete_post(post=first, actor=other_member)
    services.delete_post(post=fresh(first), actor=other_member)

    assert fresh(question).reply_count == 1


def test_deleting_the_accepted_answer_clears_it(question, member, other_member):
    answer = reply(question.opening_post, other_member)
    services.accept_answer(thread=question, post=answer, actor=member)

    services.delete_post(post=Post.objects.get(pk=answer.pk), actor=other_member)

    assert fresh(question).accepted_post is None


def test_deleting_another_reply_keeps_the_accepted_answer(question, member, other_member):
    answer = reply(question.opening_post, other_member)
    other = reply(question.opening_post, other_member)
    services.accept_answer(thread=question, post=answer, actor=member)

    services.delete_post(post=Post.objects.get(pk=other.pk), actor=other_member)

    assert fresh(question).accepted_post_id == answer.pk


def test_deleting_the_opening_post_deletes_the_thread(question, member):
    services.delete_post(post=question.opening_post, actor=member)

    question.refresh_from_db()
    assert question.status == Status.DELETED
    assert question.opening_post.status == Status.DELETED
    assert question not in Thread.objects.public()
    assert question not in Thread.objects.visible_to(member)


# helpful marks


def test_mark_helpful_counts_once_on_the_post_and_the_thread(question, member, other_member):
    post = reply(question.opening_post, other_member)

    assert services.mark_helpful(post=post, user=member) is True
    assert services.mark_helpful(post=post, user=member) is False

    assert fresh(post).helpful_count == 1
    assert fresh(question).helpful_count == 1
    assert HelpfulMark.objects.filter(post=post, user=member).count() == 1


def test_helpful_marks_from_different_members_add_up(question, member, other_member):
    post = reply(question.opening_post, other_member)
    services.mark_helpful(post=post, user=member)
    services.mark_helpful(post=post, user=UserFactory())

    assert fresh(post).helpful_count == 2
    assert fresh(question).helpful_count == 2


def test_unmark_helpful_removes_the_mark_once(question, member, other_member):
    post = reply(question.opening_post, other_member)
    services.mark_helpful(post=post, user=member)

    assert services.unmark_helpful(post=post, user=member) is True
    assert services.unmark_helpful(post=post, user=member) is False

    assert fresh(post).helpful_count == 0
    assert fresh(question).helpful_count == 0
    assert not HelpfulMark.objects.filter(post=post).exists()


def test_the_database_refuses_a_second_helpful_mark_by_the_same_member(
    question, member, other_member
):
    post = reply(question.opening_post, other_member)
    HelpfulMark.objects.create(post=post, user=member)

    with pytest.raises(IntegrityError), transaction.atomic():
        HelpfulMark.objects.create(post=post, user=member)

    assert HelpfulMark.objects.filter(post=post, user=member).count() == 1


# accept_answer


def test_accept_answer_sets_changes_and_clears_the_accepted_reply(question, member, other_member):
    first = reply(question.opening_post, other_member)
    second = reply(question.opening_post, other_member)

    services.accept_answer(thread=question, post=first, actor=member)
    assert fresh(question).accepted_post_id == first.pk
    assert question.is_answered

    services.accept_answer(thread=question, post=second, actor=member)
    assert fresh(question).accepted_post_id == second.pk

    services.accept_answer(thread=question, post=None, actor=member)
    assert fresh(question).accepted_post_id is None
    assert question in Thread.objects.unsolved()


def test_accept_answer_refuses_a_reply_from_another_thread(question, member, other_member):
    elsewhere = make_question(author=other_member, conditions=[], title="Another question here")
    stray = reply(elsewhere.opening_post, member)

    with pytest.raises(ValueError):
        services.accept_answer(thread=question, post=stray, actor=member)

    assert fresh(question).accepted_post_id is None


def test_accept_answer_refuses_the_opening_post(question, member):
    with pytest.raises(ValueError):
        services.accept_answer(thread=question, post=question.opening_post, actor=member)

    assert fresh(question).accepted_post_id is None

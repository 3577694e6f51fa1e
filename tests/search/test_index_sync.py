"""The index follows every write, through the database triggers alone."""

import pytest
from django.db import connection

from forum.demo.bulk import build_questions
from forum.discussions import services
from forum.discussions.models import Post, Status
from forum.search import schema
from forum.search.backends import get_backend
from tests.factories import make_article

from .conftest import ask, found_ids

pytestmark = pytest.mark.django_db


def indexed_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute(get_backend().size_sql())
        return cursor.fetchone()[0]


def test_new_questions_and_replies_are_found_at_once(member, condition):
    question = ask(author=member, conditions=[condition], title="Foam roller woes")
    reply = services.post_reply(parent=question.opening_post, author=member, body="Try a pillow.")
    assert found_ids("foam roller") == [question.opening_post_id]
    assert found_ids("pillow") == [reply.pk]


def test_an_edited_body_is_found_by_its_new_words_only(member, condition):
    question = ask(author=member, conditions=[condition], body="Clamshells hurt.")
    services.edit_post(post=question.opening_post, editor=member, body="Bridges hurt.")
    assert found_ids("clamshells") == []
    assert found_ids("bridges") == [question.opening_post_id]


def test_an_edited_title_is_found_by_its_new_words_only(member, condition):
    question = ask(author=member, conditions=[condition], title="Pain after yoga class")
    services.edit_post(
        post=question.opening_post,
        editor=member,
        body=question.opening_post.body,
        title="Pain after pilates class",
    )
    assert found_ids("yoga") == []
    assert found_ids("pilates") == [question.opening_post_id]


def test_hidden_posts_vanish_and_restored_ones_return(member, condition):
    question = ask(author=member, conditions=[condition], title="Sciatica and sitting")
    opening = Post.objects.filter(pk=question.opening_post_id)
    opening.update(status=Status.HIDDEN)
    assert found_ids("sitting") == []
    opening.update(status=Status.VISIBLE)
    assert found_ids("sitting") == [question.opening_post_id]


def test_deleted_posts_vanish_for_everyone_but_moderators(member, moderator, condition):
    question = ask(author=member, conditions=[condition])
    reply = services.post_reply(parent=question.opening_post, author=member, body="Kinesiology")
    services.delete_post(post=reply, actor=member)
    assert found_ids("kinesiology") == []
    assert found_ids("kinesiology", member) == []
    assert found_ids("kinesiology", moderator) == [reply.pk]


def test_removed_threads_leave_no_rows_behind(member, condition):
    before = indexed_rows()
    question = ask(author=member, conditions=[condition])
    services.post_reply(parent=question.opening_post, author=member, body="Me too.")
    assert indexed_rows() == before + 2
    question.delete()
    assert indexed_rows() == before


def test_changed_conditions_change_what_a_condition_name_finds(editor, condition, gtps):
    article = make_article(author=editor, conditions=[condition], title="Sleeping positions")
    assert found_ids("GTPS") == []
    services.update_article(
        article=article,
        editor=editor,
        title=article.title,
        summary=article.summary,
        body=article.opening_post.body,
        conditions=[gtps],
        publish=True,
    )
    assert found_ids("GTPS") == [article.opening_post_id]


def test_bulk_created_questions_are_indexed(member, condition, gtps):
    threads = build_questions(
        n_questions=3,
        replies_per_question=2,
        max_depth=2,
        authors=[member.pk],
        conditions=[gtps, condition],
    )
    assert len(found_ids("question number side lying")) == 3
    tagged = {t.opening_post_id for t in threads if gtps in t.conditions.all()}
    assert tagged and set(found_ids("trochanteric bursitis")) == tagged


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL keeps triggers on ALTER")
def test_triggers_dropped_by_a_table_rebuild_are_restored_after_migrate(member, condition):
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER search_post_insert")
    question = ask(author=member, conditions=[condition], title="Missed by the index")
    assert found_ids("missed") == []
    schema.restore_triggers(using="default")
    assert found_ids("missed") == [question.opening_post_id]
    later = ask(author=member, conditions=[condition], title="Written after the repair")
    assert found_ids("repair") == [later.opening_post_id]


def test_accepting_an_answer_is_indexed_for_the_answered_filter(member, editor, condition):
    question = ask(author=member, conditions=[condition], title="Psoas release question")
    reply = services.post_reply(parent=question.opening_post, author=editor, body="Try this.")
    assert found_ids("psoas", answered=True) == []
    assert found_ids("psoas", answered=False) == [question.opening_post_id]
    services.accept_answer(thread=question, post=reply, actor=member)
    assert found_ids("psoas", answered=True) == [question.opening_post_id]
    assert found_ids("psoas", answered=False) == []
    services.accept_answer(thread=question, post=None, actor=member)
    assert found_ids("psoas", answered=True) == []


def test_the_index_tokens_of_kind_answer_and_tags_are_never_matched_by_typed_words(
    member, editor, condition
):
    question = ask(author=member, conditions=[condition], title="Psoas release question")
    reply = services.post_reply(parent=question.opening_post, author=editor, body="Try this.")
    services.accept_answer(thread=question, post=reply, actor=member)
    for typed in ["answered", "kquestion", f"c{condition.pk}"]:
        assert found_ids(typed) == [], typed

"""Sixteen members writing at once: no lost update, no duplicate mark, no "database is locked".

Runs on SQLite (a file in WAL mode, BEGIN IMMEDIATE, busy timeout) and on PostgreSQL.
"""

import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Q

from forum.discussions import services
from forum.discussions.models import HelpfulMark, Post, Thread
from tests.factories import UserFactory

WRITERS = 16
ROUNDS = 6


@pytest.mark.django_db(transaction=True)
def test_sixteen_concurrent_writers_keep_every_counter_true(question):
    members = [UserFactory() for _ in range(WRITERS)]
    seeds = [
        services.post_reply(parent=question.opening_post, author=members[i], body=f"Seed {i}")
        for i in range(4)
    ]
    barrier = threading.Barrier(WRITERS)
    errors = []

    def write(i):
        try:
            barrier.wait()
            for j in range(ROUNDS):
                parent = seeds[(i + j) % len(seeds)]
                services.post_reply(parent=parent, author=members[i], body=f"Reply {i}-{j}")
                target = seeds[j % len(seeds)]
                if target.author_id != members[i].pk:
                    services.mark_helpful(post=target, user=members[i])
                    services.mark_helpful(post=target, user=members[i])  # a double click
        except Exception as exc:  # collected and asserted below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors[:3]
    question.refresh_from_db()
    replies = Post.objects.filter(thread=question, depth__gt=0)
    assert question.reply_count == replies.count() == len(seeds) + WRITERS * ROUNDS
    marks = HelpfulMark.objects.filter(post__thread=question)
    assert question.helpful_count == marks.count()
    assert not marks.values("post", "user").annotate(n=Count("id")).filter(n__gt=1).exists()
    for post in Post.objects.filter(thread=question).annotate(
        true_children=Count(
            "children", filter=Q(children__status__in=["visible", "deleted"]), distinct=True
        ),
        true_helpful=Count("helpful_marks", distinct=True),
    ):
        assert post.child_count == post.true_children, post.pk
        assert post.helpful_count == post.true_helpful, post.pk


@pytest.mark.django_db
def test_recount_finds_and_mends_drifted_counters(question, other_member, capsys):
    reply = services.post_reply(parent=question.opening_post, author=other_member, body="Hi")
    Thread.objects.filter(pk=question.pk).update(reply_count=40)
    Post.objects.filter(pk=reply.pk).update(helpful_count=3)
    call_command("recount")
    out = capsys.readouterr().out
    assert "thread.reply_count: 1 wrong, now fixed" in out
    assert "post.helpful_count: 1 wrong, now fixed" in out
    question.refresh_from_db()
    assert question.reply_count == 1
    call_command("recount")
    assert "wrong" not in capsys.readouterr().out

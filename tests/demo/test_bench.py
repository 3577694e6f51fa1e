"""``bench`` runs end to end on a small data set and posts replies the way members do."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from forum.discussions.models import Post
from forum.notifications.models import Notification


@pytest.mark.django_db
def test_bench_times_every_page_and_posts_replies_that_notify(
    django_capture_on_commit_callbacks,
):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "bench", questions=20, replies_per_question=2, repeat=2, long_thread=150, stdout=out
        )
    report = out.getvalue()
    assert f", {connection.vendor}, load average " in report
    assert "tasks backend ImmediateBackend" in report
    for label in ("home", "thread, 100 nested replies", "post a reply (small thread)"):
        assert f"| {label} | " in report
    # 2 posting rows of 3 warm-ups, 1 counted and 2 timed replies, each accepted.
    posted = Post.objects.filter(body__startswith="Same here: hill repeats").count()
    posted += Post.objects.filter(body__startswith="Thanks, that matches what my physio").count()
    assert posted == 12
    assert Notification.objects.filter(post__body__startswith="Thanks, that matches").count() >= 6
    assert "The 12 replies posted above made " in report
    assert "Worker memory: " in report

"""Fast generation of large reply trees and data sets, for the benchmark and the query-count tests.

Rows are written with ``bulk_create`` and explicit ids, so each post's path is
known before it is inserted. The counters come out exactly as the services would
leave them; ``check_counters`` in the tests proves it.
"""

import random
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max, Model
from django.utils import timezone

from forum.conditions.models import Condition
from forum.discussions.models import HelpfulMark, Post, Status, Thread, encode_path_step

BODY = (
    "I have had an ache on the outside of my hip for a few months, worse on stairs and when I "
    "lie on that side at night. What helped **you** most in the first weeks?"
)
HTML = (
    "<p>I have had an ache on the outside of my hip for a few months, worse on stairs and when "
    "I lie on that side at night. What helped <strong>you</strong> most in the first weeks?</p>"
)


class IdAllocator:
    """Hands out ids above the current maximum; the sequence is reset when the build ends."""

    def __init__(self, model: type[Model]) -> None:
        self.next = (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value


def _reset_sequences() -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), [Post, Thread])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _tree_posts(
    thread: Thread,
    opening: Post,
    n_replies: int,
    max_depth: int,
    authors: Sequence[int],
    ids: IdAllocator,
    rng: random.Random,
    start: datetime,
) -> tuple[list[Post], int]:
    """Reply rows for one thread: each picks a parent among earlier posts, favouring recent ones."""
    posts: list[Post] = []
    candidates = [opening]
    child_counts: dict[int, int] = {}
    # A minute apart, but never in the future: a post dated ahead would make the posting
    # throttle refuse its author (and "newest" would lie).
    latest = timezone.now()
    for i in range(n_replies):
        window = candidates[-40:]
        parent = rng.choice(window) if rng.random() < 0.85 else rng.choice(candidates)
        pk = ids.take()
        post = Post(
            pk=pk,
            thread_id=thread.pk,
            parent_id=parent.pk,
            author_id=rng.choice(authors),
            body=BODY,
            html=HTML,
            status=Status.VISIBLE,
            depth=parent.depth + 1,
            path=parent.path + encode_path_step(pk),
            created_at=min(start + timedelta(minutes=i + 1), latest),
        )
        child_counts[parent.pk] = child_counts.get(parent.pk, 0) + 1
        posts.append(post)
        if post.depth < max_depth:
            candidates.append(post)
    for post in posts:
        post.child_count = child_counts.get(post.pk, 0)
    return posts, child_counts.get(opening.pk, 0)


@transaction.atomic
def build_reply_tree(
    *, thread: Thread, n_replies: int, max_depth: int, authors: Sequence[int], seed: int = 1
) -> list[Post]:
    """Add ``n_replies`` nested replies (depth at most ``max_depth``) under a thread."""
    rng = random.Random(seed)  # noqa: S311 (repeatable test data, not secrets)
    ids = IdAllocator(Post)
    opening = thread.opening_post
    assert opening is not None
    start = timezone.now() - timedelta(minutes=n_replies + 1)
    posts, top = _tree_posts(thread, opening, n_replies, max_depth, authors, ids, rng, start)
    Post.objects.bulk_create(posts, batch_size=2000)
    Post.objects.filter(pk=opening.pk).update(child_count=opening.child_count + top)
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=thread.reply_count + n_replies, last_activity_at=timezone.now()
    )
    _reset_sequences()
    thread.refresh_from_db()
    return posts


@transaction.atomic
def build_questions(
    *,
    n_questions: int,
    replies_per_question: int,
    max_depth: int,
    authors: Sequence[int],
    conditions: Sequence[Condition],
    seed: int = 2,
) -> list[Thread]:
    """Many questions with short reply trees; conditions skewed so the first is the busiest."""
    rng = random.Random(seed)  # noqa: S311 (repeatable test data, not secrets)
    thread_ids = IdAllocator(Thread)
    post_ids = IdAllocator(Post)
    now = timezone.now()
    through = Thread.conditions.through
    links: list[tuple[int, int]] = []  # (thread id, condition id)
    threads: list[Thread] = []
    openings: list[Post] = []
    replies: list[Post] = []
    marks: list[HelpfulMark] = []
    for i in range(n_questions):
        created = now - timedelta(minutes=(n_questions - i) * 7)
        thread = Thread(
            pk=thread_ids.take(),
            kind=Thread.Kind.QUESTION,
            title=f"Outer hip pain question number {i} about stairs and side-lying",
            slug=f"outer-hip-pain-question-number-{i}",
            author_id=rng.choice(authors),
            status=Status.VISIBLE,
            created_at=created,
            published_at=created,
            last_activity_at=created,
        )
        pk = post_ids.take()
        opening = Post(
            pk=pk, thread_id=thread.pk, author_id=thread.author_id, body=BODY, html=HTML,
            status=Status.VISIBLE, depth=0, path=encode_path_step(pk), created_at=created,
        )  # fmt: skip
        thread.opening_post_id = opening.pk
        n = rng.randint(0, 2 * replies_per_question) if i % 5 else 0
        posts, top = _tree_posts(thread, opening, n, max_depth, authors, post_ids, rng, created)
        opening.child_count = top
        thread.reply_count = n
        if posts:
            thread.last_activity_at = posts[-1].created_at
            thread.helpful_count = _mark_helpful(posts, authors, rng, marks)
        threads.append(thread)
        openings.append(opening)
        replies.extend(posts)
        weights = [8] + [1] * (len(conditions) - 1)
        chosen = {rng.choices(conditions, weights=weights)[0] for _ in range(rng.randint(1, 3))}
        links.extend((thread.pk, c.pk) for c in chosen)
    # Threads first (with no opening post yet), then posts, then the opening-post links.
    opening_ids = {t.pk: t.opening_post_id for t in threads}
    for t in threads:
        t.opening_post_id = None
    Thread.objects.bulk_create(threads, batch_size=2000)
    Post.objects.bulk_create(openings, batch_size=2000)
    Post.objects.bulk_create(replies, batch_size=5000)
    for t in threads:
        t.opening_post_id = opening_ids[t.pk]
    Thread.objects.bulk_update(threads, ["opening_post"], batch_size=2000)
    through.objects.bulk_create(
        [through(thread_id=t, condition_id=c) for t, c in links], batch_size=5000
    )
    HelpfulMark.objects.bulk_create(marks, batch_size=5000)
    _reset_sequences()
    return threads


def _mark_helpful(
    posts: list[Post], authors: Sequence[int], rng: random.Random, marks: list[HelpfulMark]
) -> int:
    """Up to 12 members each mark one reply of the thread (never their own) helpful; the
    posts' counters are set to match. Returns the thread's helpful count."""
    given = 0
    for marker in rng.sample(list(authors), min(rng.randint(0, 12), len(authors))):
        post = rng.choice(posts)
        if post.author_id == marker:
            continue
        post.helpful_count += 1
        marks.append(HelpfulMark(post_id=post.pk, user_id=marker))
        given += 1
    return given

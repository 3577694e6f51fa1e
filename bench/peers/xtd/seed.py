"""Seed django-comments-xtd: one article with the thread's replies as comments, and posters.

python seed.py seed REPLIES POSTERS    |    python seed.py count
"""

import sys
from datetime import timedelta

import django

django.setup()

import peerconf  # noqa: E402
import texts  # noqa: E402
from articles.models import Article  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.contrib.sites.models import Site  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_comments.models import Comment  # noqa: E402
from django_comments_xtd.forms import XtdCommentForm  # noqa: E402
from django_comments_xtd.models import XtdComment  # noqa: E402

BACKEND = "django.contrib.auth.backends.ModelBackend"


def seed(n_replies: int, n_posters: int) -> None:
    User = get_user_model()
    users = [
        User.objects.create_user(f"member{i}", f"member{i}@example.invalid", "x")
        for i in range(max(n_posters + 1, 2))
    ]
    start = timezone.now() - timedelta(minutes=n_replies + 1)
    article = Article.objects.create(
        title=texts.TITLE, slug="long-conversation", body=texts.OPENING, published_at=start
    )
    kind = ContentType.objects.get_for_model(Article)
    site = Site.objects.get_current()
    Comment.objects.bulk_create(
        [
            Comment(
                pk=i + 1, content_type=kind, object_pk=str(article.pk), site=site,
                user=users[i % len(users)], user_name=users[i % len(users)].username,
                user_email=users[i % len(users)].email, comment=texts.reply_text(i),
                submit_date=start + timedelta(minutes=i), is_public=True,
            )
            for i in range(n_replies)
        ],
        batch_size=1000,
    )  # fmt: skip
    # XtdComment extends Comment (multi-table), which bulk_create refuses: its own rows,
    # each comment its own flat thread, as XtdComment.save() would make them.
    with django.db.connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO django_comments_xtd_xtdcomment (comment_ptr_id, thread_id, parent_id,"
            ' level, "order", followup, nested_count) VALUES (%s, %s, %s, 0, 1, %s, 0)',
            [(i + 1, i + 1, i + 1, False) for i in range(n_replies)],
        )
    if django.db.connection.vendor == "postgresql":
        with django.db.connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('django_comments', 'id'), %s)",
                [n_replies],
            )
    form = XtdCommentForm(article)
    extra = {
        k: str(v)
        for k, v in form.initial.items()
        if k in {"content_type", "object_pk", "timestamp", "security_hash"}
    }
    extra |= {"name": "member", "email": "member@example.invalid", "reply_to": "0", "honeypot": ""}
    peerconf.emit(
        {
            "thread": article.get_absolute_url(),
            "home": "/",
            "list": None,
            "post": "/comments/post/",
            "field": "comment",
            "extra": extra,
            "sessions": [peerconf.signed_in_session(u, BACKEND) for u in users[1:]],
        }
    )


if __name__ == "__main__":
    if sys.argv[1] == "seed":
        seed(int(sys.argv[2]), int(sys.argv[3]))
    else:
        peerconf.emit({"replies": XtdComment.objects.count()})

"""Seed Spirit: one topic with the thread's replies (flat, as Spirit shows them) and posters.

python seed.py seed REPLIES POSTERS    |    python seed.py count
"""

import sys
from datetime import timedelta

import django

django.setup()

import peerconf  # noqa: E402
import texts  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.utils import timezone  # noqa: E402
from spirit.category.models import Category  # noqa: E402
from spirit.comment.models import Comment  # noqa: E402
from spirit.core.utils.markdown import Markdown  # noqa: E402
from spirit.topic.models import Topic  # noqa: E402

BACKEND = "spirit.user.auth.backends.UsernameAuthBackend"


def seed(n_replies: int, n_posters: int) -> None:
    User = get_user_model()
    users = []
    for i in range(max(n_posters, 2)):
        user = User.objects.create_user(f"member{i}", f"member{i}@example.invalid", "x")
        user.st.is_verified = True
        user.st.save()
        users.append(user)
    category = Category.objects.create(title="Hip and gluteal pain", description="Questions")
    start = timezone.now() - timedelta(minutes=n_replies + 1)
    topic = Topic.objects.create(
        user=users[0], category=category, title=texts.TITLE, date=start, last_active=start
    )
    md = Markdown()
    bodies = [texts.OPENING] + [texts.reply_text(i) for i in range(n_replies)]
    Comment.objects.bulk_create(
        [
            Comment(
                user=users[i % len(users)], topic=topic, comment=body,
                comment_html=md.render(body), date=start + timedelta(minutes=i),
            )
            for i, body in enumerate(bodies)
        ],
        batch_size=1000,
    )  # fmt: skip
    Topic.objects.filter(pk=topic.pk).update(comment_count=len(bodies), last_active=timezone.now())
    peerconf.emit(
        {
            "thread": topic.get_absolute_url(),
            "home": "/",
            "list": category.get_absolute_url(),
            "post": f"/comment/{topic.pk}/publish/",
            "field": "comment",
            "sessions": [peerconf.signed_in_session(u, BACKEND) for u in users[1:]],
        }
    )


if __name__ == "__main__":
    if sys.argv[1] == "seed":
        seed(int(sys.argv[2]), int(sys.argv[3]))
    else:
        peerconf.emit({"replies": Comment.objects.count() - 1})  # less the opening post

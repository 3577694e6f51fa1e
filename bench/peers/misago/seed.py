"""Seed Misago: one thread with the thread's replies (flat, as Misago shows them) and posters.

python seed.py seed REPLIES POSTERS    |    python seed.py count

Members are made as Misago's registration makes them (``create_user``, then its default
subscription and notification options and a generated avatar: its default, Gravatar, would
need the internet). The posts go through Misago's own parser, checksum and search vector, in
bulk; the thread and category counters are then worked out by their own ``synchronize()``.
"""

import sys
from datetime import timedelta

import django

django.setup()

import peerconf  # noqa: E402
import texts  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.postgres.search import SearchVector  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.utils import timezone  # noqa: E402
from misago.acl.models import Role  # noqa: E402
from misago.cache.versions import get_cache_versions  # noqa: E402
from misago.categories.models import Category  # noqa: E402
from misago.conf import settings as misago_settings  # noqa: E402
from misago.conf.dynamicsettings import DynamicSettings  # noqa: E402
from misago.markup import common_flavour  # noqa: E402
from misago.notifications.threads import watch_started_thread  # noqa: E402
from misago.threads.checksums import update_post_checksum  # noqa: E402
from misago.threads.models import Post, Thread  # noqa: E402
from misago.users.avatars import set_default_avatar  # noqa: E402
from misago.users.setupnewuser import (  # noqa: E402
    set_default_notifications_options,
    set_default_subscription_options,
)

BACKEND = "misago.users.authbackends.MisagoBackend"


def allow_posting_in_a_row() -> None:
    """Misago refuses a member's post within 3 s of their last; the run posts faster than
    that. Its own switch for it (Admin > Permissions > Member > "Can omit flood protection")
    is turned on for members, as Spirit's rate limit is turned off."""
    role = Role.objects.get(special_role="authenticated")
    role.permissions.setdefault("misago.threads.permissions.threads", {})
    role.permissions["misago.threads.permissions.threads"]["can_omit_flood_protection"] = True
    role.save(update_fields=["permissions"])


def seed(n_replies: int, n_posters: int) -> None:
    User = get_user_model()
    dynamic = DynamicSettings(get_cache_versions())
    allow_posting_in_a_row()
    users = []
    for i in range(max(n_posters + 1, 2)):
        user = User.objects.create_user(f"member{i}", f"member{i}@example.invalid", "x")
        set_default_subscription_options(dynamic, user)
        set_default_notifications_options(dynamic, user)
        set_default_avatar(user, "dynamic", "dynamic")
        users.append(user)
    category = Category.objects.all_categories().get(slug="first-category")
    category.set_name("Hip and gluteal pain")
    category.save(update_fields=["name", "slug"])

    start = timezone.now() - timedelta(minutes=n_replies + 1)
    thread = Thread(category=category, started_on=start, last_post_on=start)
    thread.set_title(texts.TITLE)
    thread.starter_name = thread.last_poster_name = users[0].username
    thread.starter_slug = thread.last_poster_slug = users[0].slug
    thread.save()

    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1")
    bodies = [texts.OPENING] + [texts.reply_text(i) for i in range(n_replies)]
    posts = []
    for i, body in enumerate(bodies):
        poster = users[i % len(users)]
        parsed = common_flavour(request, poster, body)["parsed_text"]
        posts.append(
            Post(
                category=category, thread=thread, poster=poster, poster_name=poster.username,
                original=body, parsed=parsed, posted_on=start + timedelta(minutes=i),
                updated_on=start + timedelta(minutes=i),
            )
        )  # fmt: skip
        posts[-1].set_search_document(texts.TITLE if i == 0 else None)
    Post.objects.bulk_create(posts, batch_size=1000)  # ids back: PostgreSQL returns them
    for post in posts:
        update_post_checksum(post)  # made of the post's id and date
    Post.objects.bulk_update(posts, ["checksum"], batch_size=1000)
    Post.objects.filter(thread=thread).update(
        search_vector=SearchVector("search_document", config=misago_settings.MISAGO_SEARCH_CONFIG)
    )

    thread.synchronize()
    thread.save()
    category.synchronize()
    category.save()
    watch_started_thread(users[0], thread)
    for index, user in enumerate(users):
        User.objects.filter(pk=user.pk).update(posts=len(bodies[index :: len(users)]))
    User.objects.filter(pk=users[0].pk).update(threads=1)

    peerconf.emit(
        {
            "thread": thread.get_absolute_url(),
            "home": "/",
            "list": category.get_absolute_url(),
            "post": thread.get_posts_api_url(),
            "field": "post",
            "json": True,
            "sessions": [peerconf.signed_in_session(u, BACKEND) for u in users[1:]],
        }
    )


if __name__ == "__main__":
    if sys.argv[1] == "seed":
        seed(int(sys.argv[2]), int(sys.argv[3]))
    else:
        thread = Thread.objects.get(title=texts.TITLE)
        peerconf.emit({"replies": Post.objects.filter(thread=thread).count() - 1})

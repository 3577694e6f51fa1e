"""Helpers shared by the moderation tests."""

from datetime import timedelta

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from forum.discussions import services as discussions
from tests.factories import ConditionFactory, UserFactory

QUEUE_URL = "/admin/moderation/queuedpost/"
POSTS_URL = "/admin/discussions/post/"
THREADS_URL = "/admin/discussions/thread/"
USERS_URL = "/admin/accounts/user/"


def report_url(post) -> str:
    return reverse("moderation:report", args=[post.pk])


def make_member(username, *, days=4, visible_posts=3):
    """A member who joined ``days`` ago with ``visible_posts`` visible questions.

    The defaults (4 days, 3 posts) make an established member; fewer of either, a newcomer.
    """
    member = UserFactory(username=username, date_joined=timezone.now() - timedelta(days=days))
    condition = ConditionFactory(name="Hip pain", slug="hip-pain")
    for i in range(visible_posts):
        discussions.ask_question(
            author=member,
            title=f"Earlier question {i} from {username}",
            body=f"Earlier question {i} from {username}: what helped your hip?",
            conditions=[condition],
            screen=False,
        )
    return member


def run_action(client, url, action, objects, **form):
    """Tick ``objects`` on a changelist and choose ``action``, as the changelist's form does.

    With ``apply=True`` (and the form's fields) it is the second step instead: the
    intermediate page's form, which posts the selection again without ``index``.
    """
    data = {"action": action, ACTION_CHECKBOX_NAME: [str(o.pk) for o in objects]}
    if form.pop("apply", False):
        data |= {"apply": "Apply", **form}
    else:
        data |= {"index": "0", **form}
    return client.post(url, data)

"""A small site with something on every main page, for the accessibility and screenshot tests.

``build_site()`` returns the member who owns the content and the pages to visit, each as
(name, path, needs_login).
"""

from dataclasses import dataclass

from django.urls import reverse

from forum.demo.bulk import build_reply_tree
from forum.discussions import services
from forum.discussions.models import Post
from tests.factories import ConditionFactory, UserFactory, make_article, make_question

LONG_BODY = (
    "I run about 40 km a week. For three months the outside of my right hip has ached when I "
    "lie on that side at night, and climbing stairs makes it worse.\n\n"
    "What I tried so far:\n\n- a softer mattress topper\n- a pillow between the knees\n"
    "- stretching the **iliotibial band** every evening\n\n"
    "Has anyone found [loading exercises](https://example.com/loading) that helped?"
)


@dataclass
class Site:
    member: object
    pages: list[tuple[str, str, bool]]
    thread_url: str
    article_url: str


def build_site() -> Site:
    member = UserFactory(username="runner_jo", display_name="Jo", bio="Trail runner, 42.")
    clinician = UserFactory(username="physio_sam")
    others = [UserFactory(username=f"member_{i}") for i in range(4)]
    gtps = ConditionFactory(
        name="Greater trochanteric pain syndrome",
        slug="gtps",
        description="Pain over the outer hip, where the gluteal tendons attach to the femur.",
    )
    gtps.synonyms.create(name="Trochanteric bursitis")
    piriformis = ConditionFactory(name="Piriformis syndrome", slug="piriformis-syndrome")
    ConditionFactory(name="Gluteus medius tendinopathy", slug="gluteus-medius-tendinopathy")

    thread = make_question(
        author=member,
        conditions=[gtps],
        title="Side-lying pain at night after upping my running mileage",
        body=LONG_BODY,
    )
    first = services.post_reply(
        parent=thread.opening_post,
        author=clinician,
        body="Compression of the tendon when you lie on it is a common trigger. "
        "Try isometric holds first: https://example.com/a-very-long-link-that-must-wrap-nicely",
    )
    services.post_reply(
        parent=first, author=member, body="Thank you! How long should each hold be?"
    )
    services.accept_answer(thread=thread, post=first, actor=member)
    build_reply_tree(thread=thread, n_replies=60, max_depth=9, authors=[o.pk for o in others])
    for i in range(3):
        make_question(
            author=others[i],
            conditions=[piriformis if i % 2 else gtps],
            title=f"Question number {i + 1} about buttock pain when sitting at a desk",
        )
    article = make_article(
        author=clinician, conditions=[gtps], title="Understanding outer hip pain: a guide"
    )
    thread.refresh_from_db()
    assert Post.objects.filter(thread=thread).count() > 60
    pages = [
        ("home", "/", False),
        ("questions", reverse("discussions:questions"), False),
        ("thread", thread.get_absolute_url(), False),
        ("article", article.get_absolute_url(), False),
        ("ask", reverse("discussions:ask"), True),
        ("condition", gtps.get_absolute_url(), False),
        ("profile", reverse("discussions:profile", args=[member.username]), False),
        ("login", reverse("account_login"), False),
        ("signup", reverse("account_signup"), False),
        ("password-reset", reverse("account_reset_password"), False),
        ("notifications", reverse("notifications:list"), True),
        ("search", reverse("search:results") + "?q=hip+pain", False),
    ]
    return Site(
        member=member,
        pages=pages,
        thread_url=thread.get_absolute_url(),
        article_url=article.get_absolute_url(),
    )

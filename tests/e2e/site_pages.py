"""A small site with something on every main page, and the one list of pages that the outside
checks (vnu, axe-core, screenshots) visit.

``build_site()`` makes the content and returns a ``Site``: the member who owns it and the pages,
each a ``SitePage`` with the audience it is checked for. Each check builds it once and visits
every page with it (one browser for the whole session, pytest-django's one live server).
"""

from dataclasses import dataclass
from typing import Literal

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forum.accounts.models import User
from forum.demo.bulk import build_reply_tree
from forum.discussions import services
from forum.discussions.models import Post
from forum.treatments import services as treatments
from forum.treatments.models import Outcome, Treatment
from tests.factories import ConditionFactory, UserFactory, make_article, make_question

LONG_BODY = (
    "I run about 40 km a week. For three months the outside of my right hip has ached when I "
    "lie on that side at night, and climbing stairs makes it worse.\n\n"
    "What I tried so far:\n\n- a softer mattress topper\n- a pillow between the knees\n"
    "- stretching the **iliotibial band** every evening\n\n"
    "Has anyone found [loading exercises](https://example.com/loading) that helped?"
)
ARTICLE_BODY = (
    "Most outer hip pain comes from the tendons that attach to the side of the thigh bone.\n\n"
    "# Why it hurts at night\n\nLying on the sore side squeezes the tendon against the bone.\n\n"
    "## What usually helps\n\nSteady loading, and fewer positions that compress the tendon.\n\n"
    "# When to see someone\n\nIf the pain stops you walking, or keeps getting worse."
)

Audience = Literal["anyone", "visitor", "member"]


@dataclass(frozen=True)
class SitePage:
    name: str
    path: str
    audience: Audience  # "anyone": checked logged out and logged in
    status: int = 200

    def seen_by(self, logged_in: bool) -> bool:
        return self.audience == "anyone" or (self.audience == "member") == logged_in


@dataclass
class Site:
    member: User
    pages: list[SitePage]
    thread_url: str
    article_url: str

    def visits(self) -> list[tuple[bool, SitePage]]:
        """Every (logged in, page) pair to check: logged out first."""
        return [(state, p) for state in (False, True) for p in self.pages if p.seen_by(state)]


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
    services.edit_post(post=article.opening_post, editor=clinician, body=ARTICLE_BODY)
    thread.refresh_from_db()
    assert Post.objects.filter(thread=thread).count() > 60
    ball = Treatment.objects.get(slug="ball-release-gluteus-medius")
    for person, outcome in [(member, Outcome.TOO_EARLY), *((o, Outcome.BETTER) for o in others)]:
        treatments.record_treatment(member=person, treatment=ball, condition=gtps, outcome=outcome,
                                    started_on=timezone.localdate(), pain_before=6)  # fmt: skip
    reset_key = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(others[3]),
            "key": default_token_generator.make_token(others[3]),
        },
    )
    pages = [
        SitePage("home", "/", "anyone"),
        SitePage("questions", reverse("discussions:questions"), "anyone"),
        SitePage("thread", thread.get_absolute_url(), "anyone"),
        SitePage("articles", reverse("discussions:articles"), "anyone"),
        SitePage("article", article.get_absolute_url(), "anyone"),
        SitePage("ask", reverse("discussions:ask"), "member"),
        SitePage("condition", gtps.get_absolute_url(), "anyone"),
        SitePage("conditions", reverse("discussions:conditions"), "anyone"),
        SitePage("profile", reverse("discussions:profile", args=[member.username]), "anyone"),
        SitePage("needs-answer", reverse("discussions:needs_answer"), "anyone"),
        SitePage("search", reverse("search:results") + "?q=hip+pain", "anyone"),
        SitePage("help", reverse("help"), "anyone"),
        SitePage("not-found", "/no-such-page/", "anyone", status=404),
        SitePage("login", reverse("account_login"), "visitor"),
        SitePage("signup", reverse("account_signup"), "visitor"),
        SitePage("signup-passkey", reverse("account_signup_by_passkey"), "visitor"),
        SitePage("password-reset", reverse("account_reset_password"), "visitor"),
        SitePage("password-reset-key", reset_key, "visitor"),
        SitePage("notifications", reverse("notifications:list"), "member"),
        SitePage("account", reverse("accounts:settings"), "member"),
        SitePage("email", reverse("account_email"), "member"),
        SitePage("password-change", reverse("account_change_password"), "member"),
        SitePage("two-factor", reverse("mfa_index"), "member"),
        SitePage("notification-settings", reverse("notifications:settings"), "member"),
        SitePage("data", reverse("privacy:index"), "member"),
        SitePage("treatments", reverse("treatments:list"), "anyone"),
        SitePage("treatment", ball.get_absolute_url(), "anyone"),
        SitePage("record-treatment", reverse("treatments:record"), "member"),
        SitePage("what-i-tried", reverse("treatments:mine"), "member"),
    ]
    return Site(
        member=member,
        pages=pages,
        thread_url=thread.get_absolute_url(),
        article_url=article.get_absolute_url(),
    )


def session_cookie(user: User) -> str:
    """A logged-in session for ``user``, without going through the login form."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value

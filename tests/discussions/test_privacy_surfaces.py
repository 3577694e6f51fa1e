"""Posting anonymously and members-only questions (issue 14, "Privacy for sensitive
questions"): every surface a visitor, a search engine or another member can reach is walked
for the author's name, and for a members-only question's words."""

import json
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from forum.accounts.models import TrustLevel, User
from forum.discussions import permissions, services
from forum.discussions.models import ANONYMOUS_NAME, Post, Thread
from forum.discussions.policy import PostRefused
from forum.moderation.models import LogEntry
from forum.notifications.models import Notification
from forum.privacy.services import export_member_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

USERNAME = "quiet_quinn"
DISPLAY_NAME = "Quinn Quietly"
SECRET = "bleeding after the miscarriage"  # words past the teaser of a members-only question
TEASER_START = "I lost a pregnancy last spring and since then my right hip"
LONG_BODY = (
    f"{TEASER_START} has ached whenever I walk uphill. " * 4
    + f"Nobody warned me about {SECRET} making me so tired. Has anyone felt this?"
)


@pytest.fixture
def quiet(db: Any) -> User:
    """A member at the basic level, so allowed to post anonymously."""
    return UserFactory(username=USERNAME, display_name=DISPLAY_NAME, trust_level=TrustLevel.BASIC)


@pytest.fixture
def anonymous_question(quiet: User, condition: Any) -> Thread:
    return services.ask_question(
        author=quiet,
        title="Hip pain since a pregnancy loss, is it connected?",
        body="It started after a hard few months. Tendon pain, hormones, or both?",
        conditions=[condition],
        anonymous=True,
    )


@pytest.fixture
def anonymous_reply(quiet: User, question: Thread) -> Post:
    """An anonymous reply, mentioning bob, to alice's (public) question."""
    return services.post_reply(
        parent=question.opening_post,
        author=quiet,
        body="Same for me after my second child. @bob had good advice on this before.",
        anonymous=True,
    )


def _leaks(response: Any) -> bool:
    text = response.content.decode()
    return USERNAME in text or DISPLAY_NAME in text


def _public_urls(thread: Thread, reply: Post, condition: Any) -> list[str]:
    return [
        reverse("home"),
        reverse("discussions:questions"),
        reverse("discussions:questions") + "?sort=active",
        condition.get_absolute_url(),
        thread.get_absolute_url(),
        thread.get_absolute_url() + "?view=all",
        reply.thread.get_absolute_url(),
        reverse("discussions:subthread", args=[reply.pk]),
        reverse("discussions:history", args=[thread.opening_post.pk]),
        reverse("discussions:reply", args=[reply.pk]),
        reverse("site_feed"),
        reverse("discussions:condition_feed", args=[condition.slug]),
        reverse("discussions:thread_feed", args=[reply.thread_id]),
        reverse("discussions:thread_feed", args=[thread.pk]),
        reverse("sitemap_section", args=["threads"]),
        reverse("search:results") + "?q=hormones",
        reverse("search:results") + "?q=child",
        reverse("discussions:profile", args=["alice"]),
        reverse("discussions:profile", args=["bob"]),
    ]


def test_a_new_member_may_not_post_anonymously(member: User, condition: Any, question: Thread):
    assert member.trust_level == TrustLevel.NEW
    assert not permissions.can_post_anonymously(member)
    with pytest.raises(PostRefused, match="basic trust level"):
        services.ask_question(
            author=member, title="A question I would rather not sign", body="Body text here.",
            conditions=[condition], anonymous=True,
        )  # fmt: skip
    with pytest.raises(PostRefused):
        services.post_reply(parent=question.opening_post, author=member, body="Hm.", anonymous=True)


def test_the_ask_form_offers_anonymity_only_from_the_basic_level(
    member_client: Client, member: User
):
    assert "Post as “Anonymous member”" not in member_client.get(reverse("discussions:ask")).text
    member.trust_level = TrustLevel.BASIC
    member.save()
    assert "Post as “Anonymous member”" in member_client.get(reverse("discussions:ask")).text


def test_a_new_member_forging_the_anonymous_field_posts_under_their_name(
    member_client: Client, member: User, condition: Any
):
    response = member_client.post(
        reverse("discussions:ask"),
        {"title": "Forged anonymity on a question", "body": "Some body text.",
         "conditions": [condition.pk], "anonymous": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Thread.objects.get(title="Forged anonymity on a question").is_anonymous is False


def test_anonymous_posts_name_nobody_on_any_public_surface(
    anonymous_question: Thread,
    anonymous_reply: Post,
    condition: Any,
    other_member: User,
    quiet: User,
):
    services.edit_post(
        post=anonymous_question.opening_post, editor=quiet,
        body=anonymous_question.opening_post.body + " Edited to add: hormones?",
    )  # fmt: skip
    # A named post by the same member, so their profile page exists and has content.
    services.post_reply(
        parent=anonymous_question.opening_post, author=other_member, body="Could be hormones."
    )
    urls = _public_urls(anonymous_question, anonymous_reply, condition)
    readers = {"visitor": Client(), "member": Client()}
    readers["member"].force_login(other_member)
    for who, reader in readers.items():
        for url in urls:
            response = reader.get(url, follow=True)
            assert response.status_code == 200, (who, url)
            assert not _leaks(response), (who, url)
    page = Client().get(anonymous_question.get_absolute_url()).text
    assert page.count(ANONYMOUS_NAME) >= 1
    assert f"/u/{USERNAME}/" not in page


def test_the_json_ld_of_an_anonymous_question_and_answer_names_an_anonymous_person(
    anonymous_question: Thread, anonymous_reply: Post, quiet: User, other_member: User
):
    services.post_reply(
        parent=anonymous_question.opening_post, author=quiet, body="Adding detail.", anonymous=True
    )
    for thread in (anonymous_question, anonymous_reply.thread):
        html = Client().get(thread.get_absolute_url()).text
        start = html.index('<script type="application/ld+json">')
        data = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
        blob = json.dumps(data)
        assert USERNAME not in blob and DISPLAY_NAME not in blob
        assert ANONYMOUS_NAME in blob


def test_the_profile_lists_anonymous_posts_to_their_author_alone(
    anonymous_question: Thread, anonymous_reply: Post, quiet: User, moderator_client: Client
):
    url = reverse("discussions:profile", args=[USERNAME])
    for client in (Client(), moderator_client):
        text = client.get(url).text
        assert anonymous_question.title not in text
        assert "Same for me after my second child" not in text
    own = Client()
    own.force_login(quiet)
    text = own.get(url).text
    assert anonymous_question.title in text
    assert "Posted anonymously: only you see it here" in text


def test_notifications_emails_and_others_exports_say_anonymous_member(
    anonymous_reply: Post, member: User, other_member: User, django_capture_on_commit_callbacks: Any
):
    from forum.notifications.services import fan_out_post

    with django_capture_on_commit_callbacks(execute=True):
        fan_out_post(post=anonymous_reply)
    to_asker = Notification.objects.get(recipient=member, post=anonymous_reply)
    mention = Notification.objects.get(recipient=other_member, post=anonymous_reply)
    assert to_asker.actor is None and mention.actor is None
    assert to_asker.text.startswith(f"{ANONYMOUS_NAME} replied to your question")
    assert mention.text.startswith(f"{ANONYMOUS_NAME} mentioned you")
    for message in mail.outbox:
        assert USERNAME not in message.body and DISPLAY_NAME not in message.body
    for recipient in (member, other_member):
        exported = json.dumps(export_member_data(member=recipient), default=str)
        assert USERNAME not in exported and DISPLAY_NAME not in exported
        assert ANONYMOUS_NAME in exported
    inbox = Client()
    inbox.force_login(member)
    assert not _leaks(inbox.get(reverse("notifications:list")))


def test_the_author_still_edits_and_deletes_their_anonymous_reply(
    anonymous_reply: Post, quiet: User
):
    client = Client()
    client.force_login(quiet)
    page = client.get(anonymous_reply.thread.get_absolute_url()).text
    assert f'href="/r/{anonymous_reply.pk}/edit/"' in page


def test_anonymous_posts_obey_the_real_accounts_suspension(
    quiet: User, question: Thread, moderator: User
):
    from datetime import timedelta

    from django.utils import timezone

    from forum.moderation import services as moderation

    moderation.suspend_member(
        member=quiet, moderator=moderator, until=timezone.now() + timedelta(days=3), reason="Rude."
    )
    quiet.refresh_from_db()
    with pytest.raises(PostRefused):
        services.post_reply(parent=question.opening_post, author=quiet, body="Hi", anonymous=True)


def test_moderators_see_the_author_in_the_admin_and_each_look_is_logged(
    anonymous_reply: Post, moderator_client: Client, moderator: User
):
    listing = moderator_client.get(reverse("admin:discussions_post_changelist"))
    assert listing.status_code == 200
    assert USERNAME not in listing.text and ANONYMOUS_NAME in listing.text
    url = reverse("admin:discussions_post_change", args=[anonymous_reply.pk])
    for _ in range(2):
        page = moderator_client.get(url)
        assert USERNAME in page.text
    looks = LogEntry.objects.filter(
        action=LogEntry.Action.REVEAL_AUTHOR, target_id=anonymous_reply.pk
    )
    assert looks.count() == 2
    assert {look.actor_id for look in looks} == {moderator.pk}


def test_only_moderators_may_reveal_an_author(anonymous_reply: Post, member: User):
    from django.core.exceptions import PermissionDenied

    from forum.moderation.services import reveal_anonymous_author

    with pytest.raises(PermissionDenied):
        reveal_anonymous_author(post=anonymous_reply, moderator=member)


# Members-only questions.


@pytest.fixture
def private_question(member: User, condition: Any) -> Thread:
    return services.ask_question(
        author=member,
        title="Hip pain after a pregnancy loss",
        body=LONG_BODY,
        conditions=[condition],
        members_only=True,
    )


@pytest.fixture
def private_reply(private_question: Thread, other_member: User) -> Post:
    return services.post_reply(
        parent=private_question.opening_post,
        author=other_member,
        body="I am so sorry. The fatigue made my tendons worse too; it eased slowly.",
    )


def test_visitors_see_the_title_first_lines_and_an_invitation_with_noindex(
    private_question: Thread, private_reply: Post
):
    response = Client().get(private_question.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert private_question.title in text and TEASER_START in text
    assert SECRET not in text and "fatigue made my tendons" not in text
    assert '<meta name="robots" content="noindex">' in text
    assert "join Medius" in text
    assert response["Cache-Control"] == "private, no-store"
    assert "application/ld+json" not in text


def test_a_members_only_question_is_in_no_visitor_list_feed_sitemap_or_search(
    private_question: Thread, private_reply: Post, condition: Any
):
    urls = [
        reverse("home"),
        reverse("discussions:questions"),
        reverse("discussions:questions") + "?show=unanswered",
        reverse("discussions:needs_answer"),
        condition.get_absolute_url(),
        reverse("site_feed"),
        reverse("discussions:condition_feed", args=[condition.slug]),
        reverse("sitemap_section", args=["threads"]),
        reverse("search:results") + "?q=pregnancy",
        reverse("search:results") + "?q=fatigue",
        reverse("search:similar") + "?title=hip+pain+after+pregnancy+loss",
        reverse("discussions:profile", args=["alice"]),
        reverse("discussions:profile", args=["bob"]),
    ]
    for url in urls:
        response = Client().get(url)
        assert response.status_code == 200, url
        assert private_question.title not in response.text, url
        assert "fatigue made my tendons" not in response.text, url
    assert (
        Client().get(reverse("discussions:thread_feed", args=[private_question.pk])).status_code
        == 404
    )
    assert (
        Client().get(reverse("discussions:subthread", args=[private_reply.pk])).status_code == 404
    )
    permalink = Client().get(reverse("discussions:permalink", args=[private_reply.pk]))
    assert permalink.status_code == 302
    assert permalink["Location"] == private_question.get_absolute_url()


def test_an_unanswered_members_only_question_waits_on_the_condition_page_for_members_only(
    private_question: Thread, other_member: User, condition: Any
):
    """The condition page's "Waiting for an answer" list keeps to what its reader may
    list, as the needs-an-answer page does: a visitor's copy (the one the page cache
    keeps) never names a members-only question."""
    member = Client()
    member.force_login(other_member)

    visitor_page = Client().get(condition.get_absolute_url())
    member_page = member.get(condition.get_absolute_url())

    assert private_question.title not in visitor_page.text
    assert private_question in member_page.context["unanswered"]


def test_members_read_it_in_lists_and_search_but_without_structured_data(
    private_question: Thread, private_reply: Post, other_member: User, condition: Any
):
    client = Client()
    client.force_login(other_member)
    for url in (
        reverse("home"),
        reverse("discussions:questions"),
        condition.get_absolute_url(),
        reverse("search:results") + "?q=fatigue",
    ):
        assert private_question.title in client.get(url).text, url
    page = client.get(private_question.get_absolute_url())
    assert SECRET in page.text and "fatigue made my tendons" in page.text
    assert "application/ld+json" not in page.text
    assert '<meta name="robots" content="noindex">' in page.text
    assert page["Cache-Control"] == "private, no-store"
    listing = client.get(reverse("discussions:questions")).text
    start = listing.index('<script type="application/ld+json">')
    assert (
        private_question.get_absolute_url()
        not in listing[start : listing.index("</script>", start)]
    )


def test_members_only_pages_never_enter_or_leave_the_page_cache(
    question: Thread, other_member: User, settings: Any, django_capture_on_commit_callbacks: Any
):
    """A page kept while the question was public is not served once it is members only,
    and the teaser is never kept."""
    services.post_reply(parent=question.opening_post, author=other_member, body="Side-lying hurts.")
    settings.MEDIUS_PAGE_CACHE = True
    url = question.get_absolute_url()
    assert Client().get(url)["X-Page-Cache"] == "miss"
    assert Client().get(url)["X-Page-Cache"] == "hit"
    lists_url = reverse("discussions:questions")
    Client().get(lists_url)
    assert Client().get(lists_url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.set_members_only(thread=question, members_only=True)
    for _ in range(2):
        response = Client().get(url)
        assert "X-Page-Cache" not in response
        assert "join Medius" in response.text and "Side-lying hurts" not in response.text
        assert response["Cache-Control"] == "private, no-store"
    assert question.title not in Client().get(lists_url).text


def test_only_the_asker_or_a_moderator_may_change_who_reads_a_question(
    question: Thread, login_as: Any
):
    url = reverse("discussions:members_only", args=[question.pk])
    expected = {"anonymous": 302, "other_member": 403, "member": 302, "moderator": 302}
    for role, status in expected.items():
        response = login_as(role).post(url, {"members_only": "1"})
        assert response.status_code == status, role
        if role == "anonymous":
            assert "/accounts/login/" in response["Location"] or "login" in response["Location"]
    question.refresh_from_db()
    assert question.members_only is True
    assert login_as("member").post(url, {"members_only": "maybe"}).status_code == 400
    login_as("member").post(url, {"members_only": "0"})
    question.refresh_from_db()
    assert question.members_only is False


def test_asking_members_only_from_the_form(member_client: Client, condition: Any):
    response = member_client.post(
        reverse("discussions:ask"),
        {"title": "A question for members only", "body": "Private words. " * 20 + "Secret end.",
         "conditions": [condition.pk], "members_only": "on"},
    )  # fmt: skip
    thread = Thread.objects.get(title="A question for members only")
    assert response["Location"] == thread.get_absolute_url()
    assert thread.members_only
    assert "Secret end." not in Client().get(thread.get_absolute_url()).text


# Content notes.


def test_a_content_note_folds_the_question_and_replies_until_opened(
    member: User, other_member: User, condition: Any
):
    thread = services.ask_question(
        author=member, title="Pain flare after a hard week", body="The details of it.",
        conditions=[condition], content_note="pregnancy loss",
    )  # fmt: skip
    services.post_reply(
        parent=thread.opening_post, author=other_member, body="Gentle words.",
        content_note="self-harm",
    )  # fmt: skip
    page = Client().get(thread.get_absolute_url()).text
    assert '<details class="content-note"><summary>Content note: pregnancy loss</summary>' in page
    assert '<details class="content-note"><summary>Content note: self-harm</summary>' in page
    feed = Client().get(reverse("discussions:thread_feed", args=[thread.pk])).text
    assert "Content note: self-harm" in feed and "Gentle words." not in feed


def test_a_member_may_choose_to_see_noted_posts_unfolded(member: User, condition: Any):
    thread = services.ask_question(
        author=member, title="Pain flare after a hard week", body="The details of it.",
        conditions=[condition], content_note="pregnancy loss",
    )  # fmt: skip
    client = Client()
    client.force_login(member)
    response = client.post(reverse("accounts:settings"), {"reading": "1"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.fold_content_notes is False
    page = client.get(thread.get_absolute_url()).text
    assert '<details class="content-note" open><summary>Content note: pregnancy loss' in page


def test_the_content_note_is_offered_on_the_ask_and_reply_forms(
    member_client: Client, question: Thread, condition: Any
):
    assert "Content note" in member_client.get(reverse("discussions:ask")).text
    member_client.post(
        reverse("discussions:reply", args=[question.opening_post.pk]),
        {"body": "A careful reply.", "content_note": "  self-harm \n"},
    )
    assert Post.objects.get(body="A careful reply.").content_note == "self-harm"

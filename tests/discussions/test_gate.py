"""One gate for every rule (issue 11): what the services refuse or flag whoever calls them.

The views, the admin and any future API go through the same services, so each rule is
pinned here at the service and, where a page shows it, at the page.
"""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from forum.core.text import single_line
from forum.discussions import policy, services
from forum.discussions.models import Post, PostRevision, Status, Thread
from forum.moderation import services as moderation
from forum.moderation.forms import ReasonForm, ReportForm
from forum.moderation.models import LogEntry, Report
from tests.factories import UserFactory, make_article, make_question

pytestmark = pytest.mark.django_db

TWENTY_ONE_LINKS = " ".join(f"[shop {i}](https://spam.example/{i})" for i in range(21))
CRISIS = "Honestly I\u2019ve been thinking about ending it all."  # a phone's apostrophe
URGENT = "Since the fall I can\u2019t put any weight on my leg."


@pytest.fixture
def answer(question, other_member):
    """bob's visible reply to alice's question."""
    return services.post_reply(
        parent=question.opening_post, author=other_member, body="Try sleeping with a pillow."
    )


def fresh(obj):
    obj.refresh_from_db()
    return obj


# Edits pass the same gate as new posts (item 2)


def test_a_newcomers_edit_adding_21_links_is_refused_and_changes_nothing(
    answer, other_member, settings
):
    settings.MEDIUS_NEWCOMER_MAX_LINKS = 2

    with pytest.raises(policy.PostRefused, match="at most 2 links"):
        services.edit_post(post=answer, editor=other_member, body=TWENTY_ONE_LINKS)

    answer = fresh(answer)
    assert answer.body == "Try sleeping with a pillow."
    assert not PostRevision.objects.filter(post=answer).exists()


def test_the_edit_page_refuses_21_links_and_keeps_the_text(
    answer, other_member, login_as, settings
):
    settings.MEDIUS_NEWCOMER_MAX_LINKS = 2

    response = login_as("other_member").post(
        reverse("discussions:edit", args=[answer.pk]), {"body": TWENTY_ONE_LINKS}
    )

    assert response.status_code == 200
    assert "New members can include at most 2 links in a post." in response.content.decode()
    assert response.context["form"]["body"].value() == TWENTY_ONE_LINKS
    assert fresh(answer).body == "Try sleeping with a pillow."


@pytest.mark.parametrize(("text", "kind"), [(CRISIS, "crisis"), (URGENT, "urgent")])
def test_an_edit_adding_a_red_flag_flags_the_post_and_puts_it_before_moderators(
    text, kind, answer, other_member, moderator_client
):
    services.edit_post(post=answer, editor=other_member, body=text)

    answer = fresh(answer)
    assert (answer.red_flag_kind, answer.red_flag_pending) == (kind, True)
    assert answer.status == Status.VISIBLE
    queue = moderator_client.get("/admin/moderation/queuedpost/")
    assert answer.pk in {p.pk for p in queue.context["cl"].result_list}


def test_a_red_flag_in_an_edited_title_flags_the_opening_post(question, member):
    services.edit_post(
        post=question.opening_post,
        editor=member,
        body=question.opening_post.body,
        title="I can't bear weight on my hip since I fell",
    )

    opening = fresh(question.opening_post)
    assert (opening.red_flag_kind, opening.red_flag_pending) == ("urgent", True)
    assert opening.red_flag == "can't bear weight"


def test_an_edit_keeping_a_flag_a_moderator_has_seen_does_not_queue_it_again(
    question, other_member, moderator
):
    post = services.post_reply(parent=question.opening_post, author=other_member, body=CRISIS)
    moderation.resolve_reports(post=post, moderator=moderator)
    assert not fresh(post).red_flag_pending

    services.edit_post(post=post, editor=other_member, body=CRISIS + " Typo fixed.")

    assert not fresh(post).red_flag_pending


def test_an_edit_never_clears_a_flag_nobody_has_looked_at(question, other_member):
    post = services.post_reply(parent=question.opening_post, author=other_member, body=CRISIS)

    services.edit_post(post=post, editor=other_member, body="Sorry, ignore me, all fine.")

    post = fresh(post)
    assert (post.red_flag_kind, post.red_flag_pending) == ("crisis", True)


def test_a_newcomers_edit_of_an_approved_post_goes_back_to_held(
    question, other_member, moderator, settings
):
    settings.MEDIUS_NEWCOMER_HELD_POSTS = 2
    post = services.post_reply(
        parent=question.opening_post, author=other_member, body="A harmless first reply."
    )
    assert post.status == Status.HELD
    moderation.approve_post(post=post, moderator=moderator)
    assert fresh(question).reply_count == 1

    services.edit_post(post=fresh(post), editor=other_member, body="Now with my shop's name.")

    post = fresh(post)
    assert post.status == Status.HELD
    assert "edits included" in post.moderation_reason
    assert fresh(question).reply_count == 0


def test_an_edit_by_a_member_out_of_the_sandbox_or_a_moderator_keeps_the_post_visible(
    answer, other_member, moderator, settings
):
    settings.MEDIUS_NEWCOMER_HELD_POSTS = 1  # bob has one visible post: out of the sandbox

    services.edit_post(post=answer, editor=other_member, body="Try a pillow, and ice.")
    settings.MEDIUS_NEWCOMER_HELD_POSTS = 5
    services.edit_post(post=fresh(answer), editor=moderator, body="Try a pillow.")

    assert fresh(answer).status == Status.VISIBLE


def test_an_edit_is_neither_throttled_nor_a_duplicate(answer, other_member, settings):
    settings.MEDIUS_POST_MIN_INTERVAL_SECONDS = 60
    settings.MEDIUS_DUPLICATE_WINDOW_MINUTES = 10

    services.edit_post(post=answer, editor=other_member, body="Try a pillow between the knees.")
    services.edit_post(post=answer, editor=other_member, body="Try sleeping with a pillow.")

    assert fresh(answer).body == "Try sleeping with a pillow."
    assert PostRevision.objects.filter(post=answer).count() == 3


def test_a_suspended_member_cannot_edit_through_the_service(answer, other_member):
    other_member.suspended_until = timezone.now() + timedelta(days=3)
    other_member.save(update_fields=["suspended_until"])

    with pytest.raises(policy.PostRefused, match="cannot post until"):
        services.edit_post(post=answer, editor=other_member, body="Edited while suspended.")


def test_the_edit_page_shows_the_crisis_notice_and_saves_only_when_sent_again(answer, login_as):
    client = login_as("other_member")
    url = reverse("discussions:edit", args=[answer.pk])

    first = client.post(url, {"body": CRISIS})

    page = first.content.decode()
    assert first.status_code == 200
    assert "You matter, and help is available right now" in page
    assert 'name="red_flag_seen" value="1" form="edit-form"' in page
    assert first.context["form"]["body"].value() == CRISIS
    assert fresh(answer).body == "Try sleeping with a pillow."

    second = client.post(url, {"body": CRISIS, "red_flag_seen": "1"})

    assert second.status_code == 302
    answer = fresh(answer)
    assert (answer.body, answer.red_flag_kind) == (CRISIS, "crisis")


def test_the_edit_page_tells_a_newcomer_their_edit_waits_for_a_moderator(
    question, other_member, moderator, login_as, settings
):
    settings.MEDIUS_NEWCOMER_HELD_POSTS = 2
    post = services.post_reply(
        parent=question.opening_post, author=other_member, body="A harmless first reply."
    )
    moderation.approve_post(post=post, moderator=moderator)

    response = login_as("other_member").post(
        reverse("discussions:edit", args=[post.pk]), {"body": "Visit my shop instead."}, follow=True
    )

    assert "posts, edits included: others will see it again" in response.content.decode()
    assert fresh(post).status == Status.HELD


# Titles are screened for red flags, not only bodies (item 3)


def test_a_red_flag_only_in_a_questions_title_flags_the_post(member, condition):
    question = services.ask_question(
        author=member,
        title="Cannot bear weight on my hip after a fall",
        body="It started yesterday evening.",
        conditions=[condition],
    )

    opening = question.opening_post
    assert (opening.red_flag_kind, opening.red_flag_pending) == ("urgent", True)
    assert opening.red_flag == "Cannot bear weight"


# Replies and accepted answers: the services refuse what the views refused (item 4)


@pytest.mark.parametrize("status", [Status.HIDDEN, Status.HELD, Status.DELETED])
def test_post_reply_refuses_a_parent_that_is_not_visible(status, answer, member):
    services.set_post_status(post=answer, status=status)

    with pytest.raises(policy.ReplyRefused, match="You cannot reply to a deleted or hidden post"):
        services.post_reply(parent=fresh(answer), author=member, body="Replying anyway.")

    assert not Post.objects.filter(parent=answer).exists()


def test_post_reply_refuses_a_hidden_question(question, other_member, moderator):
    moderation.hide_post(post=question.opening_post, moderator=moderator, reason="Off topic")

    with pytest.raises(policy.ReplyRefused):
        services.post_reply(
            parent=fresh(question.opening_post), author=other_member, body="Replying anyway."
        )


def test_post_reply_refuses_a_locked_thread_except_for_moderators(
    question, other_member, moderator
):
    moderation.set_thread_locked(thread=question, moderator=moderator, locked=True)
    opening = Post.objects.select_related("thread").get(pk=question.opening_post_id)

    with pytest.raises(policy.ReplyRefused, match="locked"):
        services.post_reply(parent=opening, author=other_member, body="Too late?")
    services.post_reply(parent=opening, author=moderator, body="Locking this thread: see FAQ.")

    assert list(Post.objects.filter(parent=opening).values_list("author", flat=True)) == [
        moderator.pk
    ]


def test_post_reply_refuses_a_draft(editor, condition, other_member):
    draft = make_article(author=editor, conditions=[condition], publish=False)

    with pytest.raises(policy.ReplyRefused, match="draft"):
        services.post_reply(parent=draft.opening_post, author=other_member, body="First!")


@pytest.mark.parametrize("status", [Status.HIDDEN, Status.HELD, Status.DELETED])
def test_accept_answer_refuses_a_reply_that_is_not_visible(status, question, answer, member):
    services.set_post_status(post=answer, status=status)

    with pytest.raises(services.AnswerRefused, match=r"That reply cannot be accepted\."):
        services.accept_answer(thread=question, post=fresh(answer), actor=member)

    assert fresh(question).accepted_post_id is None


def test_accept_page_turns_the_refusal_into_the_message(question, answer, moderator_client):
    services.set_post_status(post=answer, status=Status.HIDDEN)

    response = moderator_client.post(reverse("discussions:accept", args=[answer.pk]), follow=True)

    assert "That reply cannot be accepted." in response.content.decode()
    assert fresh(question).accepted_post_id is None


def test_reply_page_refuses_a_hidden_parent_with_the_message(answer, moderator, login_as):
    moderation.hide_post(post=answer, moderator=moderator, reason="Advertising")

    response = login_as("moderator").get(
        reverse("discussions:reply", args=[answer.pk]), follow=True
    )

    assert "You cannot reply to a deleted or hidden post." in response.content.decode()


# Duplicates are the same text in the same place (item 6)


def test_the_same_thanks_under_two_replies_is_two_posts(question, answer, member, third_member):
    other = services.post_reply(parent=question.opening_post, author=third_member, body="Ice.")
    thanks = "Thank you, that really helps!"

    first = services.post_reply(parent=answer, author=member, body=thanks)
    second = services.post_reply(parent=other, author=member, body=thanks)
    with pytest.raises(policy.DuplicatePost) as caught:
        services.post_reply(parent=answer, author=member, body=f"  {thanks}\n")

    assert first.pk != second.pk
    assert caught.value.existing == first


def test_an_article_saved_twice_in_a_row_is_one_article(editor, condition):
    article = make_article(author=editor, conditions=[condition])

    with pytest.raises(policy.DuplicatePost) as caught:
        make_article(author=editor, conditions=[condition])

    assert caught.value.existing == article.opening_post


# Single-line fields (item 7)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Hip pain\r\nBcc: everyone@example.com", "Hip pain Bcc: everyone@example.com"),
        ("tab\there", "tab here"),
        ("nul\x00and\x1fcontrols\x7f", "nul and controls"),
        ("line\u2028and\u2029paragraph\x85separators", "line and paragraph separators"),
        ("bidi \u202eevil\u202c and \u2066isolate\u2069", "bidi evil and isolate"),
        ("  lots   of\n\n space  ", "lots of space"),
        ("Résumé — naïve “quotes” 🦵", "Résumé — naïve “quotes” 🦵"),
    ],
)
def test_single_line_keeps_text_on_one_line(raw, clean):
    assert single_line(raw) == clean


def test_services_store_titles_details_and_summaries_on_one_line(member, editor, condition):
    question = services.ask_question(
        author=member,
        title="Hip pain\r\nBcc: everyone",
        body="Body lines\nstay as they are.",
        conditions=[condition],
        details={"activity": "Running\r\nX-Header: 1", "aggravating": "Stairs\u202e"},
    )
    article = services.write_article(
        author=editor,
        title="Loading\nexercises",
        summary="One\r\ntwo",
        body="Text.",
        conditions=[condition],
        publish=True,
    )
    services.update_article(
        article=article,
        editor=editor,
        title="Loading\r\nexercises, revised",
        summary="Three\nfour",
        body="Text.",
        conditions=[condition],
        publish=True,
    )
    services.edit_post(
        post=question.opening_post, editor=member, body="Body.", title="New\ttitle\r\nhere"
    )

    question, article = fresh(question), fresh(article)
    assert (question.title, question.activity, question.aggravating) == (
        "New title here",
        "Running X-Header: 1",
        "Stairs",
    )
    assert question.opening_post.body == "Body."
    assert (article.title, article.summary) == ("Loading exercises, revised", "Three four")
    revision_titles = set(PostRevision.objects.values_list("title", flat=True))
    assert not any("\n" in title or "\r" in title for title in revision_titles)


def test_the_ask_form_keeps_a_title_on_one_line(member_client, member, condition):
    response = member_client.post(
        reverse("discussions:ask"),
        {
            "title": "Outer hip pain\r\nBcc: all@example.com",
            "body": "It hurts on the stairs.",
            "conditions": [condition.pk],
            "aggravating": "Stairs\r\nand hills",
        },
    )

    assert response.status_code == 302
    thread = Thread.objects.get(author=member)
    assert (thread.title, thread.aggravating) == (
        "Outer hip pain Bcc: all@example.com",
        "Stairs and hills",
    )


def test_email_about_a_thread_titled_with_a_line_break_is_sent(
    member, member_client, other_member, condition, django_capture_on_commit_callbacks
):
    member_client.post(
        reverse("discussions:ask"),
        {"title": "Hip pain\r\nBcc: x@example.com", "body": "Help?", "conditions": [condition.pk]},
    )
    question = Thread.objects.get(author=member)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.post_reply(parent=question.opening_post, author=other_member, body="Ice helps.")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.endswith("“Hip pain Bcc: x@example.com”")
    assert "Bcc" not in mail.outbox[0].message()


def test_moderation_reasons_and_report_details_are_single_line(answer, member, moderator):
    moderation.report_post(
        post=answer, reporter=member, reason="other", details="Spam\r\nSubject: free pills"
    )
    moderation.hide_post(post=answer, moderator=moderator, reason="Advertising\r\nline two")
    moderation.suspend_member(
        member=member,
        moderator=moderator,
        until=timezone.now() + timedelta(days=1),
        reason="Spam\nagain",
    )

    assert Report.objects.get().details == "Spam Subject: free pills"
    assert fresh(answer).moderation_reason == "Advertising line two"
    assert fresh(member).suspension_reason == "Spam again"
    assert set(LogEntry.objects.values_list("reason", flat=True)) == {
        "Advertising line two",
        "Spam again",
    }


def test_the_moderators_reason_form_keeps_a_reason_on_one_line():
    form = ReasonForm({"reason": "Off topic\r\n\r\nSee the rules"})
    report = ReportForm({"reason": "other", "details": "Line one\nline two"})

    assert form.is_valid() and report.is_valid()
    assert form.cleaned_data["reason"] == "Off topic See the rules"
    assert report.cleaned_data["details"] == "Line one line two"


# The admin's change form goes through the services (item 5)

THREAD_URL = "/admin/discussions/thread/{}/change/"


def change_form(thread, **changes):
    data = {
        "title": thread.title,
        "conditions": [c.pk for c in thread.conditions.all()],
        "summary": thread.summary,
    }
    return data | changes


def test_admin_title_edit_keeps_a_revision_is_screened_and_logged(
    question, moderator_client, moderator, other_condition
):
    response = moderator_client.post(
        THREAD_URL.format(question.pk),
        change_form(
            question,
            title="Retitled\r\nI can't bear weight on it",
            conditions=[other_condition.pk],
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    question = fresh(question)
    assert question.title == "Retitled I can't bear weight on it"
    assert question.slug == "retitled-i-cant-bear-weight-on-it"
    assert list(question.conditions.all()) == [other_condition]
    revisions = PostRevision.objects.filter(post=question.opening_post).order_by("number")
    assert [(r.number, r.title, r.editor_id) for r in revisions] == [
        (1, "Outer hip pain when lying on my side", question.author_id),
        (2, "Retitled I can't bear weight on it", moderator.pk),
    ]
    assert fresh(question.opening_post).red_flag_kind == "urgent"
    entry = LogEntry.objects.get(action=LogEntry.Action.EDIT_THREAD)
    assert entry.actor == moderator
    assert entry.before["title"] == "Outer hip pain when lying on my side"
    assert entry.after["conditions"] == [other_condition.slug]


def test_admin_change_form_has_no_editable_slug(question, moderator_client):
    response = moderator_client.post(
        THREAD_URL.format(question.pk), change_form(question, slug="my-own-slug")
    )

    assert response.status_code == 302
    assert fresh(question).slug == "outer-hip-pain-when-lying-on-my-side"
    assert not LogEntry.objects.filter(action=LogEntry.Action.EDIT_THREAD).exists()


def test_admin_change_form_refuses_a_short_title_with_the_sites_message(question, moderator_client):
    response = moderator_client.post(
        THREAD_URL.format(question.pk), change_form(question, title="Hip")
    )

    assert response.status_code == 200
    assert "at least 10 characters" in response.content.decode()
    assert fresh(question).title == "Outer hip pain when lying on my side"


# Review stamps (item 8)


def test_the_article_form_offers_no_reviewer_and_ignores_one_posted(
    editor, clinician, condition, login_as
):
    client = login_as("editor")
    page = client.get(reverse("discussions:article_new")).content.decode()
    assert 'name="reviewed_by"' not in page
    assert 'name="last_reviewed_on"' not in page

    client.post(
        reverse("discussions:article_new"),
        {
            "title": "Loading the outer hip",
            "summary": "Why load helps.",
            "body": "Tendons like load.",
            "conditions": [condition.pk],
            "publish": "on",
            "reviewed_by": str(clinician.pk),
            "last_reviewed_on": "2020-01-01",
        },
    )

    article = Thread.objects.get(author=editor)
    assert (article.reviewed_by, article.last_reviewed_on) == (None, None)


def test_a_verified_clinician_marks_an_article_reviewed_by_themselves(article, clinician, login_as):
    client = login_as("clinician")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Mark as reviewed by me" in page

    response = client.post(reverse("discussions:article_review", args=[article.pk]), follow=True)

    assert "Marked as reviewed by you today." in response.content.decode()
    article = fresh(article)
    assert article.reviewed_by == clinician
    assert article.last_reviewed_on == date.today()
    assert "Reviewed by" in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "member", "editor", "moderator", "author"])
def test_only_a_verified_clinician_other_than_the_author_can_review(
    role, condition, clinician, login_as
):
    author = clinician if role == "author" else UserFactory(username="writer")
    article = make_article(author=author, conditions=[condition])
    client = login_as("clinician" if role == "author" else role)

    response = client.post(reverse("discussions:article_review", args=[article.pk]))

    assert response.status_code == (302 if role == "anonymous" else 403)
    assert "Mark as reviewed by me" not in client.get(article.get_absolute_url()).content.decode()
    assert fresh(article).reviewed_by is None


def test_a_moderator_can_only_name_a_verified_clinician(article, editor, moderator):
    with pytest.raises(services.ReviewRefused):
        moderation.mark_reviewed(thread=article, moderator=moderator, reviewer=editor)

    assert fresh(article).reviewed_by is None
    assert not LogEntry.objects.filter(action=LogEntry.Action.REVIEW).exists()


@pytest.mark.parametrize("change", ["title", "body", "summary", "admin title"])
def test_any_change_of_the_text_clears_the_review(change, article, editor, clinician, moderator):
    services.record_review(thread=article, reviewer=clinician)
    data = {
        "title": article.title,
        "summary": article.summary,
        "body": article.opening_post.body,
        "conditions": list(article.conditions.all()),
        "publish": True,
    }
    if change == "admin title":
        moderation.edit_thread(
            thread=article,
            moderator=moderator,
            title="Anatomy of the gluteus medius, revised",
            conditions=data["conditions"],
            summary=article.summary,
        )
    else:
        data[change] = data[change] + " Revised."
        services.update_article(article=article, editor=editor, **data)

    article = fresh(article)
    assert (article.reviewed_by, article.last_reviewed_on) == (None, None)


def test_changing_only_the_conditions_keeps_the_review(article, editor, clinician, other_condition):
    services.record_review(thread=article, reviewer=clinician)

    services.update_article(
        article=article,
        editor=editor,
        title=article.title,
        summary=article.summary,
        body=article.opening_post.body,
        conditions=[other_condition],
        publish=True,
    )

    assert fresh(article).reviewed_by == clinician


def test_every_posting_service_screens_a_suspended_author(member, condition, editor):
    question = make_question(author=member, conditions=[condition])
    for user in (member, editor):
        user.suspended_until = timezone.now() + timedelta(days=2)
        user.save(update_fields=["suspended_until"])

    calls = {
        "ask": lambda: services.ask_question(
            author=member, title="Another question here", body="Text.", conditions=[condition]
        ),
        "reply": lambda: services.post_reply(
            parent=question.opening_post, author=member, body="Text."
        ),
        "edit": lambda: services.edit_post(post=question.opening_post, editor=member, body="X."),
        "article": lambda: make_article(author=editor, conditions=[condition], title="Suspended"),
    }
    for call in calls.values():
        with pytest.raises(policy.PostRefused, match="cannot post until"):
            call()
    assert Post.objects.count() == 1

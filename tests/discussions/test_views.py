import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.discussions import services, tree
from forum.discussions.models import HelpfulMark, Post, Status, Thread
from tests.discussions.helpers import assert_redirects_to_login, chain, reply_to
from tests.factories import ConditionFactory, make_article, make_question

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_posting_rules")]


def question_data(condition, **overrides):
    data = {
        "title": "Outer hip pain that wakes me at night",
        "body": "It aches when I lie on my left side. What helped you?",
        "conditions": [condition.pk],
    }
    return data | overrides


def article_data(condition, **overrides):
    data = {
        "title": "Loading the gluteal tendons safely",
        "summary": "Why load, not rest, helps tendons.",
        "body": "Tendons adapt to *progressive* load.",
        "conditions": [condition.pk],
        "publish": "on",
    }
    return data | overrides


def replies_section(response) -> str:
    html = response.content.decode()
    start = html.index('<section class="replies-section"')
    return html[start : html.index("</section>", start)]


def reply_ids(response) -> list[int]:
    return [
        int(pk) for pk in re.findall(r'<li id="r-(\d+)" class="reply">', response.content.decode())
    ]


class FormState(HTMLParser):
    """What a re-rendered form would submit again: field name -> list of values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: dict[str, list[str]] = {}
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            if attrs.get("type") in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.values.setdefault(name, []).append(attrs.get("value", "on"))
            elif attrs.get("type") != "hidden":
                self.values.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values.setdefault(name, []).append("")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values.setdefault(self._select, []).append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            # Browsers drop the newline that Django writes after <textarea>.
            value = self.values[self._textarea][-1]
            self.values[self._textarea][-1] = value.removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][-1] += data


def form_state(response) -> dict[str, list[str]]:
    parser = FormState()
    parser.feed(response.content.decode())
    return parser.values


# Permission matrix: ask


def test_ask_page_sends_anonymous_visitors_to_log_in(client):
    assert_redirects_to_login(client.get(reverse("discussions:ask")))


def test_anonymous_post_to_ask_creates_nothing(client, condition):
    response = client.post(reverse("discussions:ask"), question_data(condition))

    assert_redirects_to_login(response)
    assert not Thread.objects.exists()


@pytest.mark.parametrize("role", ["member", "moderator", "editor"])
def test_ask_page_is_open_to_every_logged_in_member(login_as, role):
    response = login_as(role).get(reverse("discussions:ask"))

    assert response.status_code == 200
    assert 'name="title"' in response.content.decode()


def test_member_asking_a_question_is_redirected_to_it(member_client, member, condition):
    response = member_client.post(reverse("discussions:ask"), question_data(condition))

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response.url == thread.get_absolute_url()
    assert thread.author == member
    assert thread.title == "Outer hip pain that wakes me at night"
    assert list(thread.conditions.all()) == [condition]


def test_ask_saves_the_optional_details(member_client, condition):
    member_client.post(
        reverse("discussions:ask"),
        question_data(
            condition,
            side="right",
            duration="over_a_year",
            activity="Netball",
            aggravating="Stairs",
            treatments_tried="Physio",
        ),
    )

    thread = Thread.objects.get()
    assert (thread.side, thread.duration) == ("right", "over_a_year")
    assert (thread.activity, thread.aggravating, thread.treatments_tried) == (
        "Netball",
        "Stairs",
        "Physio",
    )


# Permission matrix: articles


@pytest.mark.parametrize(
    ("role", "status"),
    [("member", 403), ("moderator", 403), ("editor", 200)],
)
def test_only_editors_may_open_the_new_article_page(login_as, role, status):
    response = login_as(role).get(reverse("discussions:article_new"))

    assert response.status_code == status


def test_new_article_page_sends_anonymous_visitors_to_log_in(client):
    assert_redirects_to_login(client.get(reverse("discussions:article_new")))


@pytest.mark.parametrize("role", ["anonymous", "member", "moderator"])
def test_non_editors_cannot_post_an_article(login_as, role, condition):
    response = login_as(role).post(reverse("discussions:article_new"), article_data(condition))

    assert response.status_code in {302, 403}
    if role == "anonymous":
        assert_redirects_to_login(response)
    else:
        assert response.status_code == 403
    assert not Thread.objects.articles().exists()


def test_editor_publishes_an_article(login_as, editor, condition):
    response = login_as("editor").post(reverse("discussions:article_new"), article_data(condition))

    article = Thread.objects.articles().get()
    assert response.status_code == 302
    assert response.url == article.get_absolute_url()
    assert article.author == editor
    assert not article.is_draft


def test_editor_saves_a_draft_when_publish_is_unticked(login_as, condition):
    data = article_data(condition)
    del data["publish"]

    login_as("editor").post(reverse("discussions:article_new"), data)

    assert Thread.objects.articles().get().is_draft


@pytest.mark.parametrize(
    ("role", "status"),
    [("member", 403), ("other_editor", 403), ("editor", 200), ("moderator", 200)],
    ids=["other-member", "another-editor", "author", "moderator"],
)
def test_article_edit_page_is_for_its_author_and_moderators(login_as, article, role, status):
    response = login_as(role).get(reverse("discussions:article_edit", args=[article.pk]))

    assert response.status_code == status


def test_article_edit_page_sends_anonymous_visitors_to_log_in(client, article):
    assert_redirects_to_login(client.get(reverse("discussions:article_edit", args=[article.pk])))


@pytest.mark.parametrize(
    ("role", "changed"),
    [("anonymous", False), ("member", False), ("editor", True), ("moderator", True)],
    ids=["anonymous", "other-member", "author", "moderator"],
)
def test_article_edit_post_changes_it_only_for_its_author_and_moderators(
    login_as, article, condition, role, changed
):
    url = reverse("discussions:article_edit", args=[article.pk])
    data = article_data(condition, title="Anatomy of the gluteus medius, revised")

    response = login_as(role).post(url, data)

    article.refresh_from_db()
    assert (article.title == "Anatomy of the gluteus medius, revised") is changed
    if changed:
        assert response.status_code == 302
        assert response.url == article.get_absolute_url()
    elif role == "anonymous":
        assert_redirects_to_login(response)
    else:
        assert response.status_code == 403


def test_editing_an_article_through_the_reply_edit_url_goes_to_the_article_form(login_as, article):
    response = login_as("editor").get(reverse("discussions:edit", args=[article.opening_post.pk]))

    assert response.status_code == 302
    assert response.url == reverse("discussions:article_edit", args=[article.pk])


# Permission matrix: reply


def test_reply_page_sends_anonymous_visitors_to_log_in(client, question):
    url = reverse("discussions:reply", args=[question.opening_post.pk])

    assert_redirects_to_login(client.get(url))
    assert_redirects_to_login(client.post(url, {"body": "Hello there"}))
    assert question.posts.count() == 1


@pytest.mark.parametrize(
    "role", ["member", "other_member", "moderator"], ids=["author", "other-member", "moderator"]
)
def test_any_member_may_reply(login_as, question, role):
    client = login_as(role)
    url = reverse("discussions:reply", args=[question.opening_post.pk])

    assert client.get(url).status_code == 200
    response = client.post(url, {"body": "Side-lying with a pillow helped me."})

    post = Post.objects.get(body="Side-lying with a pillow helped me.")
    assert response.status_code == 302
    assert response.url == post.get_absolute_url()
    assert post.parent_id == question.opening_post.pk


@pytest.mark.parametrize("role", ["member", "other_member"], ids=["author", "other-member"])
def test_reply_to_locked_thread_is_refused_for_members(login_as, question, role):
    Thread.objects.filter(pk=question.pk).update(is_locked=True)
    client = login_as(role)
    url = reverse("discussions:reply", args=[question.opening_post.pk])

    assert client.get(url).status_code == 403
    assert client.post(url, {"body": "Can I still reply?"}).status_code == 403
    assert question.posts.count() == 1


def test_reply_to_locked_thread_is_allowed_for_moderators(moderator_client, question):
    Thread.objects.filter(pk=question.pk).update(is_locked=True)
    url = reverse("discussions:reply", args=[question.opening_post.pk])

    response = moderator_client.post(url, {"body": "Locking this: please see the FAQ."})

    assert response.status_code == 302
    assert question.posts.filter(body="Locking this: please see the FAQ.").exists()


def test_reply_to_a_deleted_reply_is_refused(member_client, question, other_member):
    parent = reply_to(question.opening_post, other_member)
    services.delete_post(post=parent, actor=other_member)

    response = member_client.post(
        reverse("discussions:reply", args=[parent.pk]), {"body": "Too late"}
    )

    assert response.status_code == 302
    assert response.url == question.get_absolute_url()
    assert not Post.objects.filter(body="Too late").exists()


def test_reply_too_deep_is_refused_with_a_form_error(member_client, question, other_member):
    deepest = chain(question.opening_post, other_member, 100)[-1]

    response = member_client.post(
        reverse("discussions:reply", args=[deepest.pk]), {"body": "One more level"}
    )

    assert response.status_code == 200
    assert "nested as deeply as Medius allows" in response.content.decode()
    assert not Post.objects.filter(body="One more level").exists()


# Permission matrix: edit


@pytest.fixture
def alices_reply(question, member):
    return reply_to(question.opening_post, member, "Alice's own reply.")


def test_edit_sends_anonymous_visitors_to_log_in(client, alices_reply):
    url = reverse("discussions:edit", args=[alices_reply.pk])

    assert_redirects_to_login(client.get(url))
    assert_redirects_to_login(client.post(url, {"body": "Vandalised"}))
    alices_reply.refresh_from_db()
    assert alices_reply.body == "Alice's own reply."


def test_edit_is_refused_to_another_member(login_as, alices_reply):
    client = login_as("other_member")
    url = reverse("discussions:edit", args=[alices_reply.pk])

    assert client.get(url).status_code == 403
    assert client.post(url, {"body": "Vandalised"}).status_code == 403
    alices_reply.refresh_from_db()
    assert alices_reply.body == "Alice's own reply."


@pytest.mark.parametrize("role", ["member", "moderator"], ids=["author", "moderator"])
def test_author_and_moderator_can_edit_a_reply(login_as, alices_reply, role):
    client = login_as(role)
    url = reverse("discussions:edit", args=[alices_reply.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert "Alice&#x27;s own reply." in page.content.decode()

    response = client.post(url, {"body": "Alice's reply, corrected."})

    assert response.status_code == 302
    assert response.url == alices_reply.get_absolute_url()
    alices_reply.refresh_from_db()
    assert alices_reply.body == "Alice's reply, corrected."
    assert alices_reply.revisions.get(number=2).editor == page.wsgi_request.user


def test_author_edits_the_question_title_and_body(member_client, question):
    response = member_client.post(
        reverse("discussions:edit", args=[question.opening_post.pk]),
        {"title": "Outer hip pain at night, both sides", "body": "Now both sides ache."},
    )

    question.refresh_from_db()
    assert response.status_code == 302
    assert question.title == "Outer hip pain at night, both sides"
    assert question.opening_post.body == "Now both sides ache."


def test_a_deleted_reply_cannot_be_edited(member_client, alices_reply, member):
    services.delete_post(post=alices_reply, actor=member)

    response = member_client.get(reverse("discussions:edit", args=[alices_reply.pk]))

    assert response.status_code == 403


# Permission matrix: delete


def test_delete_sends_anonymous_visitors_to_log_in(client, alices_reply):
    url = reverse("discussions:delete", args=[alices_reply.pk])

    assert_redirects_to_login(client.get(url))
    assert_redirects_to_login(client.post(url))
    alices_reply.refresh_from_db()
    assert alices_reply.status == Status.VISIBLE


@pytest.mark.parametrize("role", ["other_member", "moderator"])
def test_only_the_author_may_delete(login_as, alices_reply, role):
    client = login_as(role)
    url = reverse("discussions:delete", args=[alices_reply.pk])

    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    alices_reply.refresh_from_db()
    assert alices_reply.status == Status.VISIBLE


def test_delete_asks_for_confirmation_on_get_and_changes_nothing(member_client, alices_reply):
    response = member_client.get(reverse("discussions:delete", args=[alices_reply.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Delete your reply?" in html
    assert "s own reply." in html
    assert '<form method="post">' in html
    alices_reply.refresh_from_db()
    assert alices_reply.status == Status.VISIBLE


def test_author_deletes_a_reply_on_post(member_client, alices_reply, question):
    response = member_client.post(reverse("discussions:delete", args=[alices_reply.pk]))

    assert response.status_code == 302
    assert response.url == alices_reply.get_absolute_url()
    alices_reply.refresh_from_db()
    assert alices_reply.status == Status.DELETED
    question.refresh_from_db()
    assert question.reply_count == 0


def test_author_deletes_a_question_and_is_sent_home(member_client, question, client):
    response = member_client.post(reverse("discussions:delete", args=[question.opening_post.pk]))

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert member_client.get(question.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(question.get_absolute_url()).status_code == 404


# Permission matrix: helpful


@pytest.fixture
def bobs_reply(question, other_member):
    return reply_to(question.opening_post, other_member, "Bob's helpful reply.")


@pytest.mark.parametrize("role", ["anonymous", "member", "other_member", "moderator"])
def test_helpful_refuses_get_with_405(login_as, bobs_reply, role):
    response = login_as(role).get(reverse("discussions:helpful", args=[bobs_reply.pk]))

    assert response.status_code == 405
    assert not HelpfulMark.objects.exists()


def test_helpful_sends_anonymous_visitors_to_log_in(client, bobs_reply):
    assert_redirects_to_login(client.post(reverse("discussions:helpful", args=[bobs_reply.pk])))
    assert not HelpfulMark.objects.exists()


def test_members_cannot_mark_their_own_reply_helpful(login_as, bobs_reply):
    response = login_as("other_member").post(reverse("discussions:helpful", args=[bobs_reply.pk]))

    assert response.status_code == 403
    bobs_reply.refresh_from_db()
    assert bobs_reply.helpful_count == 0


def test_the_opening_post_cannot_be_marked_helpful(login_as, question):
    response = login_as("other_member").post(
        reverse("discussions:helpful", args=[question.opening_post.pk])
    )

    assert response.status_code == 403
    assert not HelpfulMark.objects.exists()


@pytest.mark.parametrize("role", ["member", "moderator"])
def test_other_members_mark_a_reply_helpful_once_and_can_undo(login_as, bobs_reply, role):
    client = login_as(role)
    url = reverse("discussions:helpful", args=[bobs_reply.pk])

    response = client.post(url)
    client.post(url)

    assert response.status_code == 302
    assert response.url == bobs_reply.get_absolute_url()
    bobs_reply.refresh_from_db()
    assert bobs_reply.helpful_count == 1

    client.post(url, {"undo": "1"})
    bobs_reply.refresh_from_db()
    assert bobs_reply.helpful_count == 0


# Permission matrix: accept


def test_accept_refuses_get_with_405(member_client, bobs_reply):
    response = member_client.get(reverse("discussions:accept", args=[bobs_reply.pk]))

    assert response.status_code == 405


def test_accept_sends_anonymous_visitors_to_log_in(client, bobs_reply, question):
    assert_redirects_to_login(client.post(reverse("discussions:accept", args=[bobs_reply.pk])))
    question.refresh_from_db()
    assert question.accepted_post is None


@pytest.mark.parametrize(
    "role", ["other_member", "third_member"], ids=["reply-author", "unrelated-member"]
)
def test_only_the_asker_or_a_moderator_may_accept(login_as, bobs_reply, question, role):
    response = login_as(role).post(reverse("discussions:accept", args=[bobs_reply.pk]))

    assert response.status_code == 403
    question.refresh_from_db()
    assert question.accepted_post is None


@pytest.mark.parametrize("role", ["member", "moderator"], ids=["asker", "moderator"])
def test_asker_and_moderator_accept_and_unaccept_an_answer(login_as, bobs_reply, question, role):
    client = login_as(role)
    url = reverse("discussions:accept", args=[bobs_reply.pk])

    response = client.post(url)

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.accepted_post_id == bobs_reply.pk

    client.post(url, {"undo": "1"})
    question.refresh_from_db()
    assert question.accepted_post is None


def test_comments_on_an_article_cannot_be_accepted(login_as, article, other_member):
    comment = reply_to(article.opening_post, other_member)

    response = login_as("editor").post(reverse("discussions:accept", args=[comment.pk]))

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.accepted_post is None


# Thread page


def test_thread_page_shows_deleted_placeholder_and_keeps_its_children(
    client, question, member, other_member
):
    parent = reply_to(question.opening_post, other_member, "Text that bob withdrew.")
    child = reply_to(parent, member, "Answer from alice to bob.")
    services.delete_post(post=parent, actor=other_member)

    response = client.get(question.get_absolute_url())

    section = replies_section(response)
    assert response.status_code == 200
    assert reply_ids(response) == [parent.pk, child.pk]
    assert "[deleted]" in section
    assert "Text that bob withdrew." not in section
    assert "Answer from alice to bob." in section


def test_thread_page_does_not_reveal_who_wrote_a_deleted_reply(
    client, question, member, other_member
):
    parent = reply_to(question.opening_post, other_member, "Withdrawn text.")
    reply_to(parent, member, "An answer to the withdrawn text.")
    services.delete_post(post=parent, actor=other_member)

    section = replies_section(client.get(question.get_absolute_url()))

    assert "An answer to the withdrawn text." in section
    assert "bob" not in section


def test_thread_page_shows_question_details_and_opening_post(client, member, condition):
    thread = services.ask_question(
        author=member,
        title="Right hip pain when climbing stairs",
        body="It is **sharp** at the top of the stairs.",
        conditions=[condition],
        details={"side": "right", "activity": "Hill walking"},
    )

    response = client.get(thread.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Right hip pain when climbing stairs" in html
    assert "<strong>sharp</strong>" in html
    assert "<dd>Right</dd>" in html
    assert "<dd>Hill walking</dd>" in html
    assert condition.name in html


def test_wrong_slug_redirects_permanently_to_the_canonical_url(client, question):
    response = client.get(reverse("discussions:question", args=[question.pk, "old-title"]))

    assert response.status_code == 301
    assert response.url == question.get_absolute_url()


def test_old_slug_redirects_after_the_title_changes(client, question, member):
    old_url = question.get_absolute_url()
    services.edit_post(
        post=question.opening_post,
        editor=member,
        body=question.opening_post.body,
        title="A better title for my question",
    )
    question.refresh_from_db()

    response = client.get(old_url)

    assert response.status_code == 301
    assert response.url == question.get_absolute_url()
    assert question.slug in response.url


def test_a_question_is_not_served_under_the_article_url(client, question):
    response = client.get(reverse("discussions:article", args=[question.pk, question.slug]))

    assert response.status_code == 404


def test_revision_history_lists_every_version_with_who_and_when(
    client, question, member, moderator
):
    opening = question.opening_post
    services.edit_post(post=opening, editor=member, body="Second version by alice.")
    services.edit_post(post=opening, editor=moderator, body="Third version by the moderator.")

    response = client.get(reverse("discussions:history", args=[opening.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    for number in (1, 2, 3):
        assert f"Version {number}" in html
    # each version's words are there, whole or as the diff from the one before
    words = re.sub(r"<[^>]+>", "", re.sub(r'<span class="visually-hidden">[^<]*</span>', "", html))
    assert "It aches at night when I lie on that side." in words
    assert "Second" in words and "by alice." in words
    assert "Third" in words and "the moderator." in words
    bylines = re.findall(r"By (\w+), <time datetime=\"([^\"]+)\">", html)
    assert [who for who, _ in bylines] == ["mod", "alice", "alice"]
    assert all(when for _, when in bylines)
    assert html.index("Version 3") < html.index("Version 2") < html.index("Version 1")


def test_history_of_an_unedited_post_says_so(client, question):
    response = client.get(reverse("discussions:history", args=[question.opening_post.pk]))

    assert response.status_code == 200
    assert "This post has not been edited." in response.content.decode()


def test_history_of_a_deleted_reply_is_hidden_from_members_but_not_moderators(
    login_as, alices_reply, member
):
    services.edit_post(post=alices_reply, editor=member, body="Edited before deleting.")
    services.delete_post(post=alices_reply, actor=member)
    url = reverse("discussions:history", args=[alices_reply.pk])

    assert login_as("anonymous").get(url).status_code == 404
    assert login_as("member").get(url).status_code == 404
    assert login_as("moderator").get(url).status_code == 200


# Ask form errors keep what was typed


SIX_CONDITION_NAMES = ["Alpha cond", "Beta cond", "Gamma cond", "Delta cond", "Eps cond", "Zeta"]


@pytest.mark.parametrize(
    ("case", "error"),
    [
        ("short_title", "The title needs at least 10 characters (it has 8)."),
        ("no_condition", "Choose at least one condition, or “Not sure yet”."),
        ("long_body", "Please keep it under 20,000 characters"),
        ("six_conditions", "Choose at most 5 conditions."),
    ],
)
def test_failed_ask_form_shows_the_error_and_keeps_every_typed_value(
    member_client, condition, case, error
):
    conditions = [condition] + [
        ConditionFactory(name=name, slug=name.lower().replace(" ", "-"))
        for name in SIX_CONDITION_NAMES[:5]
    ]
    data = {
        "title": "Hip pain at night when lying down",
        "body": "Body with <b>markup</b> & an ampersand.",
        "conditions": [str(c.pk) for c in conditions[:2]],
        "side": "left",
        "duration": "3_to_12_months",
        "activity": "Running",
        "aggravating": "Stairs & hills",
        "treatments_tried": 'Physio, "rest"',
    }
    if case == "short_title":
        data["title"] = "Hip pain"
    elif case == "no_condition":
        data["conditions"] = []
    elif case == "long_body":
        data["body"] = "x" * 20_001
    elif case == "six_conditions":
        data["conditions"] = [str(c.pk) for c in conditions]

    response = member_client.post(reverse("discussions:ask"), data)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Thread.objects.exists()
    state = form_state(response)
    assert state["title"] == [data["title"]]
    assert state["body"] == [data["body"]]
    assert sorted(state.get("conditions", [])) == sorted(data["conditions"])
    assert state["side"] == ["left"]
    assert state["duration"] == ["3_to_12_months"]
    assert state["activity"] == ["Running"]
    assert state["aggravating"] == ["Stairs & hills"]
    assert state["treatments_tried"] == ['Physio, "rest"']


# Preview


def test_ask_preview_renders_markdown_and_saves_nothing(member_client, condition):
    data = question_data(condition, body="# Symptoms\n\nIt **hurts** <script>x</script>")
    data["preview"] = "1"

    response = member_client.post(reverse("discussions:ask"), data)

    html = response.content.decode()
    assert response.status_code == 200
    preview = html[html.index('<section class="preview"') :]
    preview = preview[: preview.index("</section>")]
    assert "<h2>Symptoms</h2>" in preview
    assert "<strong>hurts</strong>" in preview
    assert "&lt;script&gt;" in preview
    assert not Thread.objects.exists()
    assert form_state(response)["title"] == [data["title"]]


def test_reply_preview_renders_markdown_and_saves_nothing(member_client, question):
    url = reverse("discussions:reply", args=[question.opening_post.pk])

    response = member_client.post(url, {"body": "Try *clamshells*.", "preview": "1"})

    html = response.content.decode()
    assert response.status_code == 200
    assert '<section class="preview"' in html
    assert "<em>clamshells</em>" in html
    assert question.posts.count() == 1
    question.refresh_from_db()
    assert question.reply_count == 0


# Redirects to replies


def test_successful_reply_redirects_to_its_permalink_then_to_its_anchor(member_client, question):
    response = member_client.post(
        reverse("discussions:reply", args=[question.opening_post.pk]), {"body": "Try a pillow."}
    )
    post = Post.objects.get(body="Try a pillow.")

    assert response.status_code == 302
    assert response.url == f"/r/{post.pk}/"
    final = member_client.get(response.url)
    assert final.status_code == 302
    assert final.url == f"{question.get_absolute_url()}#r-{post.pk}"


def test_permalink_of_the_opening_post_goes_to_the_thread(client, question):
    response = client.get(reverse("discussions:permalink", args=[question.opening_post.pk]))

    assert response.status_code == 302
    assert response.url == question.get_absolute_url()


def test_permalink_of_a_reply_at_the_page_depth_stays_on_the_thread_page(
    client, question, other_member
):
    posts = chain(question.opening_post, other_member, 5)

    response = client.get(posts[-1].get_absolute_url())

    assert response.url == f"{question.get_absolute_url()}#r-{posts[-1].pk}"


@pytest.mark.parametrize("depth", [6, 7, 10, 11])
def test_permalink_of_a_deep_reply_goes_to_the_continue_this_thread_page(
    client, question, other_member, depth
):
    posts = chain(question.opening_post, other_member, depth)
    target = posts[-1]
    branch_root = posts[(depth - 1) // tree.PAGE_DEPTH * tree.PAGE_DEPTH - 1]

    response = client.get(target.get_absolute_url())

    assert response.status_code == 302
    assert response.url == f"/r/{branch_root.pk}/thread/#r-{target.pk}"
    page = client.get(response.url.split("#")[0])
    assert page.status_code == 200
    assert target.pk in reply_ids(page)


def test_thread_page_links_to_the_continuation_of_deep_branches(client, question, other_member):
    posts = chain(question.opening_post, other_member, 7)

    response = client.get(question.get_absolute_url())

    assert reply_ids(response) == [p.pk for p in posts[:5]]
    assert f'href="/r/{posts[4].pk}/thread/"' in response.content.decode()


def test_view_all_shows_every_reply_at_every_depth(client, question, other_member, member):
    deep = chain(question.opening_post, other_member, 8)
    second = reply_to(question.opening_post, member, "A second top-level reply")

    response = client.get(question.get_absolute_url() + "?view=all")

    assert response.status_code == 200
    assert reply_ids(response) == [p.pk for p in deep] + [second.pk]
    assert "Continue this thread" not in response.content.decode()


# Pages of replies


def test_thread_with_more_replies_than_a_page_links_to_the_rest(
    client, question, other_member, monkeypatch
):
    monkeypatch.setattr(tree, "PAGE_SIZE", 3)
    replies = [reply_to(question.opening_post, other_member, f"Reply {i}") for i in range(5)]

    first = client.get(question.get_absolute_url())

    assert reply_ids(first) == [r.pk for r in replies[:3]]
    assert f'href="?from={replies[3].pk}"' in first.content.decode()
    assert "More replies" in first.content.decode()

    rest = client.get(f"{question.get_absolute_url()}?from={replies[3].pk}")

    assert rest.status_code == 200
    assert reply_ids(rest) == [r.pk for r in replies[3:]]
    assert "More replies" not in rest.content.decode()
    assert "Back to the first replies" in rest.content.decode()


def test_a_page_ends_at_a_top_level_reply_so_a_branch_is_not_split(
    client, question, member, other_member, monkeypatch
):
    monkeypatch.setattr(tree, "PAGE_SIZE", 3)
    first = reply_to(question.opening_post, other_member, "first")
    first_child = reply_to(first, member, "first child")
    second = reply_to(question.opening_post, other_member, "second")
    second_child = reply_to(second, member, "second child")

    page_one = client.get(question.get_absolute_url())
    page_two = client.get(f"{question.get_absolute_url()}?from={second.pk}")

    assert reply_ids(page_one) == [first.pk, first_child.pk]
    assert f"?from={second.pk}" in page_one.content.decode()
    assert reply_ids(page_two) == [second.pk, second_child.pk]


def test_thread_with_101_replies_shows_100_and_a_more_replies_link(client, question, other_member):
    opening = question.opening_post
    replies = [reply_to(opening, other_member, f"Reply {i}") for i in range(101)]

    first = client.get(question.get_absolute_url())

    ids = reply_ids(first)
    assert len(ids) == 100
    assert ids == [r.pk for r in replies[:100]]
    assert f'href="?from={replies[100].pk}"' in first.content.decode()
    assert "More replies" in first.content.decode()
    rest = client.get(f"{question.get_absolute_url()}?from={replies[100].pk}")
    assert reply_ids(rest) == [replies[100].pk]


@pytest.mark.parametrize("start", ["abc", "-1", "999999"])
def test_odd_from_values_do_not_break_the_thread_page(client, question, other_member, start):
    reply_to(question.opening_post, other_member)

    response = client.get(f"{question.get_absolute_url()}?from={start}")

    assert response.status_code == 200


# Held and hidden replies


@pytest.mark.parametrize(
    ("role", "sees"),
    [("anonymous", False), ("member", False), ("other_member", True), ("moderator", True)],
    ids=["anonymous", "other-member", "its-author", "moderator"],
)
@pytest.mark.parametrize("status", [Status.HELD, Status.HIDDEN])
def test_withheld_replies_are_shown_only_to_their_author_and_moderators(
    login_as, question, other_member, status, role, sees
):
    withheld = reply_to(question.opening_post, other_member, "Withheld reply by bob.")
    Post.objects.filter(pk=withheld.pk).update(status=status)
    client = login_as(role)

    response = client.get(question.get_absolute_url())

    section = replies_section(response)
    assert response.status_code == 200
    assert ("Withheld reply by bob." in section) is sees
    assert (withheld.pk in reply_ids(response)) is sees
    badge = "Awaiting review" if status == Status.HELD else "Hidden by a moderator"
    assert (badge in section) is sees
    permalink = client.get(withheld.get_absolute_url())
    assert permalink.status_code == (302 if sees else 404)


def test_a_reply_to_a_withheld_reply_is_not_shown_as_a_reply_to_another_post(
    client, question, member, other_member
):
    first = reply_to(question.opening_post, member, "A visible first reply.")
    held = reply_to(question.opening_post, other_member, "Held for review.")
    reply_to(held, member, "Answer to the held reply.")
    Post.objects.filter(pk=held.pk).update(status=Status.HELD)

    section = replies_section(client.get(question.get_absolute_url()))

    first_item = section[section.index(f'id="r-{first.pk}"') :]
    first_item = first_item[: first_item.index("</li>")]
    assert "Answer to the held reply." not in first_item
    assert "Replies to None" not in section


# Question list


@pytest.fixture
def three_questions(member, other_member, condition, other_condition):
    now = timezone.now()
    unanswered = make_question(
        author=member, conditions=[condition], title="Unanswered question about hips"
    )
    answered = make_question(
        author=member, conditions=[other_condition], title="Answered but unsolved question"
    )
    solved = make_question(
        author=member, conditions=[condition], title="Solved question with an answer"
    )
    reply_to(answered.opening_post, other_member)
    answer = reply_to(solved.opening_post, other_member)
    services.accept_answer(thread=solved, post=answer, actor=member)
    # newest: solved > answered > unanswered; active: unanswered > solved > answered;
    # helpful: answered > unanswered > solved.
    for thread, published, active, helpful in [
        (unanswered, 3, 0, 5),
        (answered, 2, 2, 9),
        (solved, 1, 1, 0),
    ]:
        Thread.objects.filter(pk=thread.pk).update(
            published_at=now - timedelta(days=published),
            last_activity_at=now - timedelta(hours=active),
            helpful_count=helpful,
        )
    return unanswered, answered, solved


def listed_titles(response):
    return [t.title for t in response.context["page"].object_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Solved question with an answer", "Answered but unsolved question",
              "Unanswered question about hips"]),
        ("?show=unanswered", ["Unanswered question about hips"]),
        ("?show=unsolved", ["Answered but unsolved question", "Unanswered question about hips"]),
        ("?condition=piriformis-syndrome", ["Answered but unsolved question"]),
        ("?sort=newest", ["Solved question with an answer", "Answered but unsolved question",
                          "Unanswered question about hips"]),
        ("?sort=active", ["Unanswered question about hips", "Solved question with an answer",
                          "Answered but unsolved question"]),
        ("?sort=helpful", ["Answered but unsolved question", "Unanswered question about hips",
                           "Solved question with an answer"]),
        ("?show=unsolved&sort=helpful&condition=gluteus-medius-tendinopathy",
         ["Unanswered question about hips"]),
        ("?show=nonsense&sort=nonsense", ["Solved question with an answer",
                                          "Answered but unsolved question",
                                          "Unanswered question about hips"]),
    ],
)  # fmt: skip
def test_question_list_filters_and_sorts(client, three_questions, query, expected):
    response = client.get(reverse("discussions:questions") + query)

    assert response.status_code == 200
    assert listed_titles(response) == expected
    html = response.content.decode()
    positions = [html.index(title) for title in expected]
    assert positions == sorted(positions)


def test_question_list_with_an_unknown_condition_is_404(client, three_questions):
    response = client.get(reverse("discussions:questions") + "?condition=no-such-thing")

    assert response.status_code == 404


def test_question_list_leaves_out_withheld_deleted_and_article_threads(
    client, member, condition, article
):
    visible = make_question(author=member, conditions=[condition], title="Visible question")
    held = make_question(author=member, conditions=[condition], title="Held question")
    deleted = make_question(author=member, conditions=[condition], title="Deleted question")
    Thread.objects.filter(pk=held.pk).update(status=Status.HELD)
    services.delete_post(post=deleted.opening_post, actor=member)

    response = client.get(reverse("discussions:questions"))

    assert listed_titles(response) == [visible.title]


@pytest.fixture
def twenty_five_questions(member, condition):
    return [
        make_question(author=member, conditions=[condition], title=f"Question number {i:02}")
        for i in range(25)
    ]


@pytest.mark.parametrize(
    ("page", "number", "count"),
    [("1", 1, 20), ("2", 2, 5), ("abc", 1, 20), ("0", 1, 20), ("-3", 1, 20)],
)
def test_question_list_pagination_tolerates_any_page_value(
    client, twenty_five_questions, page, number, count
):
    response = client.get(reverse("discussions:questions") + f"?page={page}")

    assert response.status_code == 200
    assert response.context["page"].number == number
    assert len(response.context["page"].object_list) == count


def test_question_list_page_past_the_last_is_not_found(client, twenty_five_questions):
    assert client.get(reverse("discussions:questions") + "?page=99").status_code == 404


def test_question_list_second_page_has_the_oldest_questions_and_keeps_the_filters(
    client, twenty_five_questions
):
    response = client.get(reverse("discussions:questions") + "?page=2&show=unanswered")

    assert listed_titles(response) == [f"Question number {i:02}" for i in range(4, -1, -1)]
    assert "show=unanswered" in response.content.decode()
    assert "Page 2 of 2" in response.content.decode()


# Home page


def test_home_page_lists_latest_unanswered_articles_and_conditions(
    client, member, other_member, condition, editor, not_sure_yet
):
    child = ConditionFactory(name="Gluteal bursitis", slug="gluteal-bursitis", parent=condition)
    unanswered = make_question(author=member, conditions=[condition], title="Nobody answered yet")
    answered = make_question(author=member, conditions=[condition], title="Somebody answered me")
    reply_to(answered.opening_post, other_member)
    published = make_article(author=editor, conditions=[condition], title="Published article")
    make_article(author=editor, conditions=[condition], title="Draft article", publish=False)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert list(response.context["latest"]) == [answered, unanswered]
    assert list(response.context["unanswered"]) == [unanswered]
    assert list(response.context["articles"]) == [published]
    # "Not sure yet" is a condition page like the others (made by a migration).
    assert [c for c, _ in response.context["conditions"]] == [condition, not_sure_yet]
    assert dict(response.context["conditions"])[condition] == [child]
    assert response.context["waiting"] == 1
    html = response.content.decode()
    for text in ("Nobody answered yet", "Somebody answered me", "Published article"):
        assert text in html
    assert "Draft article" not in html
    assert condition.get_absolute_url() in html
    assert child.get_absolute_url() in html


# Article drafts


@pytest.fixture
def draft(editor, condition):
    return make_article(author=editor, conditions=[condition], title="Draft article", publish=False)


def test_article_draft_is_visible_to_its_author(login_as, draft):
    response = login_as("editor").get(draft.get_absolute_url())

    assert response.status_code == 200
    assert "This article is a draft: only you can see it." in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "member", "other_editor", "moderator"])
def test_article_draft_is_404_for_everyone_else(login_as, draft, role):
    client = login_as(role)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft.opening_post.get_absolute_url()).status_code == 404


def test_article_list_shows_drafts_only_to_their_author(login_as, draft, article):
    mine = login_as("editor").get(reverse("discussions:articles")).content.decode()
    theirs = login_as("other_editor").get(reverse("discussions:articles")).content.decode()

    assert "Your drafts" in mine
    assert "Draft article" in mine
    assert "Draft article" not in theirs
    assert article.title in theirs


def test_nobody_can_reply_to_a_draft(login_as, draft):
    response = login_as("editor").post(
        reverse("discussions:reply", args=[draft.opening_post.pk]), {"body": "Early comment"}
    )

    assert response.status_code == 403
    assert not Post.objects.filter(body="Early comment").exists()

"""Moderators answer to superusers: whom they may act on, and what they may not see.

Issue 11: moderators could suspend, ban or "remove spammer" a superuser or another
moderator, approve their own clinician application, and see and edit other authors'
unpublished drafts in the admin. The rules live in ``forum/moderation/permissions.py``,
checked by the services; the admin's actions skip the rows and say why.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from forum.accounts.models import ClinicianApplication
from forum.discussions import services as discussions
from forum.discussions.models import Status
from forum.moderation import services
from tests.factories import UserFactory, make_article
from tests.moderation.helpers import POSTS_URL, QUEUE_URL, THREADS_URL, USERS_URL, run_action

pytestmark = pytest.mark.django_db

APPLICATIONS_URL = "/admin/accounts/clinicianapplication/"
REASON = "Testing the rules on whom a moderator may act."


@pytest.fixture
def other_moderator(db):
    user = UserFactory(username="other_mod", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("target", ["other_moderator", "superuser"])
@pytest.mark.parametrize(
    "act",
    [
        lambda m, who: services.suspend_member(
            member=who, moderator=m, until=timezone.now() + timedelta(days=3), reason=REASON
        ),
        lambda m, who: services.ban_member(member=who, moderator=m, reason=REASON),
        lambda m, who: services.remove_spammer(member=who, moderator=m, reason=REASON),
        lambda m, who: services.lift_suspension(member=who, moderator=m),
    ],
    ids=["suspend", "ban", "remove_spammer", "lift"],
)
def test_a_moderator_cannot_act_on_staff_or_superusers(request, moderator, target, act):
    member = request.getfixturevalue(target)
    with pytest.raises(PermissionDenied, match="Only a superuser"):
        act(moderator, member)
    member.refresh_from_db()
    assert member.suspended_until is None


def test_a_superuser_can_suspend_a_moderator(superuser, other_moderator):
    services.ban_member(member=other_moderator, moderator=superuser, reason=REASON)
    other_moderator.refresh_from_db()
    assert other_moderator.is_banned


def test_nobody_suspends_themselves(moderator):
    with pytest.raises(PermissionDenied, match="your own account"):
        services.ban_member(member=moderator, moderator=moderator, reason=REASON)


def test_admin_actions_skip_protected_members_and_say_so(
    moderator_client, member, other_moderator, superuser
):
    response = run_action(
        moderator_client, USERS_URL, "ban", [member, other_moderator, superuser],
        apply=True, reason=REASON,
    )  # fmt: skip
    texts = _messages(response)
    assert any(t.startswith("Skipped other_mod, root: Only a superuser") for t in texts), texts
    assert "Banned 1 member(s)." in texts
    for user, banned in [(member, True), (other_moderator, False), (superuser, False)]:
        user.refresh_from_db()
        assert user.is_banned is banned

    response = run_action(
        moderator_client, USERS_URL, "remove_spammer", [other_moderator], apply=True,
        reason=REASON,
    )  # fmt: skip
    assert any(t.startswith("Skipped other_mod") for t in _messages(response))
    other_moderator.refresh_from_db()
    assert not other_moderator.is_banned


def _application(user):
    return ClinicianApplication.objects.create(
        user=user,
        profession="Physiotherapist",
        registration_body="HCPC",
        registration_number="PH123456",
        country="United Kingdom",
        verification_url="https://register.example/PH123456",
    )


def test_a_moderator_cannot_decide_their_own_clinician_application(moderator):
    application = _application(moderator)
    with pytest.raises(PermissionDenied):
        services.approve_clinician(application=application, moderator=moderator)
    with pytest.raises(PermissionDenied):
        services.reject_clinician(application=application, moderator=moderator, note="No.")
    application.refresh_from_db()
    assert application.status == ClinicianApplication.Status.PENDING


def test_the_admin_skips_a_moderators_own_application(moderator_client, moderator, member):
    own, theirs = _application(moderator), _application(member)
    response = run_action(moderator_client, APPLICATIONS_URL, "approve", [own, theirs])
    assert any("Skipped your own application" in t for t in _messages(response))
    own.refresh_from_db()
    theirs.refresh_from_db()
    assert own.status == ClinicianApplication.Status.PENDING
    assert theirs.status == ClinicianApplication.Status.APPROVED
    moderator.refresh_from_db()
    assert not moderator.is_verified_clinician


@pytest.fixture
def draft(editor, condition):
    article = make_article(
        author=editor, conditions=[condition], title="An unfinished article", publish=False
    )
    article.opening_post.refresh_from_db()
    return article


def test_moderators_do_not_see_or_edit_other_authors_drafts_in_the_admin(
    moderator_client, draft, question
):
    threads = moderator_client.get(THREADS_URL).content.decode()
    assert "An unfinished article" not in threads
    assert question.title in threads
    change = moderator_client.get(f"{THREADS_URL}{draft.pk}/change/")
    assert change.status_code == 302  # the admin's "does not exist", back to the list
    posts = moderator_client.get(POSTS_URL)
    assert draft.opening_post not in list(posts.context["cl"].result_list)
    assert moderator_client.get(f"{POSTS_URL}{draft.opening_post.pk}/change/").status_code == 302

    discussions.set_post_status(post=draft.opening_post, status=Status.HELD, reason="Check")
    queue = moderator_client.get(QUEUE_URL)
    assert draft.opening_post not in list(queue.context["cl"].result_list)

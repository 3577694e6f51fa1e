"""A first second factor needs a link sent to the verified email; staff need one at all.

Issue 11: a staff account without a second factor could reach /admin/ with its password
alone, by adding an authenticator app on the spot. Knowing a password must never be
enough: the first authenticator of any account is confirmed out of band, the admin's user
form refuses staff to an account without one, and the admin itself refuses a session
that was not confirmed with one, however the account became staff.
"""

from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.mfa import current_code, give_authenticator, link_in, log_in, reauthenticate

pytestmark = pytest.mark.django_db

ACTIVATE = "/account/2fa/totp/activate/"


@pytest.fixture(autouse=True)
def _require_mfa(settings):
    settings.MEDIUS_ADMIN_REQUIRES_MFA = True


def test_activation_page_is_ours_at_allauths_address():
    assert reverse("mfa_activate_totp") == ACTIVATE


def test_a_password_alone_cannot_add_an_authenticator_a_link_is_emailed_instead(
    client, member, mailoutbox
):
    log_in(client, member)
    page = client.get(ACTIVATE)
    assert page.status_code == 200
    text = page.content.decode()
    assert "open the link we have just sent" in text
    assert "a•••@example.com" in text
    assert "Authenticator secret" not in text and "otpauth://" not in text
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert "/account/2fa/confirm/" in mailoutbox[0].body

    # Posting a code without the link does nothing either.
    client.post(ACTIVATE, {"code": "123456"})
    assert not Authenticator.objects.filter(user=member).exists()
    assert len(mailoutbox) == 1, "a second link only after five minutes"


def test_the_emailed_link_lets_this_session_add_one_and_the_member_is_told(
    client, member, mailoutbox, django_capture_on_commit_callbacks
):
    log_in(client, member)
    client.get(ACTIVATE)
    opened = client.get(link_in(mailoutbox[0]))
    assert opened.status_code == 302
    assert opened["Location"] == ACTIVATE

    reauthenticate(client)
    page = client.get(ACTIVATE)
    assert "Authenticator secret" in page.content.decode()
    secret = page.context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(ACTIVATE, {"code": current_code(secret)})
    assert done.status_code == 302
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()
    assert "Authenticator app activated" in mailoutbox[-1].body
    assert mailoutbox[-1].to == [member.email]


def test_the_link_works_once_only_for_its_member_and_for_thirty_minutes(
    client, member, other_member, mailoutbox
):
    log_in(client, member)
    client.get(ACTIVATE)
    link = link_in(mailoutbox[0])

    stranger = type(client)()
    log_in(stranger, other_member)
    assert stranger.get(link).status_code == 400

    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        late = client.get(link)
        assert late.status_code == 400
        assert "expired" in late.content.decode()

    assert client.get(link).status_code == 302
    again = client.get(link)
    assert again.status_code == 400
    assert "already been used" in again.content.decode()
    assert "Authenticator secret" not in stranger.get(ACTIVATE).content.decode()


def test_the_link_needs_a_verified_email(client):
    unverified = UserFactory(username="unverified", verified=False)
    client.force_login(unverified)
    page = client.get(ACTIVATE)
    assert "verify your email address" in page.content.decode()


def test_a_second_authenticator_needs_no_link(client, member, mailoutbox):
    secret = give_authenticator(member)
    log_in(client, member, secret=secret)
    reauthenticate(client)
    page = client.get(reverse("mfa_generate_recovery_codes"))
    assert page.status_code == 200
    assert not any("/account/2fa/confirm/" in m.body for m in mailoutbox)


def test_removing_the_authenticator_emails_the_member(client, member, mailoutbox):
    secret = give_authenticator(member)
    log_in(client, member, secret=secret)
    reauthenticate(client)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()
    assert "Authenticator app deactivated" in mailoutbox[-1].body


# --- staff ------------------------------------------------------------------------------


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def superuser_client(client, superuser):
    log_in(client, superuser, secret=give_authenticator(superuser))
    return client


def _user_form(member, **changes):
    data = {
        "username": member.username,
        "email": member.email,
        "display_name": member.display_name,
        "bio": member.bio,
        "is_active": "on",
        "date_joined_0": member.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": member.date_joined.strftime("%H:%M:%S"),
    }
    data.update(changes)
    return data


def test_the_admin_refuses_to_make_staff_of_an_account_without_a_second_factor(
    superuser_client, member
):
    url = reverse("admin:accounts_user_change", args=[member.pk])
    response = superuser_client.post(url, _user_form(member, is_staff="on"))
    assert response.status_code == 200
    assert "This account has no second factor" in response.content.decode()
    member.refresh_from_db()
    assert not member.is_staff

    give_authenticator(member)
    response = superuser_client.post(url, _user_form(member, is_staff="on"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_staff


def test_the_admin_cannot_add_an_authenticator_for_someone(superuser_client):
    response = superuser_client.get(reverse("admin:mfa_authenticator_add"))
    assert response.status_code == 403


def test_a_superuser_from_createsuperuser_cannot_reach_the_admin_with_a_password(
    client, settings, mailoutbox
):
    made = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw-boss-123")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=made, email=made.email, primary=True, verified=True)
    client.post(reverse("account_login"), {"login": made.email, "password": "pw-boss-123"})
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")
    page = client.get(ACTIVATE)
    assert "Authenticator secret" not in page.content.decode()

    # Without the middleware the admin site itself still says no.
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "forum.core.middleware.AdminRequiresMFAMiddleware"
    ]
    unguarded = type(client)()  # a client loads the middleware once; a new one reads it anew
    unguarded.cookies = client.cookies
    response = unguarded.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin_login"))


def test_admin_site_permission_needs_the_session_mark(superuser):
    from forum.core.admin_site import MediusAdminSite
    from forum.core.second_factor import ATTRIBUTE

    request = RequestFactory().get("/admin/")
    request.user = superuser
    site = MediusAdminSite()
    assert not site.has_permission(request)
    setattr(superuser, ATTRIBUTE, True)
    assert site.has_permission(request)


def test_staff_with_a_second_factor_session_reach_the_admin(superuser_client):
    assert superuser_client.get(reverse("admin:index")).status_code == 200


def test_staff_without_a_second_factor_cannot_add_an_email_of_their_own(client, mailoutbox):
    """Otherwise a thief of a new moderator's password could verify an address of theirs,
    make it primary, and have the first-factor link sent to it."""
    from allauth.account.models import EmailAddress

    moderator = UserFactory(username="new_mod", is_staff=True)
    log_in(client, moderator)
    reauthenticate(client)

    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "thief@example.org"}
    )

    assert response.status_code == 200
    assert "set up their second factor before they change" in response.content.decode()
    assert not EmailAddress.objects.filter(email="thief@example.org").exists()
    assert mailoutbox == []


def test_members_may_still_change_their_email_address(client, member, mailoutbox):
    log_in(client, member)
    reauthenticate(client)
    client.post(reverse("account_email"), {"action_add": "", "email": "alice.new@example.org"})

    assert ["alice.new@example.org"] in [m.to for m in mailoutbox]  # the code to confirm it

"""Where a person was going (``next``) survives sign-up, login and email verification."""

from urllib.parse import quote

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory, make_question

from .test_signup_and_login import SIGNUP, code_from

pytestmark = pytest.mark.django_db

ASK = reverse("discussions:ask")


def signup_with_next(client, next_url):
    url = f"{reverse('account_signup')}?next={quote(next_url)}"
    page = client.get(url)
    data = SIGNUP | {"started": page.context["form"]["started"].value(), "next": next_url}
    return page, client.post(url, data)


def test_signup_sends_the_new_member_on_to_next_after_the_code(client):
    page, response = signup_with_next(client, ASK)
    assert f'name="next" value="{ASK}"' in page.content.decode()
    assert response["Location"] == reverse("account_email_verification_sent")

    response = client.post(
        reverse("account_email_verification_sent"), {"code": code_from(mail.outbox[0])}
    )
    assert response.status_code == 302
    assert response["Location"] == ASK


def test_the_ask_button_of_a_visitor_leads_to_login_then_back_to_ask(client):
    response = client.get(ASK)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={quote(ASK)}"


def test_the_login_page_passes_next_on_to_sign_up(client):
    html = client.get(reverse("account_login"), {"next": ASK}).content.decode()
    assert f'href="{reverse("account_signup")}?next={quote(ASK, safe="")}"' in html
    assert f'name="next" value="{ASK}"' in html


def test_a_verified_member_logs_in_and_lands_on_next(client, member):
    response = client.post(
        reverse("account_login"), {"login": member.email, "password": PASSWORD, "next": ASK}
    )
    assert response.status_code == 302
    assert response["Location"] == ASK


def test_an_unverified_member_logs_in_with_the_code_and_lands_on_next(client):
    user = UserFactory(username="pending", verified=False)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD, "next": ASK}
    )
    assert response["Location"] == reverse("account_email_verification_sent")

    response = client.post(
        reverse("account_email_verification_sent"), {"code": code_from(mail.outbox[-1])}
    )
    assert response.status_code == 302
    assert response["Location"] == ASK
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_a_next_off_the_site_is_ignored(client, target):
    _, response = signup_with_next(client, target)
    response = client.post(
        reverse("account_email_verification_sent"), {"code": code_from(mail.outbox[0])}
    )
    assert response.status_code == 302
    assert "evil" not in response["Location"]
    assert not response["Location"].startswith("javascript")


def test_a_visitor_on_a_thread_is_offered_log_in_and_sign_up_that_come_back(client, member):
    question = make_question(author=member, conditions=[])
    html = client.get(question.get_absolute_url()).content.decode()
    back = quote(question.get_absolute_url())
    assert f'href="{reverse("account_login")}?next={back}"' in html
    assert f'href="{reverse("account_signup")}?next={back}"' in html

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_has_the_site_layout(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "Not medical advice." in html
    assert "Seek urgent care now" in html
    assert f'href="{reverse("help")}"' in html
    assert f'href="{reverse("account_login")}"' in html


def test_navigation_offers_account_and_a_post_only_logout_to_members(member_client, member):
    html = member_client.get(reverse("home")).content.decode()
    assert f'action="{reverse("account_logout")}"' in html
    assert member.username in html
    assert f'href="{reverse("account_login")}"' not in html


def test_help_page_lists_red_flags(client):
    response = client.get(reverse("help"))
    assert response.status_code == 200
    assert "saddle" in response.content.decode()


def test_404_uses_the_site_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Not medical advice." in html


@pytest.mark.urls("tests.core.urls_error")
def test_500_uses_the_site_layout_without_a_traceback():
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "Not medical advice." in html
    assert "boom" not in html
    assert "Traceback" not in html


def test_collected_static_files_are_served_by_whitenoise_with_long_caching(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    url = static("css/site.css")
    assert url != "/static/css/site.css", "the manifest gives each file a hashed name"

    response = Client().get(url)
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert b"skip-link" in b"".join(response.streaming_content)

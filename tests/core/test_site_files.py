"""The files a browser, a crawler or a phone asks the site for, and small page details."""

import struct
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from forum.core.dates import html_datetime, relative_time
from tests.factories import make_question

pytestmark = pytest.mark.django_db


def static_file(url: str) -> bytes:
    found = finders.find(url.removeprefix(settings.STATIC_URL))
    assert isinstance(found, str), url
    return Path(found).read_bytes()


def png_size(content: bytes) -> tuple[int, int]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", content[16:24])


def test_robots_txt_names_the_sitemap_by_its_absolute_address(client, settings):
    settings.SITE_URL = "https://medius.example"

    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: https://medius.example/sitemap.xml" in lines
    assert "Disallow: /account/" in lines


def test_favicon_ico_is_an_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # the ICO header


def test_the_manifest_lets_a_phone_install_the_site(client):
    response = client.get(reverse("manifest"))

    assert response["Content-Type"] == "application/manifest+json"
    data = response.json()
    assert data["name"] and data["short_name"] == "Medius"
    assert data["start_url"] == "/" and data["display"] == "standalone"
    assert data["theme_color"].startswith("#")
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in data["icons"]:
        width, height = (int(n) for n in icon["sizes"].split("x"))
        assert png_size(static_file(icon["src"])) == (width, height)


def test_every_page_links_the_icons_manifest_and_share_image(client):
    html = client.get("/").content.decode()

    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert 'rel="apple-touch-icon" href="/static/brand/apple-touch-icon.png"' in html
    assert png_size(static_file("/static/brand/apple-touch-icon.png")) == (180, 180)
    assert png_size(static_file("/static/brand/share.png")) == (1200, 630)
    assert '<meta property="og:image:width" content="1200">' in html


def test_the_service_worker_is_served_from_the_root_with_its_settings(client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]
    script = response.content.decode()
    assert script.startswith("self.MEDIUS = {")
    assert '"offline": "/offline/"' in script
    assert '"/notifications/"' in script and '"/account/"' in script


def test_the_offline_page_carries_nobody_s_name(member_client, member):
    html = member_client.get(reverse("offline")).content.decode()

    assert "You are offline" in html
    assert member.username not in html
    assert "Log out" not in html


def test_times_carry_at_most_milliseconds():
    moment = timezone.now().replace(microsecond=123456)

    assert html_datetime(moment).split(".")[1].startswith("123+") or html_datetime(moment).endswith(
        "123Z"
    )


@pytest.mark.parametrize(
    ("ago", "said"),
    [(timedelta(seconds=0), "just now"), (timedelta(seconds=59), "just now"),
     (timedelta(minutes=5), "5\xa0minutes ago")],
)  # fmt: skip
def test_relative_times_never_say_zero_minutes(ago, said):
    now = timezone.now()
    assert relative_time(now - ago, now) == said


def test_a_new_question_in_a_list_was_asked_just_now(client, member, condition):
    make_question(author=member, conditions=[condition], title="A brand new question")

    html = client.get(reverse("discussions:questions")).content.decode()

    assert "just now" in html
    assert "0\xa0minutes" not in html


@pytest.mark.parametrize("path", ["/questions/", "/articles/", "/questions/needs-answer/"])
def test_a_page_past_the_last_is_404(client, path):
    assert client.get(path + "?page=1").status_code == 200  # page 1 exists, even empty
    assert client.get(path + "?page=2").status_code == 404


def test_search_past_the_last_page_is_404(client, member, condition):
    make_question(author=member, conditions=[condition], title="Trochanteric night pain")

    assert client.get("/search/?q=trochanteric").status_code == 200
    assert client.get("/search/?q=trochanteric&page=2").status_code == 404
    assert client.get("/search/?q=trochanteric&page=51").status_code == 404

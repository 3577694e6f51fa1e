"""Query-string numbers and dates are read totally (issue 11's 500s, one by one)."""

import pytest
from django.urls import reverse

from forum.discussions import services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("7", 7), ("²", None), ("٣", None), ("-1", None), ("1e3", None), (" 1", None),
     ("1_000", None), (str(10**30), None), ("", None), (None, None), (["1"], None)],
)  # fmt: skip
def test_whole_number_accepts_only_plain_modest_ascii_digits(raw, expected):
    from forum.core.params import whole_number

    assert whole_number(raw) == expected


def test_page_number_is_one_unless_a_positive_whole_number_and_respects_a_maximum():
    from forum.core.params import page_number

    assert page_number("0") == 1
    assert page_number("²") == 1
    assert page_number("4") == 4
    assert page_number("999", maximum=50) == 50


@pytest.mark.parametrize("url_name", ["home", "discussions:questions", "discussions:articles"])
def test_a_superscript_page_number_gives_the_page_with_a_plain_canonical_url(
    client, settings, url_name
):
    response = client.get(reverse(url_name), {"page": "²"})
    assert response.status_code == 200
    canonical = f'<link rel="canonical" href="{settings.SITE_URL}{reverse(url_name)}">'
    assert canonical in response.content.decode()


def test_a_superscript_or_huge_from_on_a_thread_gives_the_first_page(client, question, member):
    services.post_reply(parent=question.opening_post, author=member, body="An update.")
    for value in ["²", str(10**30)]:
        response = client.get(question.get_absolute_url(), {"from": value})
        assert response.status_code == 200
        assert "An update." in response.content.decode()


def test_search_with_a_superscript_page_gives_the_first_page(client, question):
    response = client.get(reverse("search:results"), {"q": "hip", "page": "²"})
    assert response.status_code == 200
    assert response.context["number"] == 1


@pytest.mark.parametrize("name", ["from", "to"])
@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "0000-00-00"])
def test_search_with_a_date_at_the_end_of_time_says_so_and_still_searches(
    client, question, name, value
):
    response = client.get(reverse("search:results"), {"q": "hip", name: value})
    assert response.status_code == 200
    assert name in response.context["form"].errors


def test_a_nul_in_the_path_the_query_or_a_form_is_a_bad_request(client, member_client):
    assert client.get("/questions/", {"condition": "\x00"}).status_code == 400
    assert client.get("/u/a%00b/").status_code == 400
    assert (
        member_client.post(reverse("discussions:follow"), {"condition": "x\x00"}).status_code == 400
    )

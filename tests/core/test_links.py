import pytest
from django.urls import reverse, set_script_prefix

from forum.core.links import url_from_prefix


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("discussions:question", (12, "hip-pain-at-night")),
        ("discussions:article", (3, "a_b-9")),
        ("discussions:condition", ("gluteal-tendinopathy",)),
        ("discussions:profile", ("ann.b+c@x-y_z",)),
    ],
)
def test_a_url_from_its_prefix_is_the_reversed_url(name, args):
    assert url_from_prefix(name, *args) == reverse(name, args=args)


@pytest.mark.parametrize("username", ["ann lee", "a%b", "é", "a?b", "a#b"])
def test_an_argument_that_needs_quoting_is_reversed(username):
    assert url_from_prefix("discussions:profile", username) == reverse(
        "discussions:profile", args=[username]
    )


def test_the_script_prefix_is_part_of_the_url():
    set_script_prefix("/forum/")
    try:
        assert url_from_prefix("discussions:condition", "sciatica") == "/forum/conditions/sciatica/"
    finally:
        set_script_prefix("/")
    assert url_from_prefix("discussions:condition", "sciatica") == "/conditions/sciatica/"


def test_a_pattern_not_ending_in_its_arguments_is_reversed():
    assert url_from_prefix("discussions:thread_feed", 5) == reverse(
        "discussions:thread_feed", args=[5]
    )

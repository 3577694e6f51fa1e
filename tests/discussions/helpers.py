"""Helpers shared by the discussion tests."""

from django.urls import reverse

from forum.discussions import services


def assert_redirects_to_login(response):
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def reply_to(parent, author, body="Same here: loading exercises helped me."):
    return services.post_reply(parent=parent, author=author, body=body)


def chain(parent, author, length):
    """``length`` replies, each to the one before, below ``parent``; returned shallowest first."""
    posts = []
    for i in range(length):
        parent = reply_to(parent, author, f"Reply at depth {parent.depth + 1} (#{i})")
        posts.append(parent)
    return posts

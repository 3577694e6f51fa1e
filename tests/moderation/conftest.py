import pytest

from forum.discussions import services as discussions


@pytest.fixture
def reply(question, other_member):
    """bob's reply to alice's question."""
    return discussions.post_reply(
        parent=question.opening_post,
        author=other_member,
        body="A pillow between the knees helped me sleep on that side.",
    )

import pytest

from tests.privacy.helpers import seed


@pytest.fixture
def world(moderator, condition, django_capture_on_commit_callbacks):
    """alice (``helpers.USERNAME``) with some of everything, and bob and carol around her."""
    with django_capture_on_commit_callbacks(execute=True):
        return seed(moderator=moderator, condition=condition)

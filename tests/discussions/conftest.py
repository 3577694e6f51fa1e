import pytest
from django.contrib.auth.models import Group

from tests.factories import UserFactory


@pytest.fixture
def other_editor(db):
    user = UserFactory(username="other_editor")
    user.groups.add(Group.objects.get(name="Editors"))
    return user

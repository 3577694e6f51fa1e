"""The database state transactional tests restore stays reachable while Chromium runs."""

import pytest
from django.contrib.auth.models import Group
from django.db import connections


@pytest.mark.django_db(transaction=True)
def test_the_migrated_rows_are_restored_for_transactional_tests_while_the_browser_runs(browser):
    contents = getattr(connections["default"], "_test_serialized_contents", "")
    assert '"model": "auth.group"' in contents
    assert '"model": "conditions.condition"' in contents
    assert Group.objects.filter(name="Moderators").exists()

from datetime import date, timedelta

import pytest
from django.utils import timezone

from forum.treatments import services
from forum.treatments.models import Outcome, Treatment


@pytest.fixture
def yoga(db) -> Treatment:
    return Treatment.objects.get(slug="yoga")


@pytest.fixture
def ball(db) -> Treatment:
    return Treatment.objects.get(slug="ball-release-gluteus-medius")


@pytest.fixture
def record(member, condition, ball):
    """Alice started ball release five days ago: both follow-ups are ahead."""
    return services.record_treatment(
        member=member,
        treatment=ball,
        condition=condition,
        started_on=timezone.localdate() - timedelta(days=5),
        outcome=Outcome.TOO_EARLY,
    )


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)

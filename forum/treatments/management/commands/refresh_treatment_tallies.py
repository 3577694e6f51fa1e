"""Recount every treatment tally from the records (after bulk-loading or repairing data):

python manage.py refresh_treatment_tallies
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from forum.treatments.models import TreatmentRecord, TreatmentTally
from forum.treatments.services import refresh_tally


class Command(BaseCommand):
    help = "Recount the per-condition treatment tallies from the records."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        pairs = set(
            TreatmentRecord.objects.filter(condition__isnull=False)
            .values_list("condition_id", "treatment_id")
            .distinct()
        ) | set(TreatmentTally.objects.values_list("condition_id", "treatment_id"))
        for condition_id, treatment_id in sorted(pairs):
            refresh_tally(condition_id=condition_id, treatment_id=treatment_id)
        self.stdout.write(f"Treatment tallies recounted: {len(pairs)}.")

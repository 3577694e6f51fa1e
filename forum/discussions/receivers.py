"""What discussions does when a lower app announces something."""

from typing import Any

from forum.treatments.models import TreatmentRecord

from . import services


def on_record_changed(*, record: TreatmentRecord, **kwargs: Any) -> None:
    services.refresh_pages_showing_record(record=record)

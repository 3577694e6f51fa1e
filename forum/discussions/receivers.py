"""What discussions does when a lower app announces something."""

from typing import Any

from forum.core import pagecache
from forum.treatments.models import TreatmentRecord

from .models import PostRecord


def on_record_changed(*, record: TreatmentRecord, **kwargs: Any) -> None:
    """A record's outcome changed or the record is going: the pages of the threads it is
    attached to are made again (``treatments.signals.record_changed``), so a visitor's
    kept copy never shows a deleted record or an old outcome."""
    threads = PostRecord.objects.filter(record_id=record.pk).values_list("thread_id", flat=True)
    for thread_id in threads:
        pagecache.thread_changed(thread_id)

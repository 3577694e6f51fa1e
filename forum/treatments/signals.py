"""Announcements for the apps above treatments (discussions shows records with posts).

Sent inside the writing transaction. Arguments: record.
"""

from django.dispatch import Signal

# A record's latest outcome changed (a follow-up answered), or the record is about to be
# deleted: pages that show it must be made again.
record_changed = Signal()

"""Remind askers, once, to accept the answer that helped, and deliver the reminders
members set on their bookmarks. Run it from cron, daily.

A question qualifies when it has replies, no accepted answer, was asked more than
MEDIUS_ACCEPT_REMINDER_DAYS ago and has not been reminded before.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from forum.discussions.models import Thread
from forum.notifications.models import AcceptReminder, Kind
from forum.notifications.services import notify, send_bookmark_reminders


class Command(BaseCommand):
    help = "Remind askers to accept an answer, once per question."

    def handle(self, *args: Any, **options: Any) -> None:
        cutoff = timezone.now() - timedelta(days=settings.MEDIUS_ACCEPT_REMINDER_DAYS)
        reminded = AcceptReminder.objects.filter(thread=OuterRef("pk"))
        due = (
            Thread.objects.published()
            .questions()
            .unsolved()
            .filter(reply_count__gt=0, published_at__lte=cutoff)
            .exclude(Exists(reminded))
            .select_related("author")
        )
        sent = 0
        for thread in due:
            try:
                with transaction.atomic():
                    # The row is the claim: a second run (or a concurrent one) cannot insert it.
                    AcceptReminder.objects.create(thread=thread, sent_at=timezone.now())
                    if thread.author and thread.author.is_active:
                        notify(recipient=thread.author, kind=Kind.ACCEPT_REMINDER, thread=thread)
                        sent += 1
            except IntegrityError:
                continue
        self.stdout.write(f"Reminders sent: {sent}.")
        bookmarks = send_bookmark_reminders(today=timezone.localdate())
        self.stdout.write(f"Bookmark reminders sent: {bookmarks}.")

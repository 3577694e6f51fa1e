"""Remind askers, once, to accept the answer that helped. Run it from cron, daily.

A question qualifies when it has replies, no accepted answer, was asked more than
MEDIUS_ACCEPT_REMINDER_DAYS ago and has not been reminded before.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from forum.discussions.models import Thread
from forum.notifications.models import Kind
from forum.notifications.services import notify


class Command(BaseCommand):
    help = "Remind askers to accept an answer, once per question."

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=settings.MEDIUS_ACCEPT_REMINDER_DAYS)
        due = (
            Thread.objects.public()
            .questions()
            .unsolved()
            .filter(reply_count__gt=0, published_at__lte=cutoff, accept_reminder_sent_at=None)
            .select_related("author")
        )
        sent = 0
        for thread in due:
            with transaction.atomic():
                claimed = Thread.objects.filter(pk=thread.pk, accept_reminder_sent_at=None).update(
                    accept_reminder_sent_at=timezone.now()
                )
                if claimed and thread.author and thread.author.is_active:
                    notify(
                        recipient=thread.author,
                        kind=Kind.ACCEPT_REMINDER,
                        text=f"Did a reply help with “{thread.title}”? Accepting it helps others.",
                        thread=thread,
                    )
                    sent += 1
        self.stdout.write(f"Reminders sent: {sent}.")

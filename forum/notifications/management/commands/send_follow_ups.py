"""Ask members how a treatment they recorded is going, about 2 and 8 weeks after they
started it. Run it from cron, e.g. hourly:

    5 * * * *  cd /srv/medius && .venv/bin/python manage.py send_follow_ups

Safe to run twice or side by side: a follow-up is claimed (``claim_follow_up`` sets its
``asked_at`` only if still empty) in the same transaction that writes its in-site
notification, so each is asked once. Email goes only to members who turned on
"Follow-ups on what I tried" in their settings, after the transaction commits.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from forum.notifications.models import Kind
from forum.notifications.services import notify
from forum.treatments.models import FollowUp
from forum.treatments.services import claim_follow_up


class Command(BaseCommand):
    help = "Ask members about the treatments they recorded, once each follow-up is due."

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        due = (
            FollowUp.objects.due(now)
            .filter(record__member__is_active=True)
            .select_related("record__member", "record__treatment")
            .order_by("due_at", "pk")
        )
        asked = 0
        for follow_up in due.iterator(chunk_size=200):
            with transaction.atomic():
                if claim_follow_up(follow_up=follow_up, now=now):
                    notify(recipient=follow_up.record.member, kind=Kind.FOLLOW_UP,
                           follow_up=follow_up)  # fmt: skip
                    asked += 1
        self.stdout.write(f"Follow-ups asked: {asked}.")

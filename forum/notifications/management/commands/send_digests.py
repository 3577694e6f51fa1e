"""Send the daily digests and retry immediate emails that failed. Run it from cron:

    15 7 * * *  cd /srv/medius && .venv/bin/python manage.py send_digests

Safe to run twice: each member gets at most one digest a day (a Digest row is taken
with the claim, see ``emails.claim_digests``), and a notification is emailed at most once.
Members are claimed in batches, each in one short transaction whose queries do not grow
with the batch; every email is sent outside any transaction.
"""

import logging
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand
from django.db import IntegrityError
from django.db.models import Q, QuerySet
from django.utils import timezone

from forum.accounts.models import User
from forum.discussions.models import Thread
from forum.notifications import emails
from forum.notifications.models import Frequency, Kind, Notification
from forum.notifications.services import frequencies_for

logger = logging.getLogger(__name__)
BATCH = 200


class Command(BaseCommand):
    help = "Email the daily digests and retry failed notification emails."

    def handle(self, *args: Any, **options: Any) -> None:
        retried = self.retry_failed()
        sent = 0
        today = timezone.localdate()
        for users in self.batches():
            daily = {
                user_id: {kind for kind, often in chosen.items() if often == Frequency.DAILY}
                for user_id, chosen in frequencies_for(u.pk for u in users).items()
            }
            try:
                claims = emails.claim_digests(
                    users=users,
                    daily_kinds=daily,
                    needing_answer=self.needing_answer(users, daily),
                    today=today,
                )
            except IntegrityError:
                logger.warning("Another send_digests run is sending today's digests; stopping.")
                break
            sent += sum(emails.send_digest(claim) for claim in claims)
        self.stdout.write(f"Digests sent: {sent}; failed emails retried: {retried}.")

    def retry_failed(self) -> int:
        due = list(
            Notification.objects.awaiting_email()
            .filter(email_attempts__gt=0)
            .values_list("pk", "recipient_id", "kind")
        )
        frequencies = frequencies_for({user_id for _, user_id, _ in due})
        return emails.send_many(
            [pk for pk, user_id, kind in due if frequencies[user_id][kind] == Frequency.IMMEDIATELY]
        )

    def candidates(self) -> QuerySet[User]:
        due = Notification.objects.awaiting_email().values("recipient")
        clinicians = User.objects.filter(
            clinician_verified_at__isnull=False, answers_for__isnull=False
        ).values("pk")
        return User.objects.filter(Q(pk__in=due) | Q(pk__in=clinicians)).order_by("pk")

    def batches(self) -> Iterator[list[User]]:
        """Members with something due, ``BATCH`` at a time, by id (keyset, so a batch that
        claims nothing does not come back)."""
        after = 0
        while batch := list(self.candidates().filter(pk__gt=after)[:BATCH]):
            yield batch
            after = batch[-1].pk

    def needing_answer(
        self, users: list[User], daily: dict[int, set[str]]
    ) -> dict[int, list[Thread]]:
        """Up to 10 questions waiting in each clinician's conditions (one query per clinician)."""
        return {
            user.pk: list(Thread.objects.waiting_for_clinician(user)[:10])
            for user in users
            if user.is_verified_clinician and Kind.NEEDS_ANSWER in daily[user.pk]
        }

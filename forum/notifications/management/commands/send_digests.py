"""Send the daily digests and retry immediate emails that failed. Run it from cron:

    15 7 * * *  cd /srv/medius && .venv/bin/python manage.py send_digests

Safe to run twice: each member gets at most one digest a day (a Digest row is taken
first, in the same transaction), and a notification is emailed at most once.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from forum.discussions.models import Thread
from forum.notifications import emails
from forum.notifications.models import Digest, Frequency, Kind, Notification
from forum.notifications.services import frequency_for

User = get_user_model()


class Command(BaseCommand):
    help = "Email the daily digests and retry failed notification emails."

    def handle(self, *args, **options):
        retried = self.retry_failed()
        sent = 0
        for user in self.candidates():
            sent += self.send_digest(user)
        self.stdout.write(f"Digests sent: {sent}; failed emails retried: {retried}.")

    def retry_failed(self) -> int:
        due = Notification.objects.awaiting_email().filter(email_attempts__gt=0)
        return sum(
            emails.send_one(pk)
            for pk, user, kind in due.values_list("pk", "recipient", "kind")
            if frequency_for(User(pk=user), kind) == Frequency.IMMEDIATELY
        )

    def candidates(self):
        due = Notification.objects.awaiting_email().values("recipient")
        clinicians = User.objects.filter(
            clinician_verified_at__isnull=False, answers_for__isnull=False
        ).values("pk")
        return User.objects.filter(Q(pk__in=due) | Q(pk__in=clinicians)).order_by("pk")

    def send_digest(self, user) -> int:
        today = timezone.localdate()
        daily = [kind for kind in Kind.values if frequency_for(user, kind) == Frequency.DAILY]
        with transaction.atomic():
            digest, created = Digest.objects.get_or_create(user=user, sent_on=today)
            if not created:
                return 0
            notifications = list(
                Notification.objects.awaiting_email()
                .select_for_update(of=("self",))
                .select_related("post__thread", "thread", "actor")
                .filter(recipient=user, kind__in=daily)
            )
            needing = []
            if user.is_verified_clinician and Kind.NEEDS_ANSWER in daily:
                needing = list(Thread.objects.waiting_for_clinician(user)[:10])
            if not emails.can_email(user) or not emails.send_digest(user, notifications, needing):
                digest.delete()
                return 0
        return 1

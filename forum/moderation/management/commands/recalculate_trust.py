"""Daily: every member's trust level from their behaviour (locked levels are left alone)."""

from typing import Any

from django.core.management.base import BaseCommand

from forum.accounts.models import User
from forum.moderation.services import recalculate_trust


class Command(BaseCommand):
    help = "Recalculate every active member's trust level (promotions and demotions)."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = 0
        members = User.objects.filter(is_active=True, trust_level_locked=False).order_by("pk")
        for member in members.iterator():
            before = member.trust_level
            if recalculate_trust(member=member) != before:
                changed += 1
        self.stdout.write(f"Trust levels recalculated; {changed} changed.")

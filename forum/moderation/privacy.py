"""The moderation app's part of a member's data export and account deletion.

Reports the member made stay (attached to the emptied account) so the history of a
moderated post stays true. The moderation log is append-only and keeps its rows: it
holds ids and usernames, never an email address.
"""

from typing import Any

from django.conf import settings

from forum.accounts.models import User

from .models import Report

REMOVED_TEXT = "[deleted]"


def export_member(member: User) -> dict[str, Any]:
    reports = Report.objects.filter(reporter=member).order_by("created_at")
    return {
        "reports_made": [
            {
                "post": settings.SITE_URL + report.post.get_absolute_url(),
                "reason": report.reason,
                "details": report.details,
                "created_at": report.created_at,
                "resolved_at": report.resolved_at,
                "resolution": report.resolution,
            }
            for report in reports.select_related("post")
        ]
    }


def erase_member(member: User, *, removed_posts: list[int]) -> None:
    """The reported text of posts whose words are gone goes too."""
    Report.objects.filter(post__in=removed_posts).update(snapshot=REMOVED_TEXT)

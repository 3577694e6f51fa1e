from collections.abc import Callable
from functools import cached_property

from django.db import router
from django.http import HttpRequest

from forum.core.prepared import PreparedCount

from .models import Notification

# The header's count is on every page a member opens: its SQL is compiled once.
UNREAD_GROUPS = PreparedCount(
    lambda user_id: Notification.objects.inbox(user_id).unread().groups(), arity=1
)


class LazyCount:
    """A number counted the first time a template reads it, then kept for the page."""

    def __init__(self, count: Callable[[], int]) -> None:
        self._count = count

    @cached_property
    def value(self) -> int:
        return self._count()

    def __int__(self) -> int:
        return self.value

    def __bool__(self) -> bool:
        return bool(self.value)

    def __str__(self) -> str:
        return str(self.value)


def unread_notifications(request: HttpRequest) -> dict[str, LazyCount | int]:
    """The header's unread count, counted only when a page shows it (never for visitors).

    It counts inbox items, not events: four replies to one question shown as one grouped
    notification count 1, as the notifications page shows one unread line. One COUNT
    over the grouped unread rows (the partial index of unread rows finds them): no
    counter column to keep true. The SQL is the ORM's, compiled once
    (``forum.core.prepared``).
    """
    user = request.user
    if not user.is_authenticated:
        return {"unread_notifications": 0}
    return {
        "unread_notifications": LazyCount(
            lambda: UNREAD_GROUPS.count(user.pk, using=router.db_for_read(Notification))
        )
    }

"""Writing and reviewing condition guides."""

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from forum.accounts.models import User
from forum.core import pagecache

from .models import Condition, Guide
from .permissions import check_can_review_guide


@transaction.atomic
def edit_guide(*, condition: Condition, author: User | None, fields: Mapping[str, str]) -> Guide:
    """Write ``condition``'s guide (creating it if need be) from ``fields``.

    An edit that changes any of the text clears the clinician's review stamp: the
    reviewer vouched for the old words, not the new ones. Saving unchanged text keeps it.
    Raises ``ValidationError`` (from ``Guide.clean``) on a bad look-alike or specialty.
    """
    guide = Guide.objects.select_for_update().filter(condition=condition).first()
    if guide is None:
        guide = Guide(condition=condition)
    editable = (*Guide.TEXT_FIELDS, "specialties")
    changed = guide.pk is None or any(
        getattr(guide, name) != fields[name] for name in editable if name in fields
    )
    for name in editable:
        if name in fields:
            setattr(guide, name, fields[name])
    guide.full_clean(exclude=["condition"])
    if changed:
        guide.author = author
        guide.edited_at = timezone.now()
        guide.reviewed_by = None
        guide.reviewed_at = None
        guide.save()
        pagecache.bump(pagecache.LISTS)
    return guide


@transaction.atomic
def review_guide(*, guide: Guide, reviewer: User) -> Guide:
    """Stamp ``guide`` as reviewed by ``reviewer`` now (raises ``PermissionDenied`` unless
    they may review it)."""
    guide = Guide.objects.select_for_update().get(pk=guide.pk)
    check_can_review_guide(reviewer, guide)
    guide.reviewed_by = reviewer
    guide.reviewed_at = timezone.now()
    guide.save(update_fields=["reviewed_by", "reviewed_at"])
    pagecache.bump(pagecache.LISTS)
    return guide

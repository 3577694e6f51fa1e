"""Writes to a member's own account: their public profile, clinician applications and
reading choices."""

from django.core.exceptions import ValidationError
from django.db import transaction

from forum.core import pagecache

from .models import ClinicianApplication, ReplyOrder, User
from .permissions import check_can_apply_as_clinician, check_can_change_profile


@transaction.atomic
def update_profile(*, member: User, display_name: str, bio: str) -> User:
    """Change what others read about ``member``. Refused while suspended; the display name
    obeys ``User.display_name_problem`` and the field's own validators on every path."""
    check_can_change_profile(member)
    member.display_name = display_name.strip()
    member.bio = bio.strip()
    member.clean_fields(
        exclude=[f.name for f in User._meta.fields if f.name not in {"display_name", "bio"}]
    )
    if problem := member.display_name_problem(member.display_name):
        raise ValidationError({"display_name": problem})
    member.save(update_fields=["display_name", "bio"])
    pagecache.site_changed()  # the display name is on every page they wrote on
    return member


@transaction.atomic
def set_reading_preferences(*, member: User, fold_content_notes: bool) -> User:
    """How pages are shown to ``member`` alone; allowed while suspended (it changes nothing
    others read)."""
    member.fold_content_notes = fold_content_notes
    member.save(update_fields=["fold_content_notes"])
    return member


@transaction.atomic
def apply_as_clinician(
    *,
    member: User,
    profession: str,
    registration_body: str,
    registration_number: str,
    country: str,
    verification_url: str,
) -> ClinicianApplication:
    """Ask moderators to show ``member`` as a verified clinician. Refused while suspended,
    once verified, and while an earlier application is waiting."""
    check_can_apply_as_clinician(member)
    if member.is_verified_clinician:
        raise ValidationError("You are already shown as a verified clinician.")
    pending = ClinicianApplication.objects.filter(
        user=member, status=ClinicianApplication.Status.PENDING
    )
    if pending.exists():
        raise ValidationError("Your earlier application is still waiting for a moderator.")
    return ClinicianApplication.objects.create(
        user=member,
        profession=profession,
        registration_body=registration_body,
        registration_number=registration_number,
        country=country,
        verification_url=verification_url,
    )


@transaction.atomic
def choose_reply_order(*, member: User, order: str) -> User:
    """Remember how ``member`` likes a thread's replies ordered (a ``ReplyOrder``)."""
    if order not in ReplyOrder.values:
        raise ValidationError({"reply_order": "Choose best first, oldest first or newest first."})
    member.reply_order = order
    member.save(update_fields=["reply_order"])
    return member

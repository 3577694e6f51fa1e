"""The signed, expiring link in a follow-up email: it answers that one follow-up without
logging in, and nothing else. The signature is the credential, so it names only the
follow-up; it stops working after MEDIUS_FOLLOW_UP_LINK_DAYS or once answered."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import FollowUp

SALT = "medius.treatments.follow-up"


def answer_url(follow_up: FollowUp) -> str:
    token = signing.TimestampSigner(salt=SALT).sign_object({"f": follow_up.pk})
    return settings.SITE_URL + reverse("treatments:answer", args=[token])


def read_answer_token(token: str) -> int:
    """The follow-up's id; raises signing.SignatureExpired or signing.BadSignature."""
    data = signing.TimestampSigner(salt=SALT).unsign_object(
        token, max_age=settings.MEDIUS_FOLLOW_UP_LINK_DAYS * 24 * 60 * 60
    )
    follow_up_id = data.get("f") if isinstance(data, dict) else None
    if not isinstance(follow_up_id, int):
        raise signing.BadSignature("not a follow-up link")
    return follow_up_id

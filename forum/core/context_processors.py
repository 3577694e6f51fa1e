from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac


def site(request: HttpRequest) -> dict[str, str]:
    return {"SITE_URL": settings.SITE_URL, "draft_owner": draft_owner(request)}


def draft_owner(request: HttpRequest) -> str:
    """An opaque, stable id of the member for the drafts kept in their browser (drafts.js):
    not the username, so a shared computer's storage names nobody. Empty when logged out."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    return salted_hmac("medius.draft-owner", str(user.pk)).hexdigest()[:20]

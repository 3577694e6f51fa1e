from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache

from forum.accounts.models import User

from . import services
from .forms import DeleteAccountForm


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/index.html")


@login_required
@never_cache
def download(request: HttpRequest) -> HttpResponse:
    """Everything about the member as one JSON file, saved rather than shown."""
    member: User = request.user  # type: ignore[assignment]  # login_required
    data = services.export_member_data(member=member)
    response = JsonResponse(
        data, encoder=DjangoJSONEncoder, json_dumps_params={"indent": 2, "ensure_ascii": False}
    )
    filename = f"medius-{member.username}-{timezone.now():%Y-%m-%d}.json"
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    return response


@login_required
@reauthentication_required  # type: ignore[untyped-decorator]  # allauth: no types
def delete_account(request: HttpRequest) -> HttpResponse:
    """Asks for the password again (allauth), then the choice for posts and the username."""
    member: User = request.user  # type: ignore[assignment]  # login_required
    form = DeleteAccountForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        services.delete_member(member=member, keep_posts=form.keep_posts)
        logout(request)
        messages.success(request, "Your account and your personal data have been deleted.")
        return redirect("home")
    return render(request, "privacy/delete.html", {"form": form})

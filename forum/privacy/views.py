from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache

from . import services
from .forms import DeleteAccountForm


@login_required
def index(request):
    return render(request, "privacy/index.html")


@login_required
@never_cache
def download(request):
    """Everything about the member as one JSON file, saved rather than shown."""
    data = services.export_member_data(member=request.user)
    response = JsonResponse(
        data, encoder=DjangoJSONEncoder, json_dumps_params={"indent": 2, "ensure_ascii": False}
    )
    filename = f"medius-{request.user.username}-{timezone.now():%Y-%m-%d}.json"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
@reauthentication_required
def delete_account(request):
    """Asks for the password again (allauth), then the choice for posts and the username."""
    form = DeleteAccountForm(request.POST or None, member=request.user)
    if request.method == "POST" and form.is_valid():
        services.delete_member(member=request.user, keep_posts=form.keep_posts)
        logout(request)
        messages.success(request, "Your account and your personal data have been deleted.")
        return redirect("home")
    return render(request, "privacy/delete.html", {"form": form})

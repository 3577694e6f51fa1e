from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from .forms import ProfileForm
from .models import User


def profile(request, username):
    member = get_object_or_404(User, username=username, is_active=True)
    return render(request, "accounts/profile.html", {"member": member})


@login_required
def profile_settings(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile was saved.")
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})

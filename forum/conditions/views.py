from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from forum.accounts.models import User

from .models import Condition


class AnsweringForm(forms.Form):
    conditions = forms.ModelMultipleChoiceField(
        queryset=Condition.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )


@login_required
def answering(request: HttpRequest) -> HttpResponse:
    """A verified clinician chooses the conditions whose unanswered questions reach them."""
    user: User = request.user  # type: ignore[assignment]  # login_required
    if not user.is_verified_clinician:
        raise PermissionDenied("Only verified clinicians choose conditions to answer for.")
    form = AnsweringForm(request.POST or None, initial={"conditions": user.answers_for.all()})
    if request.method == "POST" and form.is_valid():
        user.answers_for.set(form.cleaned_data["conditions"])
        messages.success(request, "Saved.")
        return redirect("conditions:answering")
    return render(request, "conditions/answering.html", {"form": form})

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .models import Condition


class AnsweringForm(forms.Form):
    conditions = forms.ModelMultipleChoiceField(
        queryset=Condition.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )


@login_required
def answering(request: HttpRequest) -> HttpResponse:
    """A verified clinician chooses the conditions whose unanswered questions reach them."""
    if not request.user.is_verified_clinician:
        raise PermissionDenied("Only verified clinicians choose conditions to answer for.")
    form = AnsweringForm(
        request.POST or None, initial={"conditions": request.user.answers_for.all()}
    )
    if request.method == "POST" and form.is_valid():
        request.user.answers_for.set(form.cleaned_data["conditions"])
        messages.success(request, "Saved.")
        return redirect("conditions:answering")
    return render(request, "conditions/answering.html", {"form": form})

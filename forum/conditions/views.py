from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from forum.accounts.http import MemberRequest
from forum.accounts.models import User

from . import services
from .models import Condition, Guide


class AnsweringForm(forms.Form):
    conditions = forms.ModelMultipleChoiceField(
        queryset=Condition.objects.undiagnosed_first(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
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


@require_POST
@login_required
def review_guide(request: MemberRequest, slug: str) -> HttpResponse:
    """A verified clinician (not its author) stamps a condition's guide as reviewed."""
    guide = get_object_or_404(Guide.objects.select_related("condition"), condition__slug=slug)
    services.review_guide(guide=guide, reviewer=request.user)
    messages.success(request, "Thank you: the guide now shows your review.")
    return redirect(guide.condition)

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from forum.accounts.models import User
from forum.conditions.models import Condition

from . import permissions, services
from .forms import FollowUpForm, RecordForm
from .links import read_answer_token
from .models import FollowUp, Kind, Treatment, TreatmentRecord


def _member(request: HttpRequest) -> User:
    """The logged-in member (the views using it are behind ``login_required``)."""
    assert isinstance(request.user, User)
    return request.user


def treatment_list(request: HttpRequest) -> HttpResponse:
    treatments = list(Treatment.objects.order_by("kind", "name"))
    kinds = [
        (label, [t for t in treatments if t.kind == value])
        for value, label in Kind.choices
        if any(t.kind == value for t in treatments)
    ]
    return render(request, "treatments/treatment_list.html", {"kinds": kinds})


@never_cache
@login_required
def my_records(request: HttpRequest) -> HttpResponse:
    """The member's own list, printable to take to a clinician ("My hip history")."""
    records = (
        TreatmentRecord.objects.filter(member=_member(request))
        .select_related("treatment", "condition")
        .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.order_by("weeks")))
    )
    waiting = (
        FollowUp.objects.filter(record__member=_member(request))
        .waiting()
        .select_related("record__treatment")
    )
    return render(request, "treatments/my_records.html", {"records": records, "waiting": waiting})


@never_cache
@login_required
def record(request: HttpRequest) -> HttpResponse:
    permissions.check_can_record_treatment(request.user)
    initial: dict[str, Condition | Treatment | None] = {}
    if slug := request.GET.get("condition", ""):
        initial["condition"] = Condition.objects.filter(slug=slug[:80]).first()
    if slug := request.GET.get("treatment", ""):
        initial["treatment"] = Treatment.objects.filter(slug=slug[:80]).first()
    form = RecordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_treatment(
                member=_member(request),
                treatment=data["treatment"],
                condition=data["condition"],
                started_on=data["started_on"],
                weeks=data["weeks"],
                outcome=data["outcome"],
                pain_before=data["pain_before"],
                pain_after=data["pain_after"],
                note=data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Saved. Only you see this record; others see it counted.")
            return redirect("treatments:mine")
    return render(request, "treatments/record_form.html", {"form": form})


@require_POST
@login_required
def delete_record(request: HttpRequest, pk: int) -> HttpResponse:
    own = get_object_or_404(TreatmentRecord, pk=pk, member=request.user)
    services.delete_record(record=own)
    messages.success(request, "Deleted.")
    return redirect("treatments:mine")


@never_cache
@login_required
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(FollowUp.objects.select_related("record__treatment"), pk=pk)
    permissions.check_can_answer_follow_up(request.user, found)
    return _answer(request, found, done=redirect("treatments:mine"))


@never_cache
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link: answers one follow-up without logging in, while it is fresh."""
    try:
        follow_up_id = read_answer_token(token)
    except signing.SignatureExpired:
        return render(request, "treatments/link_problem.html", {"expired": True}, status=400)
    except signing.BadSignature:
        return render(request, "treatments/link_problem.html", {"invalid": True}, status=400)
    found = FollowUp.objects.select_related("record__treatment").filter(pk=follow_up_id).first()
    if found is None:
        return render(request, "treatments/link_problem.html", {"gone": True}, status=404)
    return _answer(request, found, done=None)


def _answer(request: HttpRequest, found: FollowUp, *, done: HttpResponse | None) -> HttpResponse:
    form = FollowUpForm(request.POST or None)
    if found.is_answered:
        return render(request, "treatments/follow_up_form.html", {"follow_up": found})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.answer_follow_up(
                follow_up=found,
                outcome=data["outcome"],
                pain_now=data["pain_now"],
                note=data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if done is not None:
                messages.success(request, "Thank you, your answer is saved.")
                return done
            return render(request, "treatments/follow_up_done.html", {"follow_up": found})
    return render(request, "treatments/follow_up_form.html", {"follow_up": found, "form": form})

"""What a member tried, told from their own question or reply (``PostRecord``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from forum.accounts.models import User
from forum.treatments.forms import AttachRecordForm, TreatmentNameField

from .. import permissions, services
from ..models import Post, PostRecord
from .access import get_post_for_user

SAVED = "Saved. {shown}It is counted, without your name, in what members tried."


def saved_message(*, shown: bool) -> str:
    return SAVED.format(shown="It is shown with your post. " if shown else "Only you see it. ")


def tried_form_context(form: AttachRecordForm) -> dict[str, object]:
    return {"tried": form, "treatment_names": TreatmentNameField.suggestions()}


def _initial_condition(post: Post) -> dict[str, object]:
    """The question's condition, when it has exactly one."""
    conditions = list(post.thread.conditions.all()[:2])
    return {"condition": conditions[0]} if len(conditions) == 1 else {}


@never_cache
@login_required
def record_on_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_user(request, pk)
    permissions.check_can_attach_record(request.user, post)
    assert isinstance(request.user, User)
    form = AttachRecordForm(request.POST or None, initial=_initial_condition(post))
    if request.method == "POST" and form.is_valid():
        fields = form.record_fields()
        assert fields is not None
        try:
            services.attach_record(post=post, member=request.user, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, saved_message(shown=fields["shown"]))
            return redirect(post)
    return render(
        request, "discussions/record_on_post.html", {"post": post, **tried_form_context(form)}
    )


@require_POST
@login_required
def show_record(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(PostRecord.objects.select_related("post", "record"), pk=pk)
    permissions.check_can_show_record(request.user, link)
    shown = request.POST.get("shown") == "1"
    services.show_record(link=link, shown=shown)
    messages.success(
        request, "It is shown with your post." if shown else "Only you see it now; still counted."
    )
    return redirect(link.post)

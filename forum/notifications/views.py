from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from forum.accounts.http import MemberRequest
from forum.discussions.models import Follow

from . import emails, services
from .forms import PreferencesForm
from .models import Frequency, Kind, Notification

User = get_user_model()


@login_required
def notification_list(request: MemberRequest) -> HttpResponse:
    """The inbox, one item per group (``NotificationQuerySet.groups``), 30 to a page."""
    groups = Notification.objects.inbox(request.user).groups()
    page = Paginator(groups, 30).get_page(request.GET.get("page"))
    notifications = Notification.objects.for_groups(page.object_list)
    return render(
        request, "notifications/list.html", {"page": page, "notifications": notifications}
    )


@login_required
def open_notification(request: MemberRequest, pk: int) -> HttpResponse:
    """Mark a notification (or its group) read and go to what it is about: the reply's
    permalink, for a group the first unread reply's."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    notification = services.open_notification(user=request.user, notification=notification)
    if notification.post_id:
        return redirect("discussions:permalink", pk=notification.post_id)
    if notification.thread_id:
        return redirect(notification.thread)  # type: ignore[arg-type]  # thread_id is set
    if notification.follow_up_id:
        return redirect("treatments:follow_up", pk=notification.follow_up_id)
    return redirect("notifications:list")


@require_POST
@login_required
def mark_all_read(request: MemberRequest) -> HttpResponse:
    count = Notification.objects.inbox(request.user).unread().groups().count()
    services.mark_read(user=request.user)
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} as read.")
    return redirect("notifications:list")


@login_required
def notification_settings(request: MemberRequest) -> HttpResponse:
    current = {kind.value: services.frequency_for(request.user, kind) for kind in Kind}
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        for kind, frequency in form.cleaned_data.items():
            if frequency != current[kind]:
                services.set_email_preference(user=request.user, kind=kind, frequency=frequency)
        messages.success(request, "Your notification settings are saved.")
        return redirect("notifications:settings")
    follows = (
        Follow.objects.filter(user=request.user, muted=False)
        .select_related("thread", "condition", "member")
        .order_by("-created_at")
    )
    return render(request, "notifications/settings.html", {"form": form, "follows": follows})


@csrf_exempt  # the signed token is the credential; mail clients POST here (RFC 8058)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe from an email: works logged out, signed, expires after 90 days."""
    try:
        user_id, kind = emails.read_unsubscribe_token(token)
    except signing.SignatureExpired:
        return render(request, "notifications/unsubscribe.html", {"expired": True}, status=400)
    except signing.BadSignature:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    user = get_object_or_404(User, pk=user_id)
    kinds = list(Kind) if kind == "all" else [Kind(kind)]
    if request.method == "POST":
        for each in kinds:
            services.set_email_preference(user=user, kind=each, frequency=Frequency.OFF)
        return render(request, "notifications/unsubscribe.html", {"done": True, "kinds": kinds})
    return render(request, "notifications/unsubscribe.html", {"kinds": kinds, "token": token})

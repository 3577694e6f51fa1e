"""The moderator's desk. Every action calls a function in services.py, the same the site
uses, so the moderation log and the counters cannot be skipped from here."""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    Model,
    QuerySet,
)
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from forum.accounts.admin import UserAdmin
from forum.accounts.models import ClinicianApplication
from forum.accounts.models import User as Member
from forum.discussions import services as discussions
from forum.discussions.admin import PostAdmin, ThreadAdmin
from forum.discussions.models import (
    ANONYMOUS_NAME,
    Post,
    PostQuerySet,
    RedFlagKind,
    Status,
    Thread,
)
from forum.discussions.permissions import is_moderator

from . import services
from .forms import (
    READY_REASONS,
    DuplicateForm,
    HideForm,
    ReasonForm,
    ReviewForm,
    SuspendForm,
    TrustLockForm,
)
from .models import LogEntry, QueuedPost, QueueQuerySet, Report
from .permissions import (
    OWN_APPLICATION,
    PROTECTED_MEMBER,
    can_act_on_member,
    can_decide_application,
)

User = get_user_model()

if TYPE_CHECKING:
    from django.contrib.admin.options import _FieldsetSpec

    # The mixins serve the admins of several models (posts, threads, the queue), so they
    # are typed against ModelAdmin[Any]; at run time they are plain classes.
    MixinBase = admin.ModelAdmin[Any]
else:
    MixinBase = object


def _moderator(request: HttpRequest) -> Member:
    """The member behind an admin request: the admin lets only signed-in staff in."""
    assert isinstance(request.user, Member)
    return request.user


class AnonymousAuthorMixin(MixinBase):
    """Lists show "Anonymous member" for anonymous posts and questions; a post's own page
    names the author to a moderator, and each such look is written to the log
    (``services.reveal_anonymous_author``)."""

    def _anonymous_post(self, obj: Post | Thread) -> Post | None:
        return obj.opening_post if isinstance(obj, Thread) else obj

    def get_list_display(self, request: HttpRequest) -> list[str | Callable[[Any], str | bool]]:
        columns = super().get_list_display(request)
        return ["shown_author" if column == "author" else column for column in columns]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        fields = super().get_fields(request, obj)
        return ["author_revealed" if field == "author" else field for field in fields]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = super().get_readonly_fields(request, obj)
        return ["author_revealed" if field == "author" else field for field in fields]

    @admin.display(description="Author")
    def shown_author(self, obj: Post | Thread) -> Member | str:
        if obj.is_anonymous:
            return ANONYMOUS_NAME
        return obj.author or "[deleted member]"

    @admin.display(description="Author")
    def author_revealed(self, obj: Post | Thread) -> Member | SafeString | str:
        if obj.is_anonymous:
            return format_html(
                "{} <small>(posted as “{}”; your look is in the moderation log)</small>",
                obj.author or "[deleted member]",
                ANONYMOUS_NAME,
            )
        return obj.author or "[deleted member]"

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if request.method == "GET":
            obj = self.get_object(request, object_id)
            post = self._anonymous_post(obj) if obj is not None else None
            if post is not None and post.is_anonymous:
                services.reveal_anonymous_author(post=post, moderator=_moderator(request))
        return super().change_view(request, object_id, form_url, extra_context)


def ask_for(
    form_class: type[Form],
    modeladmin: admin.ModelAdmin[Any],
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    title: str,
    form_kwargs: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], None] | tuple[None, TemplateResponse]:
    """Show an intermediate page asking for a reason (or more); None until it is valid."""
    form_kwargs = form_kwargs or {}
    if "apply" in request.POST:
        form = form_class(request.POST, **form_kwargs)
        if form.is_valid():
            return form.cleaned_data, None
    else:
        form = form_class(**form_kwargs)
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "queryset": queryset,
        "action": request.POST.get("action"),
        "opts": modeladmin.model._meta,
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
    }
    return None, TemplateResponse(request, "admin/moderation/action_form.html", context)


class ModeratorActions:
    """Admin actions marked ``permissions=["moderate"]`` are offered to moderators only."""

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return is_moderator(request.user)


class ModerationActionsMixin(ModeratorActions, MixinBase):
    """Post actions shared by the review queue and the list of all posts."""

    def _done(self, request: HttpRequest, count: int, what: str) -> None:
        self.message_user(request, f"{what}: {count} post{'s' if count != 1 else ''}.")

    @admin.action(description="Approve (make visible, close reports)", permissions=["moderate"])
    def approve(self, request: HttpRequest, queryset: QuerySet[Post]) -> None:
        posts = list(queryset.select_related("thread"))
        for post in posts:
            services.approve_post(post=post, moderator=_moderator(request))
        self._done(request, len(posts), "Approved")

    @admin.action(description="Hide, with a reason the author sees", permissions=["moderate"])
    def hide(self, request: HttpRequest, queryset: QuerySet[Post]) -> TemplateResponse | None:
        data, page = ask_for(ReasonForm, self, request, queryset, title="Hide posts")
        if data is None:
            return page
        posts = list(queryset.select_related("thread"))
        for post in posts:
            services.hide_post(post=post, moderator=_moderator(request), reason=data["reason"])
        self._done(request, len(posts), "Hidden")
        return None

    @admin.action(description="Restore hidden posts", permissions=["moderate"])
    def restore(self, request: HttpRequest, queryset: QuerySet[Post]) -> None:
        posts = queryset.filter(status=Status.HIDDEN).select_related("thread")
        for post in posts:
            services.restore_post(post=post, moderator=_moderator(request))
        self._done(request, len(posts), "Restored")

    @admin.action(description="Resolve reports: no action needed", permissions=["moderate"])
    def resolve_no_action(self, request: HttpRequest, queryset: QuerySet[Post]) -> None:
        posts = list(queryset)
        for post in posts:
            services.resolve_reports(post=post, moderator=_moderator(request))
        self._done(request, len(posts), "Reports resolved on")

    @admin.action(description="Lock their threads (no new replies)", permissions=["moderate"])
    def lock_threads(self, request: HttpRequest, queryset: QuerySet[Post]) -> None:
        for thread in Thread.objects.filter(posts__in=queryset).distinct():
            services.set_thread_locked(thread=thread, moderator=_moderator(request), locked=True)
        self.message_user(request, "Threads locked.")


class SeverityFilter(admin.SimpleListFilter):
    title = "red flag"
    parameter_name = "red_flag"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin[Any]
    ) -> list[tuple[str, str]]:
        return [*RedFlagKind.choices, ("none", "No red flag waiting")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() in RedFlagKind.values:
            return queryset.filter(red_flag_pending=True, red_flag_kind=self.value())
        if self.value() == "none":
            return queryset.filter(red_flag_pending=False)
        return queryset


SEVERITY_LABELS = {0: "Crisis", 1: "Urgent care", 2: ""}


@admin.register(QueuedPost)
class ReviewQueueAdmin(AnonymousAuthorMixin, ModerationActionsMixin, admin.ModelAdmin[QueuedPost]):
    """Held posts, posts with open reports and red-flagged posts no moderator has acted on.

    Red flags are selected from the post itself (``Post.red_flag_pending``, written in
    the posting transaction), so nothing after the commit can lose one. The queue
    leads with crisis (a crisis pattern, or a member's report that someone may be in
    danger), then urgent care, then the rest; oldest first within each.
    """

    list_display = ["severity_label", "excerpt", "in_context", "author", "status",
                    "open_reports", "reasons", "red_flag", "waiting_since"]  # fmt: skip
    list_display_links = ["excerpt"]
    list_filter = [SeverityFilter, "status", "reports__reason", "thread__kind"]
    list_select_related = ["author", "thread"]
    search_fields = ["body", "author__username", "thread__title"]
    actions = ["approve", "hide", "restore", "resolve_no_action", "lock_threads"]
    readonly_fields = ("thread", "parent", "author", "body", "status", "moderation_reason",
                       "red_flag", "red_flag_kind", "red_flag_pending", "created_at",
                       "open_reports")  # fmt: skip
    fields = readonly_fields

    def get_queryset(self, request: HttpRequest) -> QueueQuerySet:
        queue = super().get_queryset(request)
        assert isinstance(queue, QueueQuerySet)  # the stubs type it as a plain QuerySet
        return queue.outside_others_drafts(request.user).needing_decision().by_severity()

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """The item page: the post as readers see it, its thread, its author's history,
        and every decision as one button that calls the same service as the list's actions,
        then moves on to the next item."""
        post = self.get_object(request, object_id)
        if post is None:
            # Django's own "no such object" redirect; private, so django-stubs leave it out.
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)  # type: ignore[attr-defined, no-any-return]
        hide_form = HideForm(request.POST if request.POST.get("decision") == "hide" else None)
        suspend_form = SuspendForm(
            request.POST if request.POST.get("decision") == "suspend" else None
        )
        spammer_form = ReasonForm(
            request.POST if request.POST.get("decision") == "spammer" else None
        )
        if request.method == "POST" and self.has_moderate_permission(request):
            done = self._decide(request, post, hide_form, suspend_form, spammer_form)
            if done:
                return redirect(self._next_item_url(request, post))
        elif request.method == "GET" and post.is_anonymous:
            services.reveal_anonymous_author(post=post, moderator=_moderator(request))
        author = post.author
        history = (
            Post.objects.filter(author=author).exclude(pk=post.pk).select_related("thread")
            .order_by("-created_at")[:10]
            if author else []
        )  # fmt: skip
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Review queue item",
            "post": post,
            "thread": post.thread,
            "parent": post.parent,
            "author": author,
            "history": history,
            "reports": Report.objects.filter(post=post).select_related("reporter"),
            "hide_form": hide_form,
            "suspend_form": suspend_form,
            "spammer_form": spammer_form,
            "ready_reasons": READY_REASONS,
            "can_act_on_author": author is not None and can_act_on_member(request.user, author),
            "next_url": self._next_item_url(request, post),
        }
        return TemplateResponse(request, "admin/moderation/queue_item.html", context)

    def _decide(
        self,
        request: HttpRequest,
        post: QueuedPost,
        hide_form: HideForm,
        suspend_form: SuspendForm,
        spammer_form: ReasonForm,
    ) -> bool:
        decision = request.POST.get("decision")
        moderator = _moderator(request)
        if decision == "approve":
            services.approve_post(post=post, moderator=moderator)
            self.message_user(request, "Approved.", messages.SUCCESS)
            return True
        if decision == "hide" and hide_form.is_valid():
            services.hide_post(
                post=post, moderator=moderator, reason=hide_form.cleaned_data["reason"]
            )
            self.message_user(request, "Hidden; the author sees your reason.", messages.SUCCESS)
            return True
        if decision == "resolve":
            services.resolve_reports(post=post, moderator=moderator)
            self.message_user(request, "Reports closed; the post stays as it is.", messages.SUCCESS)
            return True
        author = post.author
        if author is None or decision not in {"suspend", "spammer"}:
            return False
        if not can_act_on_member(moderator, author):
            self.message_user(request, PROTECTED_MEMBER, messages.ERROR)
            return False
        if decision == "suspend" and suspend_form.is_valid():
            until = timezone.now() + timedelta(days=suspend_form.cleaned_data["days"])
            services.suspend_member(member=author, moderator=moderator, until=until,
                                    reason=suspend_form.cleaned_data["reason"])  # fmt: skip
            self.message_user(request, f"The author is suspended until {until:%-d %B %Y}.",
                              messages.SUCCESS)  # fmt: skip
            return True
        if decision == "spammer" and spammer_form.is_valid():
            hidden = services.remove_spammer(
                member=author, moderator=moderator, reason=spammer_form.cleaned_data["reason"]
            )
            self.message_user(request, f"Spammer removed: banned, {hidden} posts hidden.",
                              messages.SUCCESS)  # fmt: skip
            return True
        return False

    def _next_item_url(self, request: HttpRequest, post: QueuedPost) -> str:
        """The next item by the queue's order (severity, then age), else the list."""
        queue = list(
            self.get_queryset(request).exclude(pk=post.pk).values_list("pk", flat=True)[:1]
        )
        if queue:
            return reverse("admin:moderation_queuedpost_change", args=[queue[0]])
        return reverse("admin:moderation_queuedpost_changelist")

    @admin.display(description="Red flag", ordering="severity")
    def severity_label(self, post: Any) -> str:  # annotated by by_severity()
        return SEVERITY_LABELS[post.severity]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: QueuedPost | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: QueuedPost | None = None) -> bool:
        return False

    @admin.display(description="Post")
    def excerpt(self, post: QueuedPost) -> str:
        return Truncator(post.body).chars(120)

    @admin.display(description="In context")
    def in_context(self, post: QueuedPost) -> SafeString:
        return format_html(
            '<a href="{}">{}</a>', post.get_absolute_url(), Truncator(post.thread.title).chars(60)
        )

    @admin.display(description="Open reports", ordering="open_count")
    def open_reports(self, post: Any) -> int:  # annotated by by_severity()
        count: int = post.open_count
        return count

    @admin.display(description="Reasons (and the text as reported, if edited since)")
    def reasons(self, post: Any) -> SafeString:  # open_reports_list: by_severity()
        flag = (
            format_html("<p>{}: matched “{}”</p>", post.get_red_flag_kind_display(), post.red_flag)
            if post.red_flag_pending
            else ""
        )
        reports = format_html_join(
            "",
            "<p>{}{}</p>",
            ((r.get_reason_display() + (f": {r.details}" if r.details else ""),
              f" — reported text: “{Truncator(r.snapshot).chars(200)}”"
              if r.snapshot != post.body else "")
             for r in post.open_reports_list),
        )  # fmt: skip
        return format_html("{}{}", flag, reports)

    @admin.display(description="Waiting since", ordering="waiting")
    def waiting_since(self, post: Any) -> datetime:  # annotated by by_severity()
        waiting: datetime = post.waiting
        return waiting


class ReportAdmin(admin.ModelAdmin[Report]):
    list_display = ["post_excerpt", "reason", "details", "reporter", "created_at", "resolution"]
    list_filter = ["reason", "resolution", ("resolved_at", admin.EmptyFieldListFilter)]
    list_select_related = ["reporter", "post"]
    search_fields = ["snapshot", "details", "reporter__username"]
    readonly_fields = ["post", "reporter", "reason", "details", "snapshot", "created_at",
                       "resolved_at", "resolved_by", "resolution",
                       "counts_toward_hiding"]  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Report | None = None) -> bool:
        return False

    @admin.display(description="Reported text")
    def post_excerpt(self, report: Report) -> SafeString:
        return format_html(
            '{} <a href="{}">in context</a>',
            Truncator(report.snapshot).chars(100),
            reverse("discussions:permalink", args=[report.post_id]),
        )


class LogEntryAdmin(admin.ModelAdmin[LogEntry]):
    """Read-only: nobody may add, edit or delete log rows, not even a superuser."""

    list_display = ["created_at", "actor", "action", "target", "reason"]
    list_filter = ["action", "target_type"]
    list_select_related = ["actor"]
    search_fields = ["target_repr", "reason", "actor__username"]
    date_hierarchy = "created_at"
    TARGET_LABELS = {"post": "Post", "queuedpost": "Post", "thread": "Thread", "user": "Member",
                     "clinicianapplication": "Clinician application"}  # fmt: skip

    @admin.display(description="About", ordering="target_repr")
    def target(self, entry: LogEntry) -> SafeString | str:
        """What the action was about, in words, linked to its page in the admin (and, for
        a post or thread, to where it is read on the site)."""
        label = self.TARGET_LABELS.get(entry.target_type, entry.target_type)
        admin_names = {"post": "discussions_post", "queuedpost": "discussions_post",
                       "thread": "discussions_thread", "user": "accounts_user"}  # fmt: skip
        name = admin_names.get(entry.target_type)
        if name is None:
            return f"{label}: {entry.target_repr}"
        change = reverse(f"admin:{name}_change", args=[entry.target_id])
        if entry.target_type in {"post", "queuedpost"}:
            site = reverse("discussions:permalink", args=[entry.target_id])
            return format_html('{}: <a href="{}">{}</a> (<a href="{}">on the site</a>)',
                               label, change, entry.target_repr, site)  # fmt: skip
        return format_html('{}: <a href="{}">{}</a>', label, change, entry.target_repr)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: LogEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: LogEntry | None = None) -> bool:
        return False


class ModeratedPostAdmin(AnonymousAuthorMixin, ModerationActionsMixin, PostAdmin):
    actions = ["approve", "hide", "restore", "resolve_no_action", "lock_threads"]
    list_display = [*PostAdmin.list_display, "reports"]

    def get_queryset(self, request: HttpRequest) -> PostQuerySet:
        return super().get_queryset(request).annotate(report_total=Count("reports"))

    @admin.display(description="Reports", ordering="report_total")
    def reports(self, post: Any) -> int:  # annotated by get_queryset()
        total: int = post.report_total
        return total


class ModeratedThreadAdmin(AnonymousAuthorMixin, ModeratorActions, ThreadAdmin):
    actions = ["lock", "unlock", "pin", "unpin", "mark_reviewed", "close_duplicate", "merge"]

    def save_thread(
        self,
        *,
        thread: Thread,
        editor: Member,
        title: str,
        conditions: list[Any],
        summary: str | None,
        **lead_image: Any,
    ) -> None:
        """The change form's edit, logged like every other moderator action."""
        services.edit_thread(
            thread=thread,
            moderator=editor,
            title=title,
            conditions=conditions,
            summary=summary,
            **lead_image,
        )

    def _set(
        self,
        request: HttpRequest,
        queryset: QuerySet[Thread],
        service: Callable[..., Thread],
        **kwargs: bool,
    ) -> None:
        for thread in queryset:
            service(thread=thread, moderator=_moderator(request), **kwargs)
        self.message_user(request, f"{queryset.count()} thread(s) updated.")

    @admin.action(description="Lock (no new replies)", permissions=["moderate"])
    def lock(self, request: HttpRequest, queryset: QuerySet[Thread]) -> None:
        self._set(request, queryset, services.set_thread_locked, locked=True)

    @admin.action(description="Unlock", permissions=["moderate"])
    def unlock(self, request: HttpRequest, queryset: QuerySet[Thread]) -> None:
        self._set(request, queryset, services.set_thread_locked, locked=False)

    @admin.action(description="Pin to the top of lists", permissions=["moderate"])
    def pin(self, request: HttpRequest, queryset: QuerySet[Thread]) -> None:
        self._set(request, queryset, services.set_thread_pinned, pinned=True)

    @admin.action(description="Unpin", permissions=["moderate"])
    def unpin(self, request: HttpRequest, queryset: QuerySet[Thread]) -> None:
        self._set(request, queryset, services.set_thread_pinned, pinned=False)

    @admin.action(description="Mark as reviewed by a clinician", permissions=["moderate"])
    def mark_reviewed(
        self, request: HttpRequest, queryset: QuerySet[Thread]
    ) -> TemplateResponse | None:
        """Only a verified clinician can be named, and never for their own article."""
        reviewers = User.objects.filter(
            clinician_verified_at__isnull=False, is_active=True
        ).order_by("username")
        data, page = ask_for(
            ReviewForm, self, request, queryset, title="Mark as reviewed",
            form_kwargs={"reviewers": reviewers},
        )  # fmt: skip
        if data is None:
            return page
        done = 0
        for thread in queryset:
            try:
                services.mark_reviewed(
                    thread=thread, moderator=_moderator(request), reviewer=data["reviewer"]
                )
            except discussions.ReviewRefused as exc:
                self.message_user(request, f"“{thread}”: {exc}", messages.ERROR)
            else:
                done += 1
        self.message_user(request, f"{done} thread(s) marked as reviewed.")
        return None

    def _close_into(
        self, request: HttpRequest, queryset: QuerySet[Thread], *, merge: bool
    ) -> TemplateResponse | None:
        """Close (or merge) each chosen question into the one named in the form."""
        data, page = ask_for(
            DuplicateForm, self, request, queryset,
            title="Merge into a question" if merge else "Close as a duplicate",
        )  # fmt: skip
        if data is None:
            return page
        original = Thread.objects.filter(pk=data["original"]).first()
        if original is None:
            self.message_user(request, "There is no question with that number.", messages.ERROR)
            return None
        done = 0
        for thread in queryset:
            try:
                by = {"moderator": request.user, "reason": data["reason"]}
                if merge:
                    services.merge_threads(source=thread, target=original, **by)
                else:
                    services.close_as_duplicate(thread=thread, original=original, **by)
            except services.DuplicateRefused as exc:
                self.message_user(request, f"“{thread}”: {exc}", messages.ERROR)
            else:
                done += 1
        self.message_user(request, f"{done} question(s) {'merged' if merge else 'closed'}.")
        return None

    @admin.action(description="Close as a duplicate of…", permissions=["moderate"])
    def close_duplicate(
        self, request: HttpRequest, queryset: QuerySet[Thread]
    ) -> TemplateResponse | None:
        return self._close_into(request, queryset, merge=False)

    @admin.action(description="Merge into…", permissions=["moderate"])
    def merge(self, request: HttpRequest, queryset: QuerySet[Thread]) -> TemplateResponse | None:
        return self._close_into(request, queryset, merge=True)


class ModeratedUserAdmin(ModeratorActions, UserAdmin):
    actions = ["suspend", "ban", "lift_suspension", "remove_spammer", "lock_trust",
               "unlock_trust"]  # fmt: skip
    list_display = [*UserAdmin.list_display, "trust_level", "suspended_until"]
    list_filter = [*UserAdmin.list_filter, "trust_level", "trust_level_locked"]
    MEMBER_RECORD = ["trust_level", "trust_level_locked", "suspended_until", "suspension_reason",
                     "recent_posts", "reports_received", "reports_made"]  # fmt: skip

    def get_fieldsets(self, request: HttpRequest, obj: Member | None = None) -> "_FieldsetSpec":
        """The member's record for moderators; the password hash only for superusers."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        if not request.user.is_superuser:
            fieldsets = [
                (name, {**opts, "fields": [f for f in opts["fields"] if f != "password"]})
                for name, opts in fieldsets
            ]
        return [*fieldsets, ("Record", {"fields": self.MEMBER_RECORD})]

    def get_readonly_fields(self, request: HttpRequest, obj: Member | None = None) -> list[str]:
        return [*super().get_readonly_fields(request, obj), *self.MEMBER_RECORD]

    @admin.display(description="Recent posts")
    def recent_posts(self, member: Member) -> SafeString | str:
        posts = (
            Post.objects.filter(author=member).select_related("thread").order_by("-created_at")[:10]
        )
        return format_html_join(
            "",
            '<p><a href="{}">{}</a> ({}{})</p>',
            ((reverse("admin:discussions_post_change", args=[p.pk]),
              Truncator(p.body).chars(80), p.get_status_display(),
              ", anonymous" if p.is_anonymous else "") for p in posts),
        ) or "None"  # fmt: skip

    @admin.display(description="Reports about their posts")
    def reports_received(self, member: Member) -> str:
        reports = Report.objects.filter(post__author=member)
        upheld = reports.filter(resolution=Report.Resolution.HIDDEN).count()
        return f"{reports.count()} ({upheld} upheld)"

    @admin.display(description="Reports they made")
    def reports_made(self, member: Member) -> str:
        reports = Report.objects.filter(reporter=member)
        upheld = reports.filter(resolution=Report.Resolution.HIDDEN).count()
        return f"{reports.count()} ({upheld} upheld)"

    @admin.action(description="Lock trust level", permissions=["moderate"])
    def lock_trust(
        self, request: HttpRequest, queryset: QuerySet[Member]
    ) -> TemplateResponse | None:
        data, page = ask_for(TrustLockForm, self, request, queryset, title="Lock trust level")
        if data is None:
            return page
        members = self._members_to_act_on(request, queryset)
        for member in members:
            services.lock_trust_level(
                member=member,
                moderator=_moderator(request),
                level=data["level"],
                reason=data["reason"],
            )
        self.message_user(request, f"Locked the trust level of {len(members)} member(s).")
        return None

    @admin.action(description="Unlock trust level (recalculate it)", permissions=["moderate"])
    def unlock_trust(self, request: HttpRequest, queryset: QuerySet[Member]) -> None:
        members = self._members_to_act_on(request, queryset)
        for member in members:
            services.unlock_trust_level(member=member, moderator=_moderator(request))
        self.message_user(request, f"Unlocked the trust level of {len(members)} member(s).")

    def _members_to_act_on(self, request: HttpRequest, queryset: QuerySet[Member]) -> list[Member]:
        """The chosen members this moderator may act on; the others are named and skipped."""
        members: list[Member] = []
        skipped: list[Member] = []
        for member in queryset:
            (members if can_act_on_member(request.user, member) else skipped).append(member)
        if skipped:
            names = ", ".join(sorted(m.username for m in skipped))
            self.message_user(request, f"Skipped {names}: {PROTECTED_MEMBER}", messages.WARNING)
        return members

    @admin.action(description="Suspend for a number of days", permissions=["moderate"])
    def suspend(self, request: HttpRequest, queryset: QuerySet[Member]) -> TemplateResponse | None:
        data, page = ask_for(SuspendForm, self, request, queryset, title="Suspend members")
        if data is None:
            return page
        until = timezone.now() + timedelta(days=data["days"])
        members = self._members_to_act_on(request, queryset)
        for member in members:
            services.suspend_member(
                member=member, moderator=_moderator(request), until=until, reason=data["reason"]
            )
        self.message_user(request, f"Suspended {len(members)} member(s).")
        return None

    @admin.action(description="Ban", permissions=["moderate"])
    def ban(self, request: HttpRequest, queryset: QuerySet[Member]) -> TemplateResponse | None:
        data, page = ask_for(ReasonForm, self, request, queryset, title="Ban members")
        if data is None:
            return page
        members = self._members_to_act_on(request, queryset)
        for member in members:
            services.ban_member(member=member, moderator=_moderator(request), reason=data["reason"])
        self.message_user(request, f"Banned {len(members)} member(s).")
        return None

    @admin.action(description="Lift suspension or ban", permissions=["moderate"])
    def lift_suspension(self, request: HttpRequest, queryset: QuerySet[Member]) -> None:
        members = self._members_to_act_on(request, queryset.filter(suspended_until__isnull=False))
        for member in members:
            services.lift_suspension(member=member, moderator=_moderator(request))
        self.message_user(request, "Suspensions lifted.")

    @admin.action(description="Remove spammer: ban and hide all their posts",
                  permissions=["moderate"])  # fmt: skip
    def remove_spammer(
        self, request: HttpRequest, queryset: QuerySet[Member]
    ) -> TemplateResponse | None:
        data, page = ask_for(ReasonForm, self, request, queryset, title="Remove spammers")
        if data is None:
            return page
        members = self._members_to_act_on(request, queryset)
        hidden = sum(
            services.remove_spammer(member=m, moderator=_moderator(request), reason=data["reason"])
            for m in members
        )
        self.message_user(request, f"Banned {len(members)} member(s), hid {hidden} posts.",
                          messages.SUCCESS)  # fmt: skip
        return None


class ClinicianApplicationAdmin(ModeratorActions, admin.ModelAdmin[ClinicianApplication]):
    list_display = ["user", "profession", "registration_body", "registration_number", "country",
                    "register_link", "status", "created_at"]  # fmt: skip
    list_filter = ["status", "country"]
    list_select_related = ["user"]
    search_fields = ["user__username", "registration_number", "registration_body"]
    readonly_fields = ["user", "profession", "registration_body", "registration_number",
                       "country", "verification_url", "status", "decided_by", "decided_at",
                       "decision_note", "created_at"]  # fmt: skip
    actions = ["approve", "reject"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: ClinicianApplication | None = None
    ) -> bool:
        return False

    @admin.display(description="Register")
    def register_link(self, application: ClinicianApplication) -> SafeString:
        return format_html(
            '<a href="{}" rel="noopener noreferrer" target="_blank">check</a>',
            application.verification_url,
        )

    def _pending(
        self, request: HttpRequest, queryset: QuerySet[ClinicianApplication]
    ) -> list[ClinicianApplication]:
        """The chosen applications still waiting, except the moderator's own (skipped, said)."""
        pending = queryset.filter(status=ClinicianApplication.Status.PENDING).select_related("user")
        mine = [a for a in pending if not can_decide_application(request.user, a)]
        if mine:
            self.message_user(request, f"Skipped your own application: {OWN_APPLICATION}",
                              messages.WARNING)  # fmt: skip
        return [a for a in pending if can_decide_application(request.user, a)]

    @admin.action(description="Approve: show as verified clinician", permissions=["moderate"])
    def approve(self, request: HttpRequest, queryset: QuerySet[ClinicianApplication]) -> None:
        pending = self._pending(request, queryset)
        for application in pending:
            services.approve_clinician(application=application, moderator=_moderator(request))
        self.message_user(request, f"Approved {len(pending)} application(s).")

    @admin.action(description="Reject, with a note the member sees", permissions=["moderate"])
    def reject(
        self, request: HttpRequest, queryset: QuerySet[ClinicianApplication]
    ) -> TemplateResponse | None:
        data, page = ask_for(ReasonForm, self, request, queryset, title="Reject applications")
        if data is None:
            return page
        pending = self._pending(request, queryset)
        for application in pending:
            services.reject_clinician(
                application=application, moderator=_moderator(request), note=data["reason"]
            )
        self.message_user(request, f"Rejected {len(pending)} application(s).")
        return None


admin.site.register(ClinicianApplication, ClinicianApplicationAdmin)
admin.site.register(Report, ReportAdmin)
admin.site.register(LogEntry, LogEntryAdmin)
REPLACED_ADMINS: list[tuple[type[Model], type[admin.ModelAdmin[Any]]]] = [
    (Post, ModeratedPostAdmin), (Thread, ModeratedThreadAdmin), (User, ModeratedUserAdmin)
]  # fmt: skip
for model, model_admin in REPLACED_ADMINS:
    admin.site.unregister(model)
    admin.site.register(model, model_admin)

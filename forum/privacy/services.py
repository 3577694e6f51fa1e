"""A member's own data: everything they gave us as one document, and deleting the account.

Deleting keeps the user row, emptied, under a random "deleted-<hex>" username: the
moderation log, reports and helpful marks point at it, and so stay true without naming
anyone. Posts either stay as "[deleted member]" or are removed ("[deleted]" in place,
so the replies below them keep their context). Every post status change goes through
the discussions services, so the thread and reply counters stay true.
"""

import secrets

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from forum.accounts.models import ClinicianApplication
from forum.discussions.models import Post, PostRevision, Status, Thread
from forum.discussions.services import delete_post
from forum.moderation.models import Report
from forum.notifications.models import Digest, EmailPreference, Follow, Notification

DELETED_TEXT = "[deleted]"
DELETED_HTML = "<p>[deleted]</p>"
DELETED_MEMBER = "[deleted member]"
EXPORT_FORMAT = "medius-member-data/1"


def export_member_data(*, member) -> dict:
    """Everything the member gave us or that is kept about them, ready for JSON.

    Other members' words appear only where the member's own record needs them (the
    titles of threads they wrote in or follow); other members' email addresses never.
    """
    revisions = PostRevision.objects.order_by("number").select_related("editor")
    posts = (
        Post.objects.filter(author=member)
        .select_related("thread")
        .prefetch_related(Prefetch("revisions", queryset=revisions))
        .order_by("created_at", "id")
    )
    follows = Follow.objects.filter(user=member).select_related("thread", "condition", "member")
    return {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now(),
        "site": settings.SITE_URL,
        "profile": {
            "username": member.username,
            "email": member.email,
            "display_name": member.display_name,
            "bio": member.bio,
            "date_joined": member.date_joined,
            "last_login": member.last_login,
            "clinician_profession": member.clinician_profession,
            "clinician_verified_at": member.clinician_verified_at,
            "suspended_until": member.suspended_until,
            "suspension_reason": member.suspension_reason,
            "conditions_you_answer": list(member.answers_for.values_list("name", flat=True)),
        },
        "email_addresses": list(
            EmailAddress.objects.filter(user=member)
            .order_by("pk")
            .values("email", "verified", "primary")
        ),
        # The kinds and dates only: the secrets themselves stay with us.
        "two_factor_authenticators": list(
            Authenticator.objects.filter(user=member)
            .order_by("pk")
            .values("type", "created_at", "last_used_at")
        ),
        "posts": [_post(post, member) for post in posts],
        "helpful_marks_given": [
            {"post": _url(Post(pk=post_id)), "created_at": created_at}
            for post_id, created_at in member.helpful_marks.order_by("created_at").values_list(
                "post_id", "created_at"
            )
        ],
        "reports_made": [
            {
                "post": _url(Post(pk=report.post_id)),
                "reason": report.reason,
                "details": report.details,
                "created_at": report.created_at,
                "resolved_at": report.resolved_at,
                "resolution": report.resolution,
            }
            for report in member.reports_made.order_by("created_at")
        ],
        "follows": [_follow(follow) for follow in follows.order_by("created_at", "pk")],
        "notifications": list(
            Notification.objects.filter(recipient=member)
            .order_by("created_at", "pk")
            .values("kind", "text", "created_at", "read_at", "emailed_at")
        ),
        "email_preferences": {
            kind: frequency
            for kind, frequency in EmailPreference.objects.filter(user=member)
            .order_by("kind")
            .values_list("kind", "frequency")
        },
        "clinician_applications": list(
            ClinicianApplication.objects.filter(user=member)
            .order_by("created_at")
            .values(
                "profession",
                "registration_body",
                "registration_number",
                "country",
                "verification_url",
                "status",
                "created_at",
                "decided_at",
                "decision_note",
            )
        ),
    }


def _url(obj) -> str:
    return settings.SITE_URL + obj.get_absolute_url()


def _post(post: Post, member) -> dict:
    thread = post.thread
    data = {
        "url": _url(post),
        "thread": {"title": thread.title, "kind": thread.kind, "url": _url(thread)},
        "is_opening_post": post.is_opening,
        "status": post.status,
        "moderation_reason": post.moderation_reason,
        "created_at": post.created_at,
        "edited_at": post.edited_at,
        "body": post.body,
        "revisions": [
            {
                "number": revision.number,
                "title": revision.title,
                "body": revision.body,
                "created_at": revision.created_at,
                "edited_by_you": revision.editor_id == member.pk,
            }
            for revision in post.revisions.all()
        ],
    }
    if post.is_opening:
        data["thread"] |= {
            "published_at": thread.published_at,
            "summary": thread.summary,
            "side": thread.side,
            "duration": thread.duration,
            "activity": thread.activity,
            "aggravating": thread.aggravating,
            "treatments_tried": thread.treatments_tried,
        }
    return data


def _follow(follow: Follow) -> dict:
    if follow.thread_id:
        target = {"thread": follow.thread.title, "url": _url(follow.thread)}
    elif follow.condition_id:
        target = {"condition": follow.condition.name, "url": _url(follow.condition)}
    else:
        target = {"member": follow.member.username, "url": _url(follow.member)}
    return target | {"muted": follow.muted, "created_at": follow.created_at}


@transaction.atomic
def delete_member(*, member, keep_posts: bool):
    """Delete the member's account and personal data; returns the emptied user.

    ``keep_posts``: their posts stay, signed "[deleted member]". Otherwise each post's
    text (and history) is replaced by "[deleted]". Drafts never stay. Reports they made
    and replies they marked helpful stay, attached to the emptied account; the
    moderation log is append-only and holds ids and usernames, never an email address.
    """
    User = get_user_model()
    User.objects.select_for_update().filter(pk=member.pk).first()  # no post slips in meanwhile
    names = sorted({member.username, member.display_name} - {""}, key=len, reverse=True)
    emails = {
        member.email,
        *EmailAddress.objects.filter(user=member).values_list("email", flat=True),
    }

    own_posts = Post.objects.filter(author=member)
    removing = own_posts if not keep_posts else own_posts.filter(thread__published_at__isnull=True)
    _remove_posts(ids=list(removing.values_list("pk", flat=True)), actor=member)

    # Other members' notifications begin with the name of whoever acted.
    for notification in Notification.objects.filter(actor=member).exclude(recipient=member):
        notification.text = _without_name(notification.text, names)
        notification.actor = None
        notification.save(update_fields=["text", "actor"])

    own_posts.update(author=None)
    Thread.objects.filter(author=member).update(author=None)
    Thread.objects.filter(reviewed_by=member).update(reviewed_by=None)
    PostRevision.objects.filter(editor=member).update(editor=None)
    Notification.objects.filter(recipient=member).delete()
    Follow.objects.filter(Q(user=member) | Q(member=member)).delete()
    EmailPreference.objects.filter(user=member).delete()
    Digest.objects.filter(user=member).delete()
    ClinicianApplication.objects.filter(user=member).delete()
    member.answers_for.clear()
    EmailAddress.objects.filter(user=member).delete()
    Authenticator.objects.filter(user=member).delete()
    _delete_sessions(member, emails=emails - {""})

    member.username = f"deleted-{secrets.token_hex(8)}"  # "-" is refused at sign-up
    AdminLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(member.pk)
    ).update(object_repr=member.username)
    member.email = member.display_name = member.bio = ""
    member.clinician_profession = member.suspension_reason = ""
    member.clinician_verified_at = member.last_login = None
    member.is_active = member.is_staff = member.is_superuser = False
    member.unread_notifications = 0
    member.set_unusable_password()
    member.save()
    member.groups.clear()
    member.user_permissions.clear()
    return member


def _remove_posts(*, ids: list[int], actor) -> None:
    """Replace the posts' text by "[deleted]", through the services that keep counters true."""
    if not ids:
        return
    posts = Post.objects.filter(pk__in=ids)
    for post in posts.exclude(status=Status.DELETED).select_related("thread").order_by("-depth"):
        delete_post(post=post, actor=actor)
    posts.update(body=DELETED_TEXT, html=DELETED_HTML, red_flag="")
    PostRevision.objects.filter(post__in=ids).delete()
    Report.objects.filter(post__in=ids).update(snapshot=DELETED_TEXT)
    threads = Thread.objects.filter(opening_post__in=ids)
    titles = dict(threads.values_list("pk", "title"))
    threads.update(
        title=DELETED_TEXT,
        slug="deleted",
        summary="",
        side="",
        duration="",
        activity="",
        aggravating="",
        treatments_tried="",
    )
    # Notifications about those threads quote their titles.
    for notification in Notification.objects.filter(thread__in=list(titles)):
        notification.text = _without_title(notification.text, titles[notification.thread_id])
        notification.save(update_fields=["text"])


def _without_name(text: str, names: list[str]) -> str:
    for name in names:
        if text.startswith(name):
            return DELETED_MEMBER + text[len(name) :]
    return text


def _without_title(text: str, title: str) -> str:
    quoted = f"“{title}”"
    if quoted in text:
        return text.replace(quoted, f"“{DELETED_TEXT}”")
    start = text.rfind("“")  # a title cut short when the text was truncated
    if start != -1 and title.startswith(text[start + 1 :].rstrip("…")):
        return text[:start] + f"“{DELETED_TEXT}”"
    return text


def _delete_sessions(member, *, emails: set[str]) -> None:
    """Sessions logged in as the member, and any (a sign-in half done) holding their email.

    The user id lives inside each session's encoded data, so every session is decoded.
    """
    user_id = str(member.pk)
    doomed = []
    for session in Session.objects.iterator():
        data = session.get_decoded()
        if data.get(SESSION_KEY) == user_id or any(email in str(data) for email in emails):
            doomed.append(session.pk)
    Session.objects.filter(pk__in=doomed).delete()

"""Pages of a reply tree: one range scan over ``(thread, path)``, shaped for a flat template loop.

A page holds up to ``PAGE_SIZE`` replies and ends at the end of a top-level branch
when it can, so branches are not split. The next page starts at the first reply
not shown (keyset, never OFFSET). Replies deeper than ``PAGE_DEPTH`` below the
page's root are left to "continue this thread" pages.

Dates are formatted here once per reply, because the template's ``|date`` filter
costs more than the rest of a reply's markup.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db.models import F, Subquery
from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from forum.core.dates import html_datetime

from .models import ANONYMOUS_NAME, PATH_STEP, Post, Status
from .permissions import is_moderator

PAGE_SIZE = 100
PAGE_DEPTH = 5
REPLY_FIELDS = {
    "id": "id", "parent_id": "parent_id", "author_id": "author_id", "html": "html",
    "status": "status", "depth": "depth", "path": "path", "created_at": "created_at",
    "edited_at": "edited_at", "helpful_count": "helpful_count", "child_count": "child_count",
    "moderation_reason": "moderation_reason", "is_anonymous": "is_anonymous",
    "content_note": "content_note",
    "author_username": "author__username", "author_display_name": "author__display_name",
    "author_clinician": "author__clinician_verified_at",
}  # fmt: skip


def _prefix(name: str, placeholder: str) -> str:
    """The part of a URL before its last argument, so a loop can append ids cheaply."""
    url = reverse(name, args=[placeholder])
    return url[: url.rindex(placeholder)]


@dataclass
class ReplyPage:
    replies: list
    next_start: int | None = None
    started_mid_thread: bool = False
    closing: range = field(default_factory=lambda: range(0))
    url_prefix: str = field(default_factory=lambda: _prefix("discussions:permalink", "0"))
    profile_prefix: str = field(default_factory=lambda: _prefix("discussions:profile", "x"))


def _label(moment) -> tuple[str, str]:
    return html_datetime(moment), moment.strftime("%-d %b %Y, %H:%M")


def reply_rows(queryset):
    """Rows as light objects rather than model instances: building 4,000 model objects
    (posts and their authors) was a third of the cost of a 2,000-reply page."""
    fields = {alias: F(path) for alias, path in REPLY_FIELDS.items() if alias != path}
    plain = [name for name, path in REPLY_FIELDS.items() if name == path]
    return queryset.order_by("path").values(*plain, **fields)


def reply_page(*, root: Post, viewer, start: int | None = None, whole: bool = False) -> ReplyPage:
    """The replies under ``root`` (usually a thread's opening post), one page at a time.

    ``start`` is the id of the first reply to show; ``whole`` returns the whole
    tree at every depth on one page.
    """
    qs = reply_rows(
        Post.objects.filter(
            thread_id=root.thread_id, path__startswith=root.path, depth__gt=root.depth
        )
    )
    if not whole:
        qs = qs.filter(depth__lte=root.depth + PAGE_DEPTH)
    if start is not None:
        first_path = Post.objects.filter(pk=start, thread_id=root.thread_id).values("path")
        qs = qs.filter(path__gte=Subquery(first_path))
    if whole:
        rows = withhold([SimpleNamespace(**row) for row in qs], viewer)
        return shape(rows, root=root, whole=True)
    rows = withhold([SimpleNamespace(**row) for row in qs[: PAGE_SIZE + 1]], viewer)
    next_start = None
    if len(rows) > PAGE_SIZE:
        top = root.depth + 1
        cut = max((i for i in range(1, PAGE_SIZE + 1) if rows[i].depth == top), default=PAGE_SIZE)
        next_start = rows[cut].id
        rows = rows[:cut]
    page = shape(rows, root=root, whole=False)
    page.next_start = next_start
    page.started_mid_thread = start is not None
    return page


def mask_anonymous(rows: list, viewer_id: int | None) -> list:
    """Anonymous replies lose every trace of their author, but for the author themselves
    (who keeps their Edit and Delete links). Moderators see "Anonymous member" here too:
    they look the author up in the admin, where the look is logged."""
    for row in rows:
        if row.is_anonymous:
            if row.author_id != viewer_id or viewer_id is None:
                row.author_id = None
            row.author_username = row.author_display_name = None
            row.author_clinician = None
    return rows


def withhold(rows: list, viewer) -> list:
    """Drop the held and hidden replies this viewer may not see, and mask anonymous authors.

    One that has replies the viewer may see stays as a bare placeholder, so those
    replies keep their place in the tree instead of seeming to answer a sibling.
    """
    viewer_id = viewer.pk if viewer.is_authenticated else None
    rows = mask_anonymous(rows, viewer_id)
    if is_moderator(viewer):
        return rows
    withheld = {Status.HELD, Status.HIDDEN}

    def may_see(row):
        return row.status not in withheld or (viewer_id is not None and row.author_id == viewer_id)

    needed = set()
    for row in rows:
        if may_see(row):
            steps = range(0, len(row.path) - PATH_STEP, PATH_STEP)
            needed.update(int(row.path[i : i + PATH_STEP], 36) for i in steps)
    kept = []
    for row in rows:
        if may_see(row):
            kept.append(row)
        elif row.id in needed:
            row.status = "withheld"
            row.html = row.moderation_reason = ""
            row.author_id = row.author_username = row.author_display_name = None
            row.author_clinician = None
            kept.append(row)
    return kept


def shape(rows: list, *, root, whole: bool) -> ReplyPage:
    """Annotate rows for a flat loop that still emits nested ``<ol>`` markup.

    Each reply gets ``opens`` (start a nested list inside the previous reply),
    ``closes`` (lists to close before it) and ``close_item`` (end the previous
    reply's ``<li>``), plus pre-formatted dates and its parent's author for the
    "in reply to" link.
    """
    by_id = {}
    base = min((r.depth for r in rows), default=root.depth + 1)
    prev_depth = None
    for row in rows:
        row.level = row.depth - base
        if prev_depth is None:
            row.opens = False
            row.lead_in = range(row.depth - base)
            row.closes = range(0)
            row.close_item = False
        else:
            row.opens = row.depth > prev_depth
            row.lead_in = range(0)
            row.closes = range(max(prev_depth - row.depth, 0))
            row.close_item = not row.opens
        prev_depth = row.depth
        row.created_iso, row.created_label = _label(row.created_at)
        row.is_deleted = row.status in {Status.DELETED, "withheld"}
        row.is_held = row.status == Status.HELD
        row.is_hidden = row.status == Status.HIDDEN
        if row.is_deleted:
            row.author_name = "[deleted]" if row.status == Status.DELETED else "[not available]"
        elif row.is_anonymous:
            row.author_name = ANONYMOUS_NAME
        elif row.author_id:
            row.author_name = row.author_display_name or row.author_username
        else:
            row.author_name = "[deleted member]"
        parent = by_id.get(row.parent_id)
        row.in_reply_to = parent.author_name if parent is not None else None
        row.is_top = row.parent_id == root.id
        row.continues = not whole and row.depth - root.depth == PAGE_DEPTH and row.child_count > 0
        by_id[row.id] = row
    closing = range(0)
    if rows:
        closing = range(rows[-1].depth - base)
    return ReplyPage(replies=rows, closing=closing)


def render_tree(*, page: ReplyPage, thread, helpful: set, can_reply: bool, can_accept: bool,
                can_report: bool, user_id, fold_notes: bool = True) -> SafeString:  # fmt: skip
    """The page's replies as nested lists, rendered by the Jinja2 engine.

    Jinja2 escapes every value as Django's engine does; the only raw value is each
    post's stored HTML, sanitised when it was written.
    """
    template = get_template("discussions/reply_tree.html", using="jinja2")
    html = template.render(
        {
            "page": page,
            "thread": thread,
            "helpful": helpful,
            "can_reply": can_reply,
            "can_accept": can_accept,
            "can_report": can_report,
            "user_id": user_id,
            "fold_notes": fold_notes,
        }
    )
    return mark_safe(html)  # noqa: S308 (autoescaped by Jinja2, see above)


def locate_reply(post: Post, viewer) -> str:
    """The URL of the page and anchor where ``viewer`` finds ``post`` in its thread.

    Replies deeper than ``PAGE_DEPTH`` live on the "continue this thread" page of their
    ancestor at that depth; others on the thread's first page, or on the page that
    starts with their top-level branch (or with themselves, in a very long branch).
    """
    thread = post.thread
    if post.is_opening:
        return thread.get_absolute_url()
    ancestors = post.ancestor_ids()
    anchor = f"#r-{post.pk}"
    if post.depth > PAGE_DEPTH:
        branch_root = ancestors[(post.depth - 1) // PAGE_DEPTH * PAGE_DEPTH]
        return reverse("discussions:subthread", args=[branch_root]) + anchor
    top_level = ancestors[1] if len(ancestors) > 1 else post.pk
    first_page = reply_page(root=thread.opening_post, viewer=viewer)
    if any(r.id == post.pk for r in first_page.replies):
        return thread.get_absolute_url() + anchor
    branch = reply_page(root=thread.opening_post, viewer=viewer, start=top_level)
    start = top_level if any(r.id == post.pk for r in branch.replies) else post.pk
    return f"{thread.get_absolute_url()}?from={start}{anchor}"

"""Pages of a reply tree: one range scan over ``(thread, path)``, shaped for a flat template loop.

A page holds up to ``PAGE_SIZE`` replies and ends at the end of a top-level branch
when it can, so branches are not split. The next page starts at the first reply
not shown (keyset, never OFFSET). Replies deeper than ``PAGE_DEPTH`` below the
page's root are left to "continue this thread" pages, whose link counts every
reply below (one grouped query for the page).

Oldest first is the path order itself. Best first and newest first sort siblings at
every depth, so a branch stays together under its first reply: one light query reads
the shape of the tree down to the page's last depth (ids, paths, and for each reply at
that depth a count of the replies below it), the order and the page are worked out
here, and a second query reads the page's replies in full. Both pages cost the same
whatever the thread's size.

Dates are formatted here once per reply, because the template's ``|date`` filter
costs more than the rest of a reply's markup.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Count, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat, Substr
from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from forum.accounts.models import ReplyOrder, User
from forum.core.dates import html_datetime

from .models import ANONYMOUS_NAME, PATH_CEILING, PATH_STEP, Post, Status, Thread
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
    replies: list[Any]  # SimpleNamespace rows that ``shape`` annotates for the template
    next_start: int | None = None
    started_mid_thread: bool = False
    closing: range = field(default_factory=lambda: range(0))
    url_prefix: str = field(default_factory=lambda: _prefix("discussions:permalink", "0"))
    profile_prefix: str = field(default_factory=lambda: _prefix("discussions:profile", "x"))


def _label(moment: datetime) -> tuple[str, str]:
    return html_datetime(moment), moment.strftime("%-d %b %Y, %H:%M")


def reply_rows(queryset: QuerySet[Post]) -> QuerySet[Post, dict[str, Any]]:
    """Rows as light objects rather than model instances: building 4,000 model objects
    (posts and their authors) was a third of the cost of a 2,000-reply page."""
    fields = {alias: F(path) for alias, path in REPLY_FIELDS.items() if alias != path}
    plain = [name for name, path in REPLY_FIELDS.items() if name == path]
    rows: QuerySet[Post, dict[str, Any]] = queryset.order_by("path").values(*plain, **fields)
    return rows


LIGHT_FIELDS = (
    "id",
    "parent_id",
    "author_id",
    "status",
    "depth",
    "path",
    "helpful_count",
    "is_anonymous",
)


BLANKED_FIELDS = (
    "html",
    "moderation_reason",
    "author_username",
    "author_display_name",
    "author_clinician",
)


class _Light:
    """A reply's place in the tree, without its text: what ordering and paging need."""

    __slots__ = (*LIGHT_FIELDS, *BLANKED_FIELDS)

    def __init__(  # one argument a column, in LIGHT_FIELDS order
        self, id: int, parent_id: int, author_id: int | None, status: str, depth: int,
        path: str, helpful_count: int, is_anonymous: bool,
    ) -> None:  # fmt: skip
        self.id, self.parent_id, self.author_id, self.status = id, parent_id, author_id, status
        self.depth, self.path, self.helpful_count = depth, path, helpful_count
        self.is_anonymous = is_anonymous


Viewer = User | AnonymousUser


def reply_order_for(*, thread: Thread, viewer: Viewer, requested: str | None = None) -> str:
    """The order to show: the one asked for in the URL, else the member's choice, else
    best first for questions and oldest first for articles."""
    if requested in ReplyOrder.values:
        return str(requested)
    if viewer.is_authenticated and viewer.reply_order:
        return str(viewer.reply_order)
    return ReplyOrder.BEST if thread.is_question else ReplyOrder.OLDEST


def reply_page(
    *,
    root: Post,
    viewer: Viewer,
    start: int | None = None,
    whole: bool = False,
    order: str = ReplyOrder.OLDEST,
    accepted_id: int | None = None,
) -> ReplyPage:
    """The replies under ``root`` (usually a thread's opening post), one page at a time.

    ``start`` is the id of the first reply to show; ``whole`` returns the whole
    tree at every depth on one page. ``order`` is a ``ReplyOrder``; best first puts the
    branch holding ``accepted_id`` (the thread's accepted answer) first at every depth.
    """
    below = Post.objects.filter(
        thread_id=root.thread_id, path__startswith=root.path, depth__gt=root.depth
    )
    if order != ReplyOrder.OLDEST:
        return _sorted_page(
            below,
            root=root,
            viewer=viewer,
            start=start,
            whole=whole,
            order=order,
            accepted_id=accepted_id,
        )
    qs = reply_rows(below)
    if not whole:
        qs = qs.filter(depth__lte=root.depth + PAGE_DEPTH)
    if start is not None:
        first_path = Post.objects.filter(pk=start, thread_id=root.thread_id).values("path")
        qs = qs.filter(path__gte=Subquery(first_path))
    if whole:
        rows = withhold([SimpleNamespace(**row) for row in qs], viewer)
        return shape(rows, root=root, whole=True)
    rows = withhold([SimpleNamespace(**row) for row in qs[: PAGE_SIZE + 1]], viewer)
    rows, next_start = _cut(rows, top=root.depth + 1)
    page = shape(rows, root=root, whole=False, below=_counts_below(rows, root=root, viewer=viewer))
    page.next_start = next_start
    page.started_mid_thread = start is not None
    return page


def _cut(rows: list[Any], *, top: int) -> tuple[list[Any], int | None]:
    """At most ``PAGE_SIZE`` rows, ending before a top-level reply when one is in reach."""
    if len(rows) <= PAGE_SIZE:
        return rows, None
    cut = max((i for i in range(1, PAGE_SIZE + 1) if rows[i].depth == top), default=PAGE_SIZE)
    return rows[:cut], rows[cut].id


def _counts_below(rows: list[Any], *, root: Post, viewer: Viewer) -> dict[int, int]:
    """For each reply at the page's last depth, how many replies the viewer may see
    anywhere below it: one grouped query over the page's stretch of paths."""
    last = root.depth + PAGE_DEPTH
    edge = [row for row in rows if row.depth == last and row.status != "withheld"]
    if not edge:
        return {}
    width = (last + 1) * PATH_STEP
    counted = (
        Post.objects.visible_to(viewer)
        .filter(thread_id=root.thread_id, depth__gt=last)
        .filter(path__gte=edge[0].path, path__lt=edge[-1].path + PATH_CEILING)
        .annotate(anchor=Substr("path", 1, width))
        .order_by()
        .values("anchor")
        .annotate(n=Count("id"))
    )
    return {int(item["anchor"][-PATH_STEP:], 36): item["n"] for item in counted}


def _sibling_key(order: str, chain: set[int]) -> Callable[[Any], Any]:
    if order == ReplyOrder.NEWEST:
        return lambda row: -row.id
    return lambda row: (row.id not in chain, -row.helpful_count, row.id)


def _chain(rows: list[Any], accepted_id: int | None) -> set[int]:
    """The accepted answer and its ancestors, read from its path among ``rows``."""
    for row in rows:
        if row.id == accepted_id:
            steps = range(0, len(row.path), PATH_STEP)
            return {int(row.path[i : i + PATH_STEP], 36) for i in steps}
    return set()


def _in_order(rows: list[Any], *, root: Post, order: str, chain: set[int]) -> list[Any]:
    """Rows in depth-first order with siblings sorted by ``order`` at every depth."""
    children: dict[int, list[Any]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    key = _sibling_key(order, chain)
    for siblings in children.values():
        siblings.sort(key=key)
    out: list[Any] = []
    stack = list(reversed(children.get(root.pk, [])))
    while stack:
        row = stack.pop()
        out.append(row)
        stack.extend(reversed(children.get(row.id, [])))
    return out


def _sorted_page(
    below: QuerySet[Post],
    *,
    root: Post,
    viewer: Viewer,
    start: int | None,
    whole: bool,
    order: str,
    accepted_id: int | None,
) -> ReplyPage:
    if whole:
        rows = withhold([SimpleNamespace(**row) for row in reply_rows(below)], viewer)
        chain = _chain(rows, accepted_id)
        ordered = _in_order(rows, root=root, order=order, chain=chain)
        return shape(ordered, root=root, whole=True)
    last = root.depth + PAGE_DEPTH
    light, counts = _light_shape(below, root=root, viewer=viewer, accepted_id=accepted_id)
    if light is None:
        light = withhold([_Light(*row) for row in below.values_list(*LIGHT_FIELDS)], viewer)
        counts = {}
        for row in light:
            if row.depth > last and row.status != "withheld":
                anchor = int(row.path[last * PATH_STEP : (last + 1) * PATH_STEP], 36)
                counts[anchor] = counts.get(anchor, 0) + 1
    shown = [row for row in light if row.depth <= last]
    ordered = _in_order(shown, root=root, order=order, chain=_chain(light, accepted_id))
    first = next((i for i, row in enumerate(ordered) if row.id == start), 0)
    rows, next_start = _cut(ordered[first : first + PAGE_SIZE + 1], top=root.depth + 1)
    withheld = {row.id for row in rows if row.status == "withheld"}
    in_full = reply_rows(Post.objects.filter(pk__in=[row.id for row in rows]))
    full = {row["id"]: SimpleNamespace(**row) for row in in_full}
    page_rows = []
    for row in rows:
        full_row = full[row.id]
        if row.id in withheld:
            _blank(full_row)
        page_rows.append(full_row)
    viewer_id = viewer.pk if viewer.is_authenticated else None
    page = shape(mask_anonymous(page_rows, viewer_id), root=root, whole=False, below=counts)
    page.next_start = next_start
    page.started_mid_thread = start is not None
    return page


def _light_shape(
    below: QuerySet[Post], *, root: Post, viewer: Viewer, accepted_id: int | None
) -> tuple[list[Any] | None, dict[int, int]]:
    """The tree's shape down to the page's last depth (and the accepted answer, for its
    chain), each reply at that depth with the number of replies the viewer may see below
    it: one query, whose rows do not grow with the branches deeper than a page shows.

    ``(None, {})`` when a held or hidden reply is within reach of a viewer who is not a
    moderator: whether it stays as a placeholder depends on the replies below it, so the
    caller reads the whole tree's shape instead.
    """
    last = root.depth + PAGE_DEPTH
    visible_below = (
        Post.objects.visible_to(viewer)
        .filter(thread_id=root.thread_id, depth__gt=last)
        .filter(path__gt=OuterRef("path"), path__lt=Concat(OuterRef("path"), Value(PATH_CEILING)))
        .order_by()
        .values("thread_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    reach = Q(depth__lte=last) | Q(pk=accepted_id) if accepted_id else Q(depth__lte=last)
    rows = (
        below.filter(reach)
        .annotate(more=Case(When(depth=last, then=Coalesce(Subquery(visible_below), 0)), default=0))
        .values_list(*LIGHT_FIELDS, "more")
    )
    light, counts = [], {}
    for *values, more in rows:
        row = _Light(*values)
        light.append(row)
        if more:
            counts[row.id] = more
    if not is_moderator(viewer) and any(r.status in (Status.HELD, Status.HIDDEN) for r in light):
        return None, {}
    viewer_id = viewer.pk if viewer.is_authenticated else None
    return mask_anonymous(light, viewer_id), counts


def mask_anonymous(rows: list[Any], viewer_id: int | None) -> list[Any]:
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


def withhold(rows: list[Any], viewer: Viewer) -> list[Any]:
    """Drop the held and hidden replies this viewer may not see, and mask anonymous authors.

    One that has replies the viewer may see stays as a bare placeholder, so those
    replies keep their place in the tree instead of seeming to answer a sibling.
    """
    viewer_id = viewer.pk if viewer.is_authenticated else None
    rows = mask_anonymous(rows, viewer_id)
    if is_moderator(viewer):
        return rows
    withheld = {Status.HELD, Status.HIDDEN}

    def may_see(row: Any) -> bool:
        return row.status not in withheld or (viewer_id is not None and row.author_id == viewer_id)

    unseen = {row.id for row in rows if not may_see(row)}
    if not unseen:
        return rows
    needed: set[int] = set()
    for row in rows:
        if may_see(row):
            steps = range(0, len(row.path) - PATH_STEP, PATH_STEP)
            needed.update(int(row.path[i : i + PATH_STEP], 36) for i in steps)
    kept = []
    for row in rows:
        if may_see(row):
            kept.append(row)
        elif row.id in needed:
            _blank(row)
            kept.append(row)
    return kept


def _blank(row: Any) -> None:
    """A withheld reply's placeholder: its place in the tree, nothing of its own."""
    row.status = "withheld"
    row.html = row.moderation_reason = ""
    row.author_id = row.author_username = row.author_display_name = None
    row.author_clinician = None


def shape(
    rows: list[Any], *, root: Post, whole: bool, below: dict[int, int] | None = None
) -> ReplyPage:
    """Annotate rows for a flat loop that still emits nested ``<ol>`` markup.

    Each reply gets ``opens`` (start a nested list inside the previous reply),
    ``closes`` (lists to close before it) and ``close_item`` (end the previous
    reply's ``<li>``), plus pre-formatted dates and its parent's author for the
    "in reply to" link. ``below`` counts the replies under each reply at the page's
    last depth, for its "Continue this thread (N more)" link.
    """
    below = below or {}
    by_id: dict[int, Any] = {}
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
        row.more = below.get(row.id, 0)
        row.continues = not whole and row.depth - root.depth == PAGE_DEPTH and row.more > 0
        by_id[row.id] = row
    closing = range(0)
    if rows:
        closing = range(rows[-1].depth - base)
    return ReplyPage(replies=rows, closing=closing)


def render_tree(*, page: ReplyPage, thread: Thread, helpful: set[int], can_reply: bool,
                can_accept: bool, can_report: bool, user_id: int | None,
                fold_notes: bool = True, tried: Mapping[int, SafeString] | None = None,
                can_record: bool = False) -> SafeString:  # fmt: skip
    """The page's replies as nested lists, rendered by the Jinja2 engine.

    Jinja2 escapes every value as Django's engine does; the only raw values are each
    post's stored HTML, sanitised when it was written, and ``tried``: the records shown
    with each reply, rendered by Django's engine (``views.threads.tried_by_post``).
    ``can_record``: the viewer may add "this is what I did" to their own replies.
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
            "tried": tried or {},
            "can_record": can_record,
        }
    )
    return mark_safe(html)  # noqa: S308 (autoescaped by Jinja2, see above)


def locate_reply(post: Post, viewer: Viewer) -> str:
    """The URL of the page and anchor where ``viewer`` finds ``post`` in its thread.

    Replies deeper than ``PAGE_DEPTH`` live on the "continue this thread" page of their
    ancestor at that depth; others on the thread's first page in the viewer's order, or
    else, oldest first, on the page that starts with their top-level branch (or with
    themselves, in a very long branch).
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
    opening = thread.opening_post
    if opening is None:
        raise ValueError("A thread always has its opening post.")
    order = reply_order_for(thread=thread, viewer=viewer)
    first_page = reply_page(
        root=opening, viewer=viewer, order=order, accepted_id=thread.accepted_post_id
    )
    if any(r.id == post.pk for r in first_page.replies):
        return thread.get_absolute_url() + anchor
    branch = reply_page(root=opening, viewer=viewer, start=top_level)
    start = top_level if any(r.id == post.pk for r in branch.replies) else post.pk
    explicit = "" if order == ReplyOrder.OLDEST else f"order={ReplyOrder.OLDEST}&"
    return f"{thread.get_absolute_url()}?{explicit}from={start}{anchor}"

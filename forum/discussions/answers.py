"""The answer comes first: what a question's page shows above its reply tree.

The accepted answer and the top replies are shown under the question whatever their
depth in the tree (they keep their place in the tree too); a long thread also gets
an outline: how many replies, how many by clinicians, and, for a returning member,
how many are new since their last visit.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.utils.html import strip_tags

from forum.accounts.models import User

from .models import ANONYMOUS_NAME, Post, Thread

OUTLINE_MIN_REPLIES = 20  # below this a thread reads in one glance and needs no outline
FULL_TEXT_CHARS = 600  # a longer answer is summarised, with a link to read it in place
SUMMARY_WORDS = 50


@dataclass
class AnswerPreview:
    """One reply as shown above the tree: in full when short, else its first words."""

    post: Post
    html: str
    summary: str
    is_summary: bool

    @property
    def author_name(self) -> str:
        if self.post.is_anonymous:
            return ANONYMOUS_NAME
        author = self.post.author
        return author.public_name if author is not None else "[deleted member]"

    @property
    def is_clinician(self) -> bool:
        author = self.post.author
        return not self.post.is_anonymous and author is not None and author.is_verified_clinician


def preview(post: Post) -> AnswerPreview:
    text = " ".join(strip_tags(post.html).split())
    if len(text) <= FULL_TEXT_CHARS:
        return AnswerPreview(post=post, html=post.html, summary=text, is_summary=False)
    words = text.split()
    summary = " ".join(words[:SUMMARY_WORDS]) + ("…" if len(words) > SUMMARY_WORDS else "")
    return AnswerPreview(post=post, html="", summary=summary, is_summary=True)


@dataclass
class Answers:
    accepted: AnswerPreview | None
    top: list[AnswerPreview]


def answers_for(thread: Thread) -> Answers:
    """The accepted answer (read with the thread) and the top replies (one query)."""
    if not thread.is_question:
        return Answers(accepted=None, top=[])
    accepted = thread.accepted_post
    shown = accepted if accepted is not None and accepted.status == "visible" else None
    top = [preview(post) for post in Post.objects.top_replies(thread)]
    return Answers(accepted=preview(shown) if shown is not None else None, top=top)


@dataclass
class Outline:
    replies: int
    clinician_replies: int
    new_replies: int = 0
    first_new_id: int | None = None


def outline_for(thread: Thread, viewer: User | AnonymousUser) -> Outline | None:
    """A long thread's outline (one query), or None for a short one.

    Read before the visit is recorded, so "new" means new since the previous visit.
    """
    if thread.reply_count < OUTLINE_MIN_REPLIES:
        return None
    counts = Post.objects.outline_counts(thread, viewer)
    return Outline(
        replies=counts["replies"] or 0,
        clinician_replies=counts["clinician_replies"] or 0,
        new_replies=counts.get("new_replies") or 0,
        first_new_id=counts.get("first_new_id"),
    )

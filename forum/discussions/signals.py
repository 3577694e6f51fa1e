"""Announcements for the apps above discussions (moderation, notifications, search).

Discussions never imports those apps; they listen here instead.
"""

from django.dispatch import Signal

# Sent after the posting transaction commits. Arguments: post.
post_published = Signal()

# Sent after a post's moderation status changes (held, visible, hidden, deleted) and the
# transaction commits. Arguments: post, old, new.
post_status_changed = Signal()

# Sent after commit when a member marks a reply helpful. Arguments: post, user.
helpful_marked = Signal()

# Sent after commit when a reply becomes the accepted answer. Arguments: thread, post, actor.
answer_accepted = Signal()

"""Announcements for the apps above discussions (moderation, notifications, search).

Discussions never imports those apps; they listen here instead.
"""

from django.dispatch import Signal

# Sent after the posting transaction commits. Arguments: post.
post_published = Signal()

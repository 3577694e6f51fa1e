from forum.discussions.models import Status

from . import services


def on_post_published(sender, post, **kwargs):
    services.fan_out_post(post=post)


def on_post_status_changed(sender, post, old, new, **kwargs):
    services.notify_moderation(post=post, old=old, new=new)
    if old == Status.HELD and new == Status.VISIBLE:
        services.fan_out_post(post=post)


def on_helpful_marked(sender, post, user, **kwargs):
    services.notify_helpful(post=post, marker=user)


def on_answer_accepted(sender, thread, post, actor, **kwargs):
    services.notify_accepted(thread=thread, post=post, actor=actor)

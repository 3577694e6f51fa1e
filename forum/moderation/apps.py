from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "forum.moderation"
    label = "moderation"

    def ready(self):
        from forum.discussions.signals import post_published

        from . import receivers

        post_published.connect(receivers.queue_red_flags, dispatch_uid="moderation-red-flags")

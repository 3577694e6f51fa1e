from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "forum.moderation"
    label = "moderation"

    def ready(self) -> None:
        from forum.discussions import signals

        from . import receivers

        signals.post_published.connect(receivers.on_post_published, dispatch_uid="trust-post")
        signals.helpful_marked.connect(receivers.on_helpful_marked, dispatch_uid="trust-helpful")

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "forum.notifications"
    label = "notifications"

    def ready(self) -> None:
        from forum.discussions import signals

        from . import receivers

        signals.post_published.connect(receivers.on_post_published, dispatch_uid="notify-post")
        signals.post_status_changed.connect(
            receivers.on_post_status_changed, dispatch_uid="notify-status"
        )
        signals.helpful_marked.connect(receivers.on_helpful_marked, dispatch_uid="notify-helpful")
        signals.answer_accepted.connect(
            receivers.on_answer_accepted, dispatch_uid="notify-accepted"
        )

from django.apps import AppConfig


class DiscussionsConfig(AppConfig):
    name = "forum.discussions"
    label = "discussions"

    def ready(self) -> None:
        from forum.treatments.signals import record_changed

        from .receivers import on_record_changed

        record_changed.connect(on_record_changed, dispatch_uid="discussions-record-pages")

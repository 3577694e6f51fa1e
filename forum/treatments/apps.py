from django.apps import AppConfig


class TreatmentsConfig(AppConfig):
    name = "forum.treatments"
    label = "treatments"

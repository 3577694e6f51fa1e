from django.apps import AppConfig


class ConditionsConfig(AppConfig):
    name = "forum.conditions"
    label = "conditions"

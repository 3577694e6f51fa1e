from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "forum.images"
    label = "images"

from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.index, name="index"),
    path("download/", views.download, name="download"),
    path("delete/", views.delete_account, name="delete"),
]

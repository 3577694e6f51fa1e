from django.urls import path

from . import views

app_name = "conditions"
urlpatterns = [
    path("", views.condition_index, name="index"),
    path("answering/", views.answering, name="answering"),
    path("<slug:slug>/", views.condition_detail, name="detail"),
    path("<slug:slug>/feed/", views.ConditionFeed(), name="feed"),
]

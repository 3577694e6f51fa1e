from django.urls import path

from . import views

app_name = "conditions"
urlpatterns = [path("answering/", views.answering, name="answering")]

from django.urls import path

from . import views

app_name = "conditions"
urlpatterns = [
    path("answering/", views.answering, name="answering"),
    path("<slug:slug>/review/", views.review_guide, name="review_guide"),
]

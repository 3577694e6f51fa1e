from django.urls import path

from . import views

app_name = "treatments"
urlpatterns = [
    path("", views.treatment_list, name="list"),
    path("mine/", views.my_records, name="mine"),
    path("record/", views.record, name="record"),
    path("record/<int:pk>/delete/", views.delete_record, name="delete"),
    path("follow-up/<int:pk>/", views.follow_up, name="follow_up"),
    path("answer/<str:token>/", views.answer, name="answer"),
]

from django.urls import path

from . import views

app_name = "moderation"
urlpatterns = [
    path("r/<int:pk>/report/", views.report, name="report"),
    path("threads/<int:pk>/duplicate/", views.close_duplicate, name="close_duplicate"),
    path("account/trust/", views.trust_level, name="trust"),
]

from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("account/profile/", views.profile_settings, name="settings"),
    path("account/clinician/", views.clinician, name="clinician"),
    path(
        "account/2fa/confirm/<str:token>/",
        views.confirm_second_factor,
        name="confirm_second_factor",
    ),
]

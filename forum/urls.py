from django.contrib import admin
from django.urls import include, path

from forum.core import views as core_views
from forum.discussions import views as discussion_views

admin.site.site_header = "Medius moderation"
admin.site.site_title = "Medius admin"
admin.site.index_title = "Moderator's desk"

urlpatterns = [
    path("", discussion_views.home, name="home"),
    path("help/", core_views.help_page, name="help"),
    path("healthz/", core_views.healthz, name="healthz"),
    path("conditions/", include("forum.conditions.urls")),
    path("", include("forum.discussions.urls")),
    path("account/", include("allauth.urls")),
    path("", include("forum.accounts.urls")),
    path("admin/", admin.site.urls),
]

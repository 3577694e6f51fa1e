from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from forum.core import views as core_views

admin.site.site_header = "Medius moderation"
admin.site.site_title = "Medius admin"
admin.site.index_title = "Moderator's desk"

urlpatterns = [
    path("", TemplateView.as_view(template_name="core/home.html"), name="home"),
    path("help/", core_views.help_page, name="help"),
    path("account/", include("allauth.urls")),
    path("", include("forum.accounts.urls")),
    path("admin/", admin.site.urls),
]

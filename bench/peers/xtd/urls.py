from articles import views
from django.urls import include, path

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article, name="article"),
    path("comments/", include("django_comments_xtd.urls")),
]

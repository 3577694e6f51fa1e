from django.urls import include, path

from articles import views

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article, name="article"),
    path("comments/", include("django_comments_xtd.urls")),
]

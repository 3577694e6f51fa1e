from django.urls import include, path


def broken_view(request):
    raise RuntimeError("boom: the traceback must never reach the visitor")


urlpatterns = [
    path("broken/", broken_view),
    path("", include("forum.urls")),
]

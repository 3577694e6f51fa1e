from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "core/help.html")


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe for load balancers; touches nothing but the request cycle."""
    return HttpResponse("ok", content_type="text/plain")

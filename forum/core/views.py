from django.http import HttpResponse
from django.shortcuts import render


def help_page(request):
    return render(request, "core/help.html")


def healthz(request):
    """Liveness probe for load balancers; touches nothing but the request cycle."""
    return HttpResponse("ok", content_type="text/plain")

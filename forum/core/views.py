import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control

# Never crawled, never kept by the service worker: a member's own pages.
PRIVATE_PREFIXES = ("/account/", "/notifications/", "/admin/")
# Kept by the service worker for the offline page to look right.
OFFLINE_FILES = ("vendor/pico/pico.jade.min.css", "css/site.css", "favicon.svg")
# How many of the threads a member read last stay readable offline.
OFFLINE_THREADS = 20


def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "core/help.html")


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe for load balancers; touches nothing but the request cycle."""
    return HttpResponse("ok", content_type="text/plain")


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Everything public may be crawled; the sitemap's address is absolute (SITE_URL)."""
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in PRIVATE_PREFIXES),
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _static_bytes(path: str) -> bytes:
    found = finders.find(path)
    if not found:
        raise Http404(path)
    return Path(found).read_bytes()


@cache_control(public=True, max_age=24 * 60 * 60)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says."""
    return HttpResponse(_static_bytes("brand/favicon.ico"), content_type="image/x-icon")


@cache_control(public=True, max_age=24 * 60 * 60)
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest: Medius on a phone's home screen."""
    icons = [
        {"src": static("brand/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("brand/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("brand/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    data = {
        "name": "Medius: hip and buttock pain, shared",
        "short_name": "Medius",
        "description": "Questions, answers and articles about outer-hip and buttock pain.",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#fbfaf7",
        "theme_color": "#00795a",
        "lang": "en",
        "icons": icons,
    }
    return JsonResponse(data, content_type="application/manifest+json")


@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """static/js/sw.js at the site's root, so its scope is the whole site.

    Its settings come first: the offline page and the (hashed) files it keeps. It is
    revalidated on every visit (``no-cache``), as browsers do for service workers anyway.
    """
    source = _static_bytes("js/sw.js")
    precache = [reverse("offline"), *(static(path) for path in OFFLINE_FILES)]
    config = {
        # A new version (new code, or new hashed file names after a deploy) makes the
        # browser install the worker again and drop the old caches.
        "version": hashlib.sha256(source + json.dumps(precache).encode()).hexdigest()[:12],
        "offline": reverse("offline"),
        "precache": precache,
        "keepThreads": OFFLINE_THREADS,
        "private": list(PRIVATE_PREFIXES),
    }
    script = f"self.MEDIUS = {json.dumps(config)};\n".encode() + source
    return HttpResponse(script, content_type="text/javascript; charset=utf-8")


def offline(request: HttpRequest) -> HttpResponse:
    """What the service worker shows when a page is asked for without a connection.

    Rendered as for a visitor: the worker keeps it, so it must carry nobody's name.
    """
    request.user = AnonymousUser()
    return render(request, "core/offline.html")

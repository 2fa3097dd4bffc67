"""The installable portal: its web app manifest, its service worker and the page shown offline.

No build step: the service worker is a template (it needs the static files' served names) and
the page scripts are plain ES modules in portal/static/portal/.
"""

import hashlib
import json
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from catalogue.photos import ORIGINAL_LONG_SIDE

THEME_COLOR = "#2f6b3a"
BACKGROUND_COLOR = "#fbfcf8"
#: What a phone keeps to open the portal without a connection (served names are looked up).
SHELL_STATIC = (
    "css/site.css",
    "css/showcase.css",
    "portal/portal.css",
    "portal/offline.js",
    "portal/outbox.js",
    "portal/photo-resize.js",
    "portal/upload.js",
    "portal/icons/icon-192.png",
    "img/favicon.svg",
)
#: Pages of a producer's own that are kept for reading offline (with /en/ for English).
OWN_PAGE_PREFIXES = ("/portal/", "/trace/diary/")


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest: what a phone needs to install the portal as an app."""
    icons = [
        {"src": static("portal/icons/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
        {"src": static("portal/icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
        {
            "src": static("portal/icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    body = {
        "id": "/portal/",
        "name": _("OCOP Market — producer portal"),
        "short_name": _("OCOP portal"),
        "description": _("Products, stock, orders and the production diary, also without a connection."),
        "lang": request.LANGUAGE_CODE,
        "start_url": reverse("portal:home"),
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": icons,
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/manifest+json; charset=utf-8"
    )
    response["Cache-Control"] = "no-cache"
    return response


@cache
def _shell_version() -> str:
    """Changes whenever a file of the shell does, so phones install the new service worker."""
    digest = hashlib.sha256()
    for name in SHELL_STATIC:
        path = finders.find(name)
        digest.update(name.encode())
        if path:
            with open(path, "rb") as shell_file:
                digest.update(shell_file.read())
    return digest.hexdigest()[:12]


@require_GET
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, at /portal/sw.js but allowed the whole site (the diary is under /trace/)."""
    languages = [code for code, _name in settings.LANGUAGES]
    offline_pages = [("" if code == settings.LANGUAGE_CODE else f"/{code}") + "/portal/offline/" for code in languages]
    own_prefixes = [
        ("" if code == settings.LANGUAGE_CODE else f"/{code}") + prefix
        for code in languages
        for prefix in OWN_PAGE_PREFIXES
    ]
    static_urls = [static(name) for name in SHELL_STATIC]
    # Modules import each other by their plain names; keep those too when the served names differ.
    plain_urls = [settings.STATIC_URL + name for name in SHELL_STATIC]
    static_urls += [url for url in plain_urls if url not in static_urls]
    context = {
        "config": json.dumps(
            {
                "version": _shell_version(),
                "shell": static_urls + offline_pages,
                "offlinePages": dict(zip(languages, offline_pages, strict=True)),
                "ownPrefixes": own_prefixes,
                "staticPrefix": settings.STATIC_URL,
            }
        ),
        "outbox_url": static("portal/outbox.js"),
    }
    response = render(request, "offline/sw.js", context, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline_page(request: HttpRequest) -> HttpResponse:
    """Shown by the service worker for a page that was never opened while online."""
    return render(request, "portal/offline.html", {"long_side": ORIGINAL_LONG_SIDE})

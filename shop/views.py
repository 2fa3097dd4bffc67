"""Site-wide plain views: robots.txt and /favicon.ico (the health answers are in shop/health.py)."""

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


def _language_prefixes() -> list[str]:
    """"" for the default language (no prefix), then "en/" and every other language's prefix."""
    return ["" if code == settings.LANGUAGE_CODE else f"{code}/" for code, _name in settings.LANGUAGES]


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    private = [
        f"/{prefix}shop/{part}/" for prefix in _language_prefixes() for part in ("basket", "checkout", "accounts")
    ]
    lines = [
        "User-agent: *",
        *(f"Disallow: /{prefix}dashboard/" for prefix in _language_prefixes()),
        "Disallow: /cms-admin/",
        *(f"Disallow: {path}" for path in private),
        f"Sitemap: {settings.SITE_URL.rstrip('/')}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@transaction.non_atomic_requests
@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and link previews ask for /favicon.ico whatever the page declares."""
    return HttpResponsePermanentRedirect(staticfiles_storage.url("img/favicon.ico"))

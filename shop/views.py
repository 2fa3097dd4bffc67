"""Site-wide plain views: robots.txt (the health answers are in shop/health.py)."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /dashboard/",
        "Disallow: /cms-admin/",
        "Disallow: /shop/basket/",
        "Disallow: /shop/checkout/",
        "Disallow: /shop/accounts/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")

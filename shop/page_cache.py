"""Whole-page cache for anonymous visitors of the public catalogue and showcase pages.

Most traffic is people reading about tea before they have a basket or an account: their pages
are the same for everyone, so they are served from the cache without touching the database.
A visitor with a session, a basket, or a pending message always gets a freshly rendered page.
Only responses a view marks with ``cache_for_everyone`` are stored: showcase pages and the
catalogue, never anything about a person or an order.

Every cached page is stamped with the site's content version; any change to products, stock,
prices, photos, categories, producers or published pages moves the version on, so stale pages
are never served (and expire after PAGE_CACHE_SECONDS in any case). CSRF tokens are not cached:
each visitor's own token is written into the forms of the page on the way out.
"""

import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

VERSION_KEY = "page-cache:version"
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
#: Cookies that make a page personal: a session (login, checkout), a basket, flash messages.
PERSONAL_COOKIES = ("sessionid", "messages", "oscar_open_basket")
#: Cookies the response may set without making the page personal.
HARMLESS_COOKIES = {"csrftoken", "oscar_history"}


def content_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def bump_content_version(**_signal_kwargs) -> None:
    """Invalidate every cached page; connected to the saves that change what pages show."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def cache_for_everyone(response: HttpResponse) -> HttpResponse:
    """Mark a response as the same for every anonymous visitor, so the middleware may store it."""
    response.page_cache = True
    return response


def _is_cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or settings.PAGE_CACHE_SECONDS <= 0:
        return False
    return not any(name in request.COOKIES for name in PERSONAL_COOKIES)


def _is_cacheable_response(response: HttpResponse) -> bool:
    return (
        getattr(response, "page_cache", False)
        and response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and "private" not in response.get("Cache-Control", "")
        and "no-cache" not in response.get("Cache-Control", "")
        and set(response.cookies) <= HARMLESS_COOKIES
    )


class AnonymousPageCacheMiddleware:
    """Serve and store whole pages for anonymous visitors (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _is_cacheable_request(request):
            return self.get_response(request)
        key = f"page-cache:{content_version()}:{request.get_full_path()}"
        if (cached := cache.get(key)) is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not _is_cacheable_response(response):
                return response
            cache.set(key, (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        token = get_token(request).encode()
        response.content = CSRF_FIELD.sub(rb"\g<1>" + token + rb"\g<2>", response.content)
        response["Cache-Control"] = "private, max-age=0"
        return response

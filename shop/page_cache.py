"""Whole-page cache for anonymous visitors of the public catalogue and showcase pages.

Most traffic is people reading about tea before they have a basket or an account: their pages
are the same for everyone, so they are served from the shared cache (Redis when REDIS_URL is
set) without touching the database. A visitor with a session, a basket, or a pending message
always gets a freshly rendered page. Only responses a view marks with ``cache_for_everyone``
are stored: showcase pages and the catalogue, never anything about a person or an order.

What a page depends on is recorded with it as *tags*, each with a version kept in the cache:
``site`` (every page), ``listings`` (pages that list products: home, catalogue, categories,
stories) and ``product:<id>`` for every product (or its stock record) loaded while the page
was rendered. A change moves on only the versions it touches, at once and again when its
transaction commits: a stock or price change refreshes that product's page and the lists that
show it, a new or recategorised product the listings, a published Wagtail page, a producer or a
certificate the whole site. A cached page whose tag versions have moved on is simply rendered
again. The same versions key the pieces cached for visitors the page cache cannot serve
(``product_versions``, ``content_version``): product cards, listings' ids, the product page's
fragments, Wagtail's routes, the site menu and search results.

The key holds the scheme, the host, the path and the known query parameters with valid values
(``KNOWN_QUERY``); everything else in a query string (tracking tags, random strings) is ignored,
so a flood of query strings cannot fill the cache. Pages larger than PAGE_CACHE_MAX_BYTES are
not stored. CSRF tokens are not cached: each visitor's own token is written into the forms of
the page on the way out, so a page with a form stays ``private``; one without any is marked
``public`` with ``s-maxage`` for a CDN, which Wagtail's frontend cache app purges when the
FRONTEND_CACHE_* settings configure one.
"""

import contextvars
import hashlib
import logging
import re
import time
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
#: Stands in a stored page for the nonce of the request that rendered it (see _personalise).
NONCE_PLACEHOLDER = b"csp-nonce-of-the-request"
#: Cookies that make a page personal: a session (login, checkout), a basket, flash messages.
PERSONAL_COOKIES = ("sessionid", "messages", "oscar_open_basket")
#: Cookies the response may set without making the page personal.
HARMLESS_COOKIES = {"csrftoken", "oscar_history"}
SITE, LISTINGS = "site", "listings"
#: Query parameters that change what a cached page shows, each with the values it may take.
KNOWN_QUERY = {
    "page": re.compile(r"[1-9][0-9]{0,4}"),
    "sort": re.compile(r"relevance|newest|title"),
    "stars": re.compile(r"[345]"),
    "tag": re.compile(r"[\w-]{1,40}"),
}
#: Browsers may keep a public page this long; shared caches (a CDN) keep it PAGE_CACHE_SECONDS.
BROWSER_MAX_AGE = 60

#: The tags of the page being rendered in this request (None outside a cacheable request).
_collecting: contextvars.ContextVar[set | None] = contextvars.ContextVar("page_cache_tags", default=None)


def product_tag(product_id) -> str:
    return f"product:{product_id}"


def _tag_key(tag: str) -> str:
    return f"page-cache:tag:{tag}"


def note_product_loaded(*, product_id) -> None:
    """Record that the page being rendered shows this product (connected to model loads)."""
    tags = _collecting.get()
    if tags is not None and product_id is not None:
        tags.add(product_tag(product_id))


def bump_tags(tags: Iterable[str]) -> None:
    """Make stale every cached page and piece that depends on any of ``tags``: at once, so that
    the rest of this transaction reads what it changed, and again once it commits, so that what
    another process cached from the state before the commit is dropped too."""
    tags = sorted(set(tags))

    def bump() -> None:
        stamp = time.time_ns()
        cache.set_many({_tag_key(tag): stamp for tag in tags}, timeout=None)

    def bump_and_purge() -> None:
        bump()
        purge_frontend_cache(tags)

    if transaction.get_connection().in_atomic_block:
        bump()
    transaction.on_commit(bump_and_purge, robust=True)


def product_versions(product_ids: Iterable[int]) -> dict[int, str]:
    """The version of each product (it moves on with the product, its stock, photos and
    attributes) combined with the site's: a key for what is cached of one product, one cache read."""
    product_ids = list(product_ids)
    versions = _current_versions([SITE, *(product_tag(pk) for pk in product_ids)])
    return {pk: f"{versions[SITE]}-{versions[product_tag(pk)]}" for pk in product_ids}


def content_version(*tags: str) -> str:
    """A string that moves on whenever any of ``tags`` does (by default the whole site and its
    listings): the key prefix of the caches built from what pages show (site menu, search results)."""
    versions = _current_versions(tags or (SITE, LISTINGS))
    return "-".join(str(versions[tag]) for tag in sorted(versions))


def bump_content_version(**_signal_kwargs) -> None:
    """Invalidate every cached page (after the transaction commits)."""
    bump_tags([SITE])


def purge_frontend_cache(tags: list[str]) -> None:
    """Ask the CDN (Wagtail's frontend cache app, when configured) to drop the changed products' pages."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from oscar.core.loading import get_model
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    ids = [tag.removeprefix("product:") for tag in tags if tag.startswith("product:")]
    products = get_model("catalogue", "Product").objects.filter(pk__in=ids)
    base = settings.SITE_URL.rstrip("/")
    urls = [base + product.get_absolute_url() for product in products]
    urls += [base + "/en" + product.get_absolute_url() for product in products]
    if urls:
        purge_urls_from_cache(urls)


def cache_for_everyone(response: HttpResponse, *, lists_products: bool = True) -> HttpResponse:
    """Mark a response as the same for every anonymous visitor, so the middleware may store it.

    ``lists_products=False`` for a page about one product: it does not change when products
    are added to or removed from the catalogue.
    """
    response.page_cache = True
    response.page_cache_lists = lists_products
    return response


def site_address(request: HttpRequest) -> str:
    """Scheme and host the request came to: what every cached piece of a page varies on, since
    each host is its own Wagtail site. The raw host (what ``get_host`` returns once validated), so
    that an error page answering a disallowed host can still render its frame."""
    return f"{request.scheme}://{request._get_raw_host()}"


def page_key(request: HttpRequest) -> str:
    """Scheme, host, path and the known query parameters (valid values only), as one cache key."""
    kept = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name in KNOWN_QUERY
        for value in values[:1]
        if KNOWN_QUERY[name].fullmatch(value)
    )
    query = "&".join(f"{name}={value}" for name, value in kept)
    address = f"{site_address(request)}{request.path}?{query}"
    return "page-cache:page:" + hashlib.sha256(address.encode()).hexdigest()


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
        and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
    )


def _without_nonce(request: HttpRequest, content: bytes) -> bytes:
    """The page with the rendering request's script nonce replaced by a placeholder."""
    nonce = getattr(request, "_csp_nonce", None)
    if not isinstance(nonce, str):
        return content
    return content.replace(f'nonce="{nonce}"'.encode(), b'nonce="' + NONCE_PLACEHOLDER + b'"')


def _current_versions(tags: Iterable[str]) -> dict[str, int]:
    """The version of each tag, starting the ones the cache does not hold yet."""
    tags = list(tags)
    found = {key.removeprefix("page-cache:tag:"): value for key, value in cache.get_many(
        [_tag_key(tag) for tag in tags]
    ).items()}
    missing = {tag: time.time_ns() for tag in tags if tag not in found}
    for tag, stamp in missing.items():
        cache.add(_tag_key(tag), stamp, timeout=None)
    return {**found, **missing}


def _fresh(entry) -> HttpResponse | None:
    content, content_type, versions = entry
    current = cache.get_many([_tag_key(tag) for tag in versions])
    if any(current.get(_tag_key(tag)) != version for tag, version in versions.items()):
        return None
    return HttpResponse(content, content_type=content_type)


class AnonymousPageCacheMiddleware:
    """Serve and store whole pages for anonymous visitors (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _is_cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        entry = cache.get(key)
        response = _fresh(entry) if entry is not None else None
        if response is not None:
            response["X-Page-Cache"] = "hit"
        else:
            tags = set()
            token = _collecting.set(tags)
            try:
                response = self.get_response(request)
            finally:
                _collecting.reset(token)
            if not _is_cacheable_response(response):
                return response
            tags.add(SITE)
            if getattr(response, "page_cache_lists", True):
                tags.add(LISTINGS)
            versions = _current_versions(tags)
            cache.set(key, (_without_nonce(request, response.content), response["Content-Type"], versions),
                      settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        self._personalise(request, response)
        return response

    @staticmethod
    def _personalise(request: HttpRequest, response: HttpResponse) -> None:
        """Write the visitor's CSRF token into the page's forms and this request's nonce into its
        scripts (the Content-Security-Policy header names it); say who may keep the page."""
        if NONCE_PLACEHOLDER in response.content:
            response.content = response.content.replace(NONCE_PLACEHOLDER, str(request.csp_nonce).encode())
        if CSRF_FIELD.search(response.content) or "csrftoken" in response.cookies:
            token = get_token(request).encode()
            response.content = CSRF_FIELD.sub(rb"\g<1>" + token + rb"\g<2>", response.content)
            response["Cache-Control"] = "private, max-age=0"
            return
        response["Cache-Control"] = f"public, max-age={BROWSER_MAX_AGE}, s-maxage={settings.PAGE_CACHE_SECONDS}"
        patch_vary_headers(response, ["Cookie", "Accept-Language"])

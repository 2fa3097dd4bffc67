"""Wagtail's routing of a request to its page, kept between requests.

For every request Wagtail finds the site of the host (a query) and walks the page tree from the
site's root down the path (a query per level, then the page's own); it keeps both on the request
(``request._wagtail_site``, ``request._wagtail_route_for_request``) for the rest of that request.
Here both are also kept in the shared cache under the site's content version, which every
publish, unpublish, move or deletion of a page and every site change moves on, so a page served
before is found without a query. View restrictions are still checked on every request (by
Wagtail's ``before_serve_page`` hook); only paths that lead to a live page are kept.
"""

from django.core.cache import cache
from wagtail import views as wagtail_views
from wagtail.models import Page

from shop.page_cache import SITE, content_version, site_address

ROUTE_SECONDS = 24 * 3600


def serve(request, path):
    """Wagtail's page view, with the site and the route read from the cache when known."""
    prefix = f"{content_version(SITE)}:{site_address(request)}"
    site_key, route_key = f"wagtail-site:{prefix}", f"wagtail-route:{prefix}:{request.path}"
    known = cache.get_many([site_key, route_key])
    if site_key in known:
        request._wagtail_site = known[site_key]
    if route_key in known:
        request._wagtail_route_for_request = known[route_key]
    else:
        route = Page.route_for_request(request, path)  # kept on the request for the view below
        found = {route_key: route} if route is not None else {}
        if site_key not in known and getattr(request, "_wagtail_site", None) is not None:
            found[site_key] = request._wagtail_site
        cache.set_many(found, ROUTE_SECONDS)
    return wagtail_views.serve(request, path)

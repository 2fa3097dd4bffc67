"""The public GS1 Digital Link resolver: a lot's trace page, its linkset and EPCIS document.

The trace page is the hottest page of the shop (every scan of every package), so anonymous hits
are answered from the cache without a database query; see ``caching`` for how entries are
invalidated and scans counted. Paths carry no language prefix (a QR code is printed once): the
page follows ``?lang=``, else the browser's language, and offers a switch.
"""

import json

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import caching, exports, gs1, selectors, tasks, timeline

LINKSET_TYPE = "application/linkset+json"
EPCIS_TYPE = "application/ld+json"


def _variant(request: HttpRequest) -> str:
    link_type = request.GET.get("linkType", "")
    if link_type in ("linkset", "all"):
        return "linkset"
    if link_type == "gs1:epcis":
        return "epcis"
    if LINKSET_TYPE in request.headers.get("Accept", ""):
        return "linkset"
    return "html"


def _language(request: HttpRequest) -> str:
    chosen = request.GET.get("lang", "")
    if chosen in dict(settings.LANGUAGES):
        return chosen
    return translation.get_language_from_request(request, check_path=False)


def _anonymous(request: HttpRequest) -> bool:
    """True without touching the session store when the visitor has no session cookie."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    return not request.user.is_authenticated


def _bad_key(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(
        json.dumps({"error": "invalid GS1 Digital Link", "reason": message}, ensure_ascii=False),
        content_type="application/json",
    )


def _respond(path: str, content: bytes, content_type: str, language: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Language"] = language
    if content_type.startswith("text/html"):
        response["Link"] = f'<{path}?linkType=linkset>; rel="linkset"; type="{LINKSET_TYPE}"'

    patch_vary_headers(response, ["Accept", "Accept-Language", "Cookie"])
    patch_cache_control(response, public=True, max_age=60)
    return response


def _count_scan(lot_id: int) -> None:
    if (caching.count_scan(lot_id) or 0) >= caching.scan_flush_every():
        tasks.flush_lot_scans.enqueue(lot_id)


@transaction.non_atomic_requests
@require_safe
def digital_link(request: HttpRequest, gtin: str, lot: str, serial: str | None = None) -> HttpResponse:
    """Resolve ``/01/{gtin}/10/{lot}``: 400 on a malformed key, 404 on an unknown lot."""
    try:
        gtin14 = gs1.to_gtin14(gtin)
        gs1.validate_lot(lot)
        if serial is not None:
            gs1.validate_lot(serial, what="serial")
    except gs1.GS1Error as error:
        return _bad_key(str(error))
    if gtin14 != gtin:
        target = gs1.digital_link_path(gtin=gtin14, lot=lot, serial=serial or "")
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)

    variant, language = _variant(request), _language(request)
    lot_path = gs1.digital_link_path(gtin=gtin14, lot=lot)
    translation.activate(language)
    request.LANGUAGE_CODE = language
    cacheable = caching.page_timeout() > 0 and _anonymous(request)
    if cacheable:
        version = caching.lot_version(gtin14, lot)
        key = caching.page_key(gtin=gtin14, code=lot, version=version, language=language, variant=variant)
        cached = cache.get(key)
        if cached is not None:
            lot_id, content, content_type = cached
            if variant == "html":
                _count_scan(lot_id)
            return _respond(lot_path, content, content_type, language)

    record = selectors.trace_record(gtin=gtin14, code=lot)
    if record is None:
        message = _("No published lot %(lot)s for this product.") % {"lot": lot}
        return HttpResponse(message, status=404, content_type="text/plain; charset=utf-8")
    found = record.lot
    product_url = found.product.get_absolute_url()
    if variant == "linkset":
        body = exports.linkset(
            record, page_url=exports.lot_uri(found), product_url=request.build_absolute_uri(product_url)
        )
        content, content_type = json.dumps(body, ensure_ascii=False).encode(), LINKSET_TYPE
    elif variant == "epcis":
        body = exports.epcis_document(record, transformations=selectors.transformations_of(record))
        content, content_type = json.dumps(body, ensure_ascii=False).encode(), EPCIS_TYPE
    else:
        # No request: the page is the same for every visitor, so no context processor runs.
        content = render_to_string("traceability/trace_page.html", {
            "record": record, "lot": found, "product": found.product, "product_url": product_url,
            "timelines": timeline.timelines(record), "language": language,
            "linkset_url": f"{lot_path}?linkType=linkset",
            "epcis_url": f"{lot_path}?linkType=gs1:epcis",
            "shop_name": settings.OSCAR_SHOP_NAME,
        }).encode()
        content_type = "text/html; charset=utf-8"
    if cacheable:
        cache.set(key, (found.pk, content, content_type), caching.page_timeout())
    if variant == "html":
        if cacheable:
            caching.count_scan(found.pk)
            tasks.flush_lot_scans.enqueue(found.pk)
        else:
            _count_scan(found.pk)
    return _respond(lot_path, content, content_type, language)


@transaction.non_atomic_requests
@require_safe
def malformed_digital_link(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Anything under /01/ that is not /01/{gtin}/10/{lot}[/21/{serial}] is a malformed key."""
    try:
        gs1.parse_digital_link(request.path)
    except gs1.GS1Error as error:
        return _bad_key(str(error))
    return _bad_key("expected /01/{gtin}/10/{lot}")


@transaction.non_atomic_requests
@require_safe
def resolver_description(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(exports.resolver_description())
    patch_cache_control(response, public=True, max_age=3600)
    return response

"""The public GS1-Conformant resolver: every GTIN Digital Link, its linkType routing, linkset and EPCIS.

* ``/01/{gtin}[/22/…][/10/{lot}][/21/…]`` with data attributes in the query; a compressed link
  (``/{base64url}``) is decompressed first. 400 only for what is not a valid Digital Link; 404 for
  a valid one the shop does not know (or a link type it has no link of); a GTIN-8/12/13 is
  redirected to its GTIN-14 form.
* A lot answers its trace page itself; a product without a lot redirects (307) to its page.
  ``linkType`` (CURIE ``gs1:pip`` or URI ``https://gs1.org/voc/pip``) picks a link from the lot's or
  product's link table (``links``); ``linkset``/``all`` or ``Accept: application/linkset+json``
  give the linkset, ``Accept: application/ld+json`` the linkset as JSON-LD.
* GET, HEAD and OPTIONS everywhere, with CORS, and a ``Link`` header to the linkset.

The web server decodes ``%2F`` before routing, so the path is read raw when the server passes it
(gunicorn's ``RAW_URI``, uWSGI's ``REQUEST_URI``); otherwise a decoded ``/`` is read back as part of
the lot. The trace page is the hottest page of the shop (every scan of every package), so anonymous
hits are answered from the cache without a database query; see ``caching``. Paths carry no
language prefix (a QR code is printed once): the page follows ``?lang=``, else the browser's
language, and offers a switch.
"""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from shop import social

from . import caching, exports, gs1, links, record_items, selectors, tasks, timeline, vocabulary
from .units import unit_label

METHODS = "GET, HEAD, OPTIONS"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": METHODS,
    "Access-Control-Allow-Headers": "Accept, Accept-Language, Content-Type",
    "Access-Control-Expose-Headers": "Link, Location, Content-Language, Content-Type",
    "Access-Control-Max-Age": "86400",
}
#: Variants of a lot the resolver answers itself (cached): the page, the linkset (two ways), EPCIS.
ANSWERED_HERE = {None: "html", "defaultLink": "html", "traceability": "html", "epcis": "epcis",
                 "linkset": "linkset", "linkset-ld": "linkset-ld"}
UNKNOWN = "?"


def _with_cors(response: HttpResponse) -> HttpResponse:
    for name, value in CORS_HEADERS.items():
        response[name] = value
    return response


def _preflight_or_refusal(request: HttpRequest) -> HttpResponse | None:
    """OPTIONS answers 204 with what is allowed; a method other than GET/HEAD answers 405."""
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
    elif request.method not in ("GET", "HEAD"):
        response = HttpResponse(status=405)
    else:
        return None
    response["Allow"] = METHODS
    return _with_cors(response)


def requested_link_type(request: HttpRequest) -> str | None:
    """The GS1 link type asked for (``pip``, ``linkset``…), None for the default, UNKNOWN otherwise."""
    value = request.GET.get("linkType", "").strip()
    if value in ("linkset", "all"):
        return "linkset"
    if value:
        for prefix in ("gs1:", *links.GS1_VOC_ALIASES):
            if value.startswith(prefix) and value[len(prefix):] in links.LINK_TYPES:
                return value[len(prefix):]
        return UNKNOWN
    accept = request.headers.get("Accept", "")
    if links.LINKSET_TYPE in accept:
        return "linkset"
    if links.JSON_LD_TYPE in accept and "text/html" not in accept:
        return "linkset-ld"
    return None


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


def _bad_key(message: str) -> HttpResponse:
    body = json.dumps({"error": "invalid GS1 Digital Link", "reason": message}, ensure_ascii=False)
    return _with_cors(HttpResponse(body, status=400, content_type="application/json"))


def _not_found(message: str) -> HttpResponse:
    return _with_cors(HttpResponse(message, status=404, content_type="text/plain; charset=utf-8"))


def _finish(response: HttpResponse, *, link_header: str = "", language: str = "") -> HttpResponse:
    if link_header:
        response["Link"] = link_header
    if language:
        response["Content-Language"] = language
    patch_vary_headers(response, ["Accept", "Accept-Language", "Cookie"])
    patch_cache_control(response, public=True, max_age=60)
    return _with_cors(response)


def _redirect(link: links.Link, table: links.LinkTable) -> HttpResponse:
    response = HttpResponse(status=307)
    response["Location"] = link.href
    return _finish(response, link_header=table.link_header())


def _raw_path(request: HttpRequest) -> tuple[str, bool]:
    """The request's path as sent (percent-encoding intact) when the server passes it, and whether
    it is the decoded path instead."""
    raw = request.META.get("RAW_URI") or request.META.get("REQUEST_URI")
    if raw:
        return urlsplit(raw).path, False
    return request.path, True


def _count_scan(lot_id: int) -> None:
    caching.count_scan(lot_id)
    if caching.scan_flush_due(lot_id):
        tasks.flush_lot_scans.enqueue(lot_id)


@transaction.non_atomic_requests
def digital_link(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Resolve any path under ``/01/``: 400 when it is not a valid Digital Link, else ``resolve_link``."""
    refusal = _preflight_or_refusal(request)
    if refusal is not None:
        return refusal
    path, decoded = _raw_path(request)
    try:
        link = gs1.parse_digital_link(f"{path}?{request.META.get('QUERY_STRING', '')}", decoded=decoded)
    except gs1.GS1Error as error:
        return _bad_key(str(error))
    return resolve_link(request, link)


@transaction.non_atomic_requests
def compressed_digital_link(request: HttpRequest, compressed: str) -> HttpResponse:
    """A compressed Digital Link at the root; anything else there is what it was (a page without its slash)."""
    link = gs1.decompress_digital_link(f"/{compressed}")
    if link is None:
        if settings.APPEND_SLASH:
            try:
                resolve(f"{request.path}/")
            except Resolver404:
                pass
            else:
                query = request.META.get("QUERY_STRING", "")
                response = HttpResponse(status=301)
                response["Location"] = f"{request.path}/?{query}" if query else f"{request.path}/"
                return response
        return _not_found(_("Page not found."))
    refusal = _preflight_or_refusal(request)
    if refusal is not None:
        return refusal
    return resolve_link(request, link)


def resolve_link(request: HttpRequest, link: gs1.DigitalLink) -> HttpResponse:
    """Answer a valid Digital Link: normalise, then the lot's or the product's links."""
    if not link.is_canonical:
        query = request.META.get("QUERY_STRING", "")
        response = HttpResponse(status=301)
        response["Location"] = f"{link.path}?{query}" if query else link.path
        return _with_cors(response)
    link_type = requested_link_type(request)
    if link_type == UNKNOWN:
        return _not_found(_("This resolver has no link of the type asked for."))
    language = _language(request)
    translation.activate(language)
    request.LANGUAGE_CODE = language
    if link.lot:
        return _resolve_lot(request, link, link_type, language)
    return _resolve_product(request, link, link_type, language)


def _resolve_product(request, link: gs1.DigitalLink, link_type: str | None, language: str) -> HttpResponse:
    product = selectors.product_by_gtin(gtin=link.gtin)
    if product is None:
        return _not_found(_("No product with GTIN %(gtin)s in this shop.") % {"gtin": link.gtin})
    table = links.product_links(
        product=product, gtin=link.gtin, latest_lot=selectors.latest_published_lot(product=product),
        certificates=[c for c in selectors.current_certificates(product=product)],
    )
    if link_type in ("linkset", "linkset-ld"):
        body = table.linkset(json_ld=link_type == "linkset-ld")
        content_type = links.JSON_LD_TYPE if link_type == "linkset-ld" else links.LINKSET_TYPE
        response = HttpResponse(json.dumps(body, ensure_ascii=False), content_type=content_type)
        return _finish(response, link_header=table.link_header(), language=language)
    chosen = table.choose(link_type or "defaultLink", language=language)
    if chosen is None:
        return _not_found(_("This product has no link of the type asked for."))
    return _redirect(chosen, table)


def _render(record, table: links.LinkTable, variant: str, language: str) -> tuple[bytes, str]:
    found = record.lot
    if variant in ("linkset", "linkset-ld"):
        body = table.linkset(json_ld=variant == "linkset-ld")
        content_type = links.JSON_LD_TYPE if variant == "linkset-ld" else links.LINKSET_TYPE
        return json.dumps(body, ensure_ascii=False).encode(), content_type
    if variant == "epcis":
        body = exports.epcis_document(record, transformations=selectors.transformations_of(record))
        return json.dumps(body, ensure_ascii=False).encode(), links.JSON_LD_TYPE
    path = gs1.digital_link_path(gtin=found.gtin, lot=found.code)
    product_page = table.choose("pip", language=language)
    # No request: the page is the same for every visitor, so no context processor runs.
    product_image = selectors.product_image(product=found.product)
    content = render_to_string("traceability/trace_page.html", {
        "record": record, "lot": found, "product": found.product, "product_url": product_page.href,
        "timelines": timeline.timelines(record), "language": language,
        "linkset_url": f"{path}?linkType=linkset", "epcis_url": f"{path}?linkType=gs1:epcis",
        "certificate_links": table.of_type("certificationInfo"),
        "expiry_dated": links.label_date_ai(found.product) == "17",
        "items": record_items.lot_items(found), "trace_code": table.anchor, "lot_unit": unit_label(found.quantity_unit),
        "product_image": product_image,
        "shop_name": settings.OSCAR_SHOP_NAME,
        "share": social.trace_card(
            product=found.product, image=product_image, path=path, language=language
        ),
    }).encode()
    return content, "text/html; charset=utf-8"


def _resolve_lot(request, link: gs1.DigitalLink, link_type: str | None, language: str) -> HttpResponse:
    variant = ANSWERED_HERE.get(link_type)
    cacheable = variant is not None and caching.page_timeout() > 0 and _anonymous(request)
    if cacheable:
        version = caching.lot_version(link.gtin, link.lot)
        key = caching.page_key(gtin=link.gtin, code=link.lot, version=version, language=language, variant=variant)
        cached = cache.get(key)
        if cached is not None:
            lot_id, content, content_type, link_header = cached
            if variant == "html":
                _count_scan(lot_id)
            response = HttpResponse(content, content_type=content_type)
            return _finish(response, link_header=link_header, language=language)

    record = selectors.trace_record(gtin=link.gtin, code=link.lot)
    if record is None:
        return _not_found(_("No published lot %(lot)s for this product.") % {"lot": link.lot})
    table = links.lot_links(lot=record.lot, certificates=record.own.certificates)
    if variant is None:
        chosen = table.choose(link_type, language=language)
        if chosen is None:
            return _not_found(_("This lot has no link of the type asked for."))
        return _redirect(chosen, table)
    content, content_type = _render(record, table, variant, language)
    link_header = table.link_header()
    found = record.lot
    if cacheable:
        cache.set(key, (found.pk, content, content_type, link_header), caching.page_timeout())
    if variant == "html":
        if cacheable:
            caching.count_scan(found.pk)
            tasks.flush_lot_scans.enqueue(found.pk)
        else:
            _count_scan(found.pk)
    response = HttpResponse(content, content_type=content_type)
    return _finish(response, link_header=link_header, language=language)


@transaction.non_atomic_requests
def resolver_description(request: HttpRequest) -> HttpResponse:
    """``/.well-known/gs1resolver``: what this resolver answers, in the standard's fields only."""
    refusal = _preflight_or_refusal(request)
    if refusal is not None:
        return refusal
    response = JsonResponse(exports.resolver_description())
    patch_cache_control(response, public=True, max_age=3600)
    return _with_cors(response)


def _wants_json_ld(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return request.GET.get("format") == "jsonld" or (links.JSON_LD_TYPE in accept and "text/html" not in accept)


@transaction.non_atomic_requests
def vocabulary_term(request: HttpRequest, name: str = "") -> HttpResponse:
    """``/voc/`` and ``/voc/{term}``: the shop's EPCIS vocabulary, HTML (vi/en) or JSON-LD."""
    refusal = _preflight_or_refusal(request)
    if refusal is not None:
        return refusal
    if name and name not in vocabulary.TERMS:
        return _not_found(_("No such term in this vocabulary."))
    if _wants_json_ld(request):
        body = vocabulary.vocabulary_json_ld() if not name else {
            "@context": vocabulary.CONTEXT, **vocabulary.term_json_ld(vocabulary.TERMS[name]),
        }
        response = HttpResponse(json.dumps(body, ensure_ascii=False), content_type=links.JSON_LD_TYPE)
    else:
        language = _language(request)
        translation.activate(language)
        terms = [vocabulary.TERMS[name]] if name else list(vocabulary.TERMS.values())
        response = HttpResponse(render_to_string("traceability/vocabulary.html", {
            "terms": terms, "language": language, "namespace": vocabulary.namespace(), "single": bool(name),
        }))
        response["Content-Language"] = language
    response["Link"] = f'<{request.path}?format=jsonld>; rel="alternate"; type="{links.JSON_LD_TYPE}"'
    patch_vary_headers(response, ["Accept", "Accept-Language"])
    patch_cache_control(response, public=True, max_age=3600)
    return _with_cors(response)


@transaction.non_atomic_requests
def vocabulary_location(request: HttpRequest, rest: str) -> HttpResponse:
    """``/voc/location/…`` and ``/voc/party/…``: what a location or party identifier of the EPCIS documents names."""
    refusal = _preflight_or_refusal(request)
    if refusal is not None:
        return refusal
    found = selectors.named_by_identifier(iri=vocabulary.namespace() + rest)
    if found is None:
        return _not_found(_("No location or party has this identifier."))
    kind, name, code, address = found
    if _wants_json_ld(request):
        body = {"@context": {**vocabulary.CONTEXT, "ocop": vocabulary.namespace()},
                "@id": vocabulary.namespace() + rest, "@type": f"ocop:{kind}", "rdfs:label": name,
                "ocop:officialCode": code, "ocop:address": address}
        response = HttpResponse(json.dumps(body, ensure_ascii=False), content_type=links.JSON_LD_TYPE)
    else:
        language = _language(request)
        translation.activate(language)
        response = HttpResponse(render_to_string("traceability/vocabulary_location.html", {
            "name": name, "code": code, "address": address, "language": language, "kind": kind,
        }))
        response["Content-Language"] = language
    patch_vary_headers(response, ["Accept", "Accept-Language"])
    patch_cache_control(response, public=True, max_age=3600)
    return _with_cors(response)

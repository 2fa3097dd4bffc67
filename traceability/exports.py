"""Machine-readable views of a lot: RFC 9264 linkset, EPCIS 2.0 JSON-LD, the GS1 resolver description.

EPCIS
-----
Every published diary event becomes an ``ObjectEvent`` about the lot (its Digital Link as the
``epcClass``); every transformation a ``TransformationEvent`` from input lots to output lots.
CBV has no bizStep for planting, spraying, harvesting or tea and honey processing, so those use
our own vocabulary under the ``ocop:`` prefix declared in ``@context`` (``VOCABULARY_PATH`` on the
shop's domain); CBV's own steps are used where they exist (packing, shipping, inspecting). A
published event that a later event corrects carries an ``errorDeclaration`` naming its correction.
"""

import uuid
from urllib.parse import quote

from django.conf import settings
from django.utils import timezone

from . import gs1
from .file_views import certificate_document_url
from .models import DiaryEvent

EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld"
VOCABULARY_PATH = "/voc/"
GS1_VOC = "https://gs1.org/voc/"

BIZ_STEPS = {
    DiaryEvent.Kind.PLANTING: "ocop:planting",
    DiaryEvent.Kind.INPUT: "ocop:input_application",
    DiaryEvent.Kind.HARVEST: "ocop:harvesting",
    DiaryEvent.Kind.LAB_TEST: "inspecting",
    DiaryEvent.Kind.PACKING: "packing",
    DiaryEvent.Kind.SHIPPING: "shipping",
}
UNITS = {"kg": "KGM", "g": "GRM", "l": "LTR", "ml": "MLT", "lọ": "H87", "gói": "H87", "hộp": "H87"}


def base_url() -> str:
    """The domain printed in QR codes; identifiers stay the same whichever host served the request."""
    return getattr(settings, "TRACE_BASE_URL", settings.SITE_URL).rstrip("/")


def lot_uri(lot) -> str:
    return gs1.build_digital_link(base=base_url(), gtin=lot.gtin, lot=lot.code)


def label_uri(lot) -> str:
    """What the QR label encodes: the lot's Digital Link with its best-before date (AI 15) as data."""
    attributes = {"15": lot.best_before} if lot.best_before else {}
    return gs1.build_digital_link(base=base_url(), gtin=lot.gtin, lot=lot.code, attributes=attributes)


def _time_fields(moment) -> dict:
    local = timezone.localtime(moment)
    offset = local.strftime("%z")
    return {
        "eventTime": local.isoformat(timespec="seconds"),
        "eventTimeZoneOffset": f"{offset[:3]}:{offset[3:]}",
    }


def _event_id(lot, event) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{lot_uri(lot)}#{event.hash}')}"


def _quantity(lot, quantity, unit) -> dict:
    element = {"epcClass": lot_uri(lot)}
    if quantity is not None:
        element["quantity"] = float(quantity)
        if unit in UNITS:
            element["uom"] = UNITS[unit]
    return element


def _diary_event(event, corrections: dict) -> dict:
    lot = event.lot
    biz_step = BIZ_STEPS.get(event.kind) or f"ocop:{event.step or event.kind}"
    document = {
        "type": "ObjectEvent",
        "eventID": _event_id(lot, event),
        **_time_fields(event.occurred_at),
        "recordTime": timezone.localtime(event.created_at).isoformat(timespec="seconds"),
        "action": "ADD" if event.kind == DiaryEvent.Kind.PLANTING else "OBSERVE",
        "bizStep": biz_step,
        "quantityList": [_quantity(lot, event.quantity, event.quantity_unit)],
        "ocop:recordHash": event.hash,
        "ocop:previousHash": event.previous_hash,
    }
    if lot.growing_area_id:
        area = lot.growing_area.code or str(lot.growing_area_id)
        document["bizLocation"] = {"id": f"{base_url()}{VOCABULARY_PATH}area/{quote(area, safe='')}"}
    for key, value in [
        ("ocop:note", event.note), ("ocop:inputKind", event.input_kind),
        ("ocop:inputProduct", event.input_product), ("ocop:dose", event.dose),
        ("ocop:preHarvestIntervalDays", event.pre_harvest_interval_days),
        ("ocop:measurement", float(event.measurement) if event.measurement is not None else None),
        ("ocop:measurementUnit", event.measurement_unit), ("ocop:laboratory", event.laboratory),
        ("ocop:labResults", event.analytes),
    ]:
        if value not in (None, "", []):
            document[key] = value
    if event.corrects_id:
        document["ocop:corrects"] = _event_id(lot, event.corrects_target) if event.corrects_target else ""
    correction = corrections.get(event.id)
    if correction is not None:
        document["errorDeclaration"] = {
            "declarationTime": timezone.localtime(correction.occurred_at).isoformat(timespec="seconds"),
            "reason": "incorrect_data",
            "correctiveEventIDs": [_event_id(lot, correction)],
        }
    return document


def _transformation_event(transformation, lots_by_id) -> dict:
    inputs = [lots_by_id.get(i.pk, i) for i in transformation.inputs.all()]
    outputs = [lots_by_id.get(o.pk, o) for o in transformation.outputs.all()]
    return {
        "type": "TransformationEvent",
        "eventID": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{base_url()}/t/{transformation.pk}')}",
        **_time_fields(transformation.occurred_at),
        "inputQuantityList": [_quantity(i, i.quantity, i.quantity_unit) for i in inputs],
        "outputQuantityList": [_quantity(o, o.quantity, o.quantity_unit) for o in outputs],
        "bizStep": "ocop:transforming",
        "ocop:note": transformation.description,
    }


def epcis_document(record, *, transformations) -> dict:
    """The lot's record (and its origin lots') as an EPCIS 2.0 JSON-LD document.

    ``record`` is a ``selectors.TraceRecord``; ``transformations`` the ones that made its lots.
    """
    events = [e for lot_record in record.records for e in lot_record.events]
    by_id = {e.id: e for e in events}
    corrections = {}
    for event in events:
        event.corrects_target = by_id.get(event.corrects_id)
        if event.corrects_id:
            corrections[event.corrects_id] = event
    lots_by_id = {lot_record.lot.pk: lot_record.lot for lot_record in record.records}
    event_list = [_diary_event(e, corrections) for e in events]
    event_list += [_transformation_event(t, lots_by_id) for t in transformations]
    event_list.sort(key=lambda e: e["eventTime"])
    return {
        "@context": [EPCIS_CONTEXT, {"ocop": f"{base_url()}{VOCABULARY_PATH}"}],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": timezone.localtime(record.lot.published_at).isoformat(timespec="seconds"),
        "epcisBody": {"eventList": event_list},
    }


def linkset(record, *, page_url: str, product_url: str) -> dict:
    """RFC 9264 linkset of the lot: where a person or a program goes next, by GS1 link type."""
    lot = record.lot
    anchor = lot_uri(lot)
    links = {
        "anchor": anchor,
        f"{GS1_VOC}defaultLink": [{"href": page_url, "title": lot.product.title, "type": "text/html"}],
        f"{GS1_VOC}traceability": [
            {"href": page_url, "title": lot.product.title, "type": "text/html", "hreflang": ["vi", "en"]}
        ],
        f"{GS1_VOC}pip": [{"href": product_url, "title": lot.product.title, "type": "text/html"}],
        f"{GS1_VOC}epcis": [{"href": f"{anchor}?linkType=gs1:epcis", "type": "application/ld+json"}],
    }
    certificates = [c for c in record.own.certificates if c.document]
    if certificates:
        links[f"{GS1_VOC}certificationInfo"] = [
            {"href": f"{base_url()}{certificate_document_url(c)}", "title": str(c), "type": "application/pdf"}
            for c in certificates
        ]
    return {"linkset": [links]}


def resolver_description() -> dict:
    """What /.well-known/gs1resolver answers: this shop resolves GTIN + lot Digital Links."""
    return {
        "name": settings.OSCAR_SHOP_NAME,
        "resolverRoot": base_url(),
        "supportedPrimaryKeys": ["01"],
        "supportedQualifiers": ["10", "21"],
        "linkTypeDefaultCanBeLinkset": True,
        "supportedLinkType": [
            {"namespace": GS1_VOC, "prefix": "gs1:", "profile": f"{GS1_VOC}{name}"}
            for name in ("defaultLink", "traceability", "pip", "epcis", "certificationInfo")
        ],
        "supportedContextValues": [],
        "validatesCheckDigits": True,
    }

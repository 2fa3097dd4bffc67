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

from . import links
from .links import base_url, label_uri, lot_uri  # noqa: F401  (what other parts print and encode)
from .models import DiaryEvent

EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld"
VOCABULARY_PATH = "/voc/"

BIZ_STEPS = {
    DiaryEvent.Kind.PLANTING: "ocop:planting",
    DiaryEvent.Kind.INPUT: "ocop:input_application",
    DiaryEvent.Kind.HARVEST: "ocop:harvesting",
    DiaryEvent.Kind.LAB_TEST: "inspecting",
    DiaryEvent.Kind.PACKING: "packing",
    DiaryEvent.Kind.SHIPPING: "shipping",
}
UNITS = {"kg": "KGM", "g": "GRM", "l": "LTR", "ml": "MLT", "lọ": "H87", "gói": "H87", "hộp": "H87"}


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


def resolver_description() -> dict:
    """What /.well-known/gs1resolver answers (GS1-Conformant Resolver's description file fields)."""
    return {
        "name": settings.OSCAR_SHOP_NAME,
        "resolverRoot": base_url(),
        "supportedPrimaryKeys": ["01"],
        "supportedLinkType": [{"namespace": links.GS1_VOC, "prefix": "gs1:"}],
        "linkTypeDefaultCanBeLinkset": False,
    }

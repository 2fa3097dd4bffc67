"""Machine-readable views of a lot: RFC 9264 linkset, EPCIS 2.0 JSON-LD, the GS1 resolver description.

EPCIS
-----
Every published diary event becomes an ``ObjectEvent`` about the lot (its Digital Link as the
``epcClass``); every transformation a ``TransformationEvent`` from input lots to output lots.
CBV has no bizStep for planting, spraying, harvesting or tea and honey processing, so those use
our own vocabulary under the ``ocop:`` prefix declared in ``@context`` (``vocabulary``: a fixed
namespace whose terms resolve at /voc/); CBV's own steps are used where they exist (packing,
shipping, inspecting). A published event that a later event corrects carries an
``errorDeclaration`` naming its correction, declared when the correction was recorded.

Event IDs are UUIDs given once at publication (``DiaryEvent.epcis_event_id``,
``Transformation.epcis_event_id``): moving the shop or its QR domain keeps them. Work in the
field happens at the growing area, processing and packing at the lot's facility; both are
``bizLocation``s with stable identifiers (``vocabulary.location_id``), described (name, address,
official code) in the header's master data, with the lot's own record items (lot number, dates,
standards applied) and its producer as the owning party.
"""

from django.conf import settings
from django.utils import timezone

from . import links, vocabulary
from .links import base_url, label_uri, lot_uri  # noqa: F401  (what other parts print and encode)
from .models import DiaryEvent

#: The official EPCIS 2.0.0 context (immutable); ``jsonld.document_loader`` serves it offline.
EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
CBV_MDA = "urn:epcglobal:cbv:mda#"
FIELD_KINDS = {DiaryEvent.Kind.PLANTING, DiaryEvent.Kind.INPUT, DiaryEvent.Kind.HARVEST}

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


def _event_id(event) -> str:
    return f"urn:uuid:{event.epcis_event_id}"


def area_id(area) -> str:
    return vocabulary.location_id(kind="area", gln=area.gln, code=area.code, number=area.pk)


def facility_id(facility) -> str:
    return vocabulary.location_id(kind="facility", gln=facility.gln, code=facility.code, number=facility.pk)


def producer_id(producer) -> str:
    """The producer as a party: its shop-scoped number in the vocabulary (no producer has a GLN yet)."""
    return f"{vocabulary.namespace()}party/producer-{producer.pk}"


def _location_of(event):
    """Where the event happened: field work at the growing area, the rest at the lot's facility."""
    lot = event.lot
    if event.kind in FIELD_KINDS or not lot.facility_id:
        return area_id(lot.growing_area) if lot.growing_area_id else None
    return facility_id(lot.facility)


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
        "eventID": _event_id(event),
        **_time_fields(event.occurred_at),
        "recordTime": timezone.localtime(event.created_at).isoformat(timespec="seconds"),
        "action": "ADD" if event.kind == DiaryEvent.Kind.PLANTING else "OBSERVE",
        "bizStep": biz_step,
        "quantityList": [_quantity(lot, event.quantity, event.quantity_unit)],
        "ocop:recordHash": event.hash,
        "ocop:previousHash": event.previous_hash,
    }
    location = _location_of(event)
    if location:
        document["readPoint"] = {"id": location}
        document["bizLocation"] = {"id": location}
    if lot.product.producer_id:
        document["sourceList"] = [{"type": "owning_party", "source": producer_id(lot.product.producer)}]
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
        document["ocop:corrects"] = _event_id(event.corrects_target) if event.corrects_target else ""
    correction = corrections.get(event.id)
    if correction is not None:
        document["errorDeclaration"] = {
            "declarationTime": timezone.localtime(correction.created_at).isoformat(timespec="seconds"),
            "reason": "incorrect_data",
            "correctiveEventIDs": [_event_id(correction)],
        }
    return document


def _transformation_event(transformation, lots_by_id) -> dict:
    inputs = [lots_by_id.get(i.pk, i) for i in transformation.inputs.all()]
    outputs = [lots_by_id.get(o.pk, o) for o in transformation.outputs.all()]
    return {
        "type": "TransformationEvent",
        "eventID": f"urn:uuid:{transformation.epcis_event_id}",
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
        "@context": [EPCIS_CONTEXT, {"ocop": vocabulary.namespace()}],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": timezone.localtime(record.lot.published_at).isoformat(timespec="seconds"),
        "epcisHeader": {"epcisMasterData": {"vocabularyList": _master_data(record)}},
        "epcisBody": {"eventList": event_list},
    }


def _attributes(pairs) -> list[dict]:
    return [{"id": key, "attribute": value} for key, value in pairs if value not in (None, "")]


def _master_data(record) -> list[dict]:
    """The locations, the lots (their record items) and the producers the events name."""
    from . import record_items

    locations, lots_master, parties = {}, [], {}
    for lot_record in record.records:
        lot = lot_record.lot
        items = record_items.lot_items(lot)
        if lot.growing_area_id:
            area = lot.growing_area
            locations[area_id(area)] = _attributes([
                (f"{CBV_MDA}name", area.name), ("ocop:officialCode", area.code),
                ("ocop:address", items.area_address),
            ])
        if lot.facility_id:
            facility = lot.facility
            locations[facility_id(facility)] = _attributes([
                (f"{CBV_MDA}name", facility.name), ("ocop:officialCode", facility.code),
                ("ocop:address", items.facility_address),
            ])
        lots_master.append({"id": lot_uri(lot), "attributes": _attributes([
            (f"{CBV_MDA}lotNumber", lot.code),
            (f"{CBV_MDA}bestBeforeDate", _day(lot.best_before)),
            ("ocop:harvestedOn", _day(lot.harvested_on)),
            ("ocop:producedOn", _day(lot.produced_on)),
            ("ocop:packedOn", _day(lot.packed_on)),
            ("ocop:standardsApplied", lot.standards_applied),
            (f"{CBV_MDA}descriptionShort", lot.product.title),
        ])})
        if lot.product.producer_id:
            producer = lot.product.producer
            parties[producer_id(producer)] = _attributes([
                (f"{CBV_MDA}name", producer.name), ("ocop:address", items.producer_address),
            ])
    return [
        {"type": "urn:epcglobal:epcis:vtype:BusinessLocation",
         "vocabularyElementList": [{"id": key, "attributes": value} for key, value in locations.items()]},
        {"type": "urn:epcglobal:epcis:vtype:EPCClass", "vocabularyElementList": lots_master},
        {"type": "urn:epcglobal:epcis:vtype:Party",
         "vocabularyElementList": [{"id": key, "attributes": value} for key, value in parties.items()]},
    ]


def _day(value) -> str:
    return value.isoformat() if value else ""


def resolver_description() -> dict:
    """What /.well-known/gs1resolver answers (GS1-Conformant Resolver's description file fields)."""
    return {
        "name": settings.OSCAR_SHOP_NAME,
        "resolverRoot": base_url(),
        "supportedPrimaryKeys": ["01"],
        "supportedLinkType": [{"namespace": links.GS1_VOC, "prefix": "gs1:"}],
        "linkTypeDefaultCanBeLinkset": False,
    }

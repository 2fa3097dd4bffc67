"""The items of a national trace record (Circular 02/2024/TT-BKHCN Art. 6; TCVN 12850:2019) of a lot.

One reading of a lot for the trace page, the EPCIS master data and the export to the national
traceability portal: product and image, producer with address and identifier, each stage with
its location code and time, production and packing dates, shelf life, standards applied.
Addresses follow the 2025 two-level system (village, commune/ward, province).
"""

from dataclasses import dataclass, field

from vietnam_provinces import Province, Ward

from .units import in_reader_language


def ward_address(*parts: str, ward_code: int | None) -> str:
    """``parts`` then the commune/ward and province of ``ward_code`` (unknown codes are left out)."""
    names = [part for part in parts if part]
    if ward_code:
        try:
            ward = Ward.from_code(ward_code)
        except ValueError:
            ward = None
        if ward is not None:
            names += [ward.name, Province.from_code(ward.province_code).name]
    return ", ".join(names)


@dataclass(frozen=True)
class Stage:
    """One stage of the lot's life with where it happened (location code) and when."""

    kind: str
    location_name: str
    location_code: str
    location_id: str
    when: str
    location_name_en: str = ""

    @property
    def reader_location_name(self) -> str:
        """The place's name in the reader's language (the Vietnamese name where no English is given)."""
        return in_reader_language(self.location_name, self.location_name_en)


@dataclass(frozen=True)
class LotItems:
    producer_name: str = ""
    producer_address: str = ""
    producer_id: str = ""
    area_address: str = ""
    facility_address: str = ""
    stages: list[Stage] = field(default_factory=list)


def lot_items(lot) -> LotItems:
    """The record items of ``lot`` (loaded with its product, producer, growing area and facility)."""
    from .exports import area_id, facility_id, producer_id

    producer = lot.product.producer if lot.product.producer_id else None
    area, facility = lot.growing_area if lot.growing_area_id else None, lot.facility if lot.facility_id else None
    stages = []
    if area is not None:
        stages.append(Stage("growing", area.name, area.gln or area.code, area_id(area),
                            lot.harvested_on.isoformat() if lot.harvested_on else ""))
    if facility is not None:
        stages.append(Stage("processing", facility.name, facility.gln or facility.code, facility_id(facility),
                            lot.produced_on.isoformat() if lot.produced_on else "", facility.name_en))
        stages.append(Stage("packing", facility.name, facility.gln or facility.code, facility_id(facility),
                            lot.packed_on.isoformat() if lot.packed_on else "", facility.name_en))
    return LotItems(
        producer_name=producer.name if producer else "",
        producer_address=ward_address(producer.village, ward_code=producer.ward_code) if producer else "",
        producer_id=producer_id(producer) if producer else "",
        area_address=ward_address(ward_code=area.ward_code) if area else "",
        facility_address=ward_address(facility.address, ward_code=facility.ward_code) if facility else "",
        stages=stages,
    )


NATIONAL_RECORD_SHAPE = "ocop-market/national-trace-record/1"
CSV_COLUMNS = ("trace_code", "product", "gtin", "lot", "producer", "producer_id", "producer_address",
               "stage", "location_name", "location_code", "location_id", "date", "standards_applied")


def national_record(record) -> dict:
    """A published lot's record for submission to the national traceability portal.

    The portal publishes no import format, so the shape is the shop's own (``shape`` names its
    version), keyed by the items of Circular 02/2024 Art. 6. ``record`` is a ``selectors.TraceRecord``.
    """
    from .links import lot_uri

    lot = record.lot
    items = lot_items(lot)
    return {
        "shape": NATIONAL_RECORD_SHAPE,
        "traceCode": lot_uri(lot),
        "product": {"name": lot.product.title, "gtin": lot.gtin, "brand": items.producer_name},
        "lot": lot.code,
        "producer": {"name": items.producer_name, "address": items.producer_address, "id": items.producer_id},
        "dates": {
            "harvested": lot.harvested_on.isoformat() if lot.harvested_on else "",
            "produced": lot.produced_on.isoformat() if lot.produced_on else "",
            "packed": lot.packed_on.isoformat() if lot.packed_on else "",
            "bestBefore": lot.best_before.isoformat() if lot.best_before else "",
        },
        "standardsApplied": lot.standards_applied,
        "stages": [
            {"stage": s.kind, "locationName": s.location_name, "locationCode": s.location_code,
             "locationId": s.location_id, "date": s.when}
            for s in items.stages
        ],
        "certificates": [
            {"kind": c.kind, "number": c.number, "issuer": c.issuer,
             "validFrom": c.valid_from.isoformat(), "validTo": c.valid_to.isoformat()}
            for c in record.own.certificates
        ],
        "events": [
            {"kind": e.kind, "step": e.step, "time": e.occurred_at.isoformat(), "note": e.note, "hash": e.hash}
            for e in record.events
        ],
        "intact": record.intact,
    }


def national_record_rows(record) -> list[dict]:
    """The same record as CSV rows: one per stage, with the lot's identity repeated on each."""
    data = national_record(record)
    common = {
        "trace_code": data["traceCode"], "product": data["product"]["name"], "gtin": data["product"]["gtin"],
        "lot": data["lot"], "producer": data["producer"]["name"], "producer_id": data["producer"]["id"],
        "producer_address": data["producer"]["address"], "standards_applied": data["standardsApplied"],
    }
    return [
        {**common, "stage": s["stage"], "location_name": s["locationName"], "location_code": s["locationCode"],
         "location_id": s["locationId"], "date": s["date"]}
        for s in data["stages"]
    ] or [{**common, "stage": "", "location_name": "", "location_code": "", "location_id": "", "date": ""}]

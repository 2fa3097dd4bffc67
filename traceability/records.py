"""The tamper-evident record: canonical content, SHA-256 hashes chained per lot, and their verification.

A lot's chain starts with the hash of its header (identity, product, area, dates, claimed
certificates, input lots). Each published diary event stores ``previous_hash`` (the header hash
for the first event, the previous event's hash after that) and ``hash`` = SHA-256 of its own
canonical JSON, which includes ``previous_hash``: editing any stored row breaks the chain from
that point on, and ``verify`` names the first event that no longer matches.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC

HASH_VERSION = "ocop-trace-1"


def _digest(content: dict) -> str:
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _text(value) -> str:
    return "" if value is None else str(value)


@dataclass
class LotRecord:
    """One lot as its chain is checked: the lot, what its header covers, and its diary.

    ``certificates`` are the certificates the lot claims, ``inputs`` the lots it was made from
    (published or not), ``events`` its diary events oldest first, each with its files as a list
    in ``attached_files``.
    """

    lot: object
    certificates: list = field(default_factory=list)
    inputs: list = field(default_factory=list)
    events: list = field(default_factory=list)


def record_of(lot, events) -> LotRecord:
    """The record of a lot loaded with its ``certificates`` and ``made_by__inputs`` prefetched,
    from ``events`` loaded with their ``files`` prefetched."""
    events = list(events)
    for event in events:
        event.attached_files = list(event.files.all())
    return LotRecord(
        lot=lot,
        certificates=list(lot.certificates.all()),
        inputs=[source for t in lot.made_by.all() for source in t.inputs.all()],
        events=events,
    )


def header_content(record: LotRecord) -> dict:
    """What the lot's header hash covers."""
    lot = record.lot
    return {
        "v": HASH_VERSION,
        "gtin": lot.gtin,
        "lot": lot.code,
        "product": lot.product.upc,
        "area": lot.growing_area.code or lot.growing_area.name if lot.growing_area_id else "",
        "harvested_on": _text(lot.harvested_on),
        "best_before": _text(lot.best_before),
        "quantity": _text(lot.quantity),
        "unit": lot.quantity_unit,
        "certificates": sorted(f"{c.kind}:{c.number}" for c in record.certificates),
        "inputs": sorted(f"{i.gtin}/{i.code}" for i in record.inputs),
    }


def header_hash(record: LotRecord) -> str:
    return _digest(header_content(record))


def event_content(event, *, corrected_hash: str = "") -> dict:
    """What an event's hash covers; ``event`` carries its files in ``attached_files``."""
    return {
        "v": HASH_VERSION,
        "lot": f"{event.lot.gtin}/{event.lot.code}" if event.lot_id else "",
        "sequence": event.sequence,
        "previous": event.previous_hash,
        "kind": event.kind,
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat(),
        "note": event.note,
        "quantity": _text(event.quantity),
        "quantity_unit": event.quantity_unit,
        "input_kind": event.input_kind,
        "input_product": event.input_product,
        "dose": event.dose,
        "phi_days": _text(event.pre_harvest_interval_days),
        "step": event.step,
        "measurement": _text(event.measurement),
        "measurement_unit": event.measurement_unit,
        "laboratory": event.laboratory,
        "analytes": event.analytes,
        "corrects": corrected_hash,
        "files": sorted(f.sha256 for f in event.attached_files),
    }


def event_hash(event, *, corrected_hash: str = "") -> str:
    return _digest(event_content(event, corrected_hash=corrected_hash))


@dataclass(frozen=True)
class ChainProblem:
    """Where a lot's record stops matching its hashes."""

    lot: str
    event_id: int | None
    reason: str

    def __str__(self) -> str:
        where = f"event {self.event_id}" if self.event_id else "header"
        return f"lot {self.lot}, {where}: {self.reason}"


def verify(record: LotRecord) -> list[ChainProblem]:
    """Check the header hash and every published event of the record.

    Returns the problems found (empty when the record is intact); never raises on a mismatch.
    """
    lot = record.lot
    name = f"{lot.gtin}/{lot.code}"
    problems = []
    if not lot.is_published:
        return problems
    if header_hash(record) != lot.header_hash:
        problems.append(ChainProblem(name, None, "lot details differ from the published header"))
    published = sorted((e for e in record.events if e.sequence is not None), key=lambda e: e.sequence)
    hashes = {e.id: e.hash for e in published}
    expected_previous = lot.header_hash
    for position, event in enumerate(published, start=1):
        if event.sequence != position:
            problems.append(ChainProblem(name, event.id, f"position {event.sequence}, expected {position}"))
        if event.previous_hash != expected_previous:
            problems.append(ChainProblem(name, event.id, "previous hash does not match the chain"))
        corrected = hashes.get(event.corrects_id, "") if event.corrects_id else ""
        if event_hash(event, corrected_hash=corrected) != event.hash:
            problems.append(ChainProblem(name, event.id, "content differs from its hash"))
        expected_previous = event.hash
    return problems

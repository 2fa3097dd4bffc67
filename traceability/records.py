"""The tamper-evident record: canonical content, SHA-256 hashes chained per lot, and their verification.

A lot's chain starts with the hash of its header (identity, product, area, dates, claimed
certificates, input lots). Each published diary event stores ``previous_hash`` (the header hash
for the first event, the previous event's hash after that) and ``hash`` = SHA-256 of its own
canonical JSON, which includes ``previous_hash``: editing any stored row breaks the chain from
that point on, and ``verify`` names the first event that no longer matches.

Hashes alone can be recomputed by whoever writes to the database, so each publication also
writes a *seal*: the header hash, the last event's hash, the number of published events and
the full details of the claimed certificates, signed with Ed25519 (``signing``) by a key that
is not in the database. Deleting the last event, editing a certificate, unpublishing the lot or
recomputing the whole chain each leave a seal that no longer matches or no longer verifies.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC

from . import signing

HASH_VERSION = "ocop-trace-1"
#: The header of version 2 also covers the production and packing dates, the facility and the
#: standards applied. A lot keeps the version it was sealed with (the seal names it, signed),
#: so records published under version 1 still verify.
HEADER_VERSION = "ocop-trace-2"
HEADER_VERSIONS = (HEADER_VERSION, "ocop-trace-1")
SEAL_VERSION = "ocop-seal-2"


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


def header_content(record: LotRecord, *, version: str = HEADER_VERSION) -> dict:
    """What the lot's header hash covers in the header ``version``."""
    lot = record.lot
    content = {
        "v": version,
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
    if version == "ocop-trace-1":
        return content
    facility = lot.facility if lot.facility_id else None
    return content | {
        "produced_on": _text(lot.produced_on),
        "packed_on": _text(lot.packed_on),
        "facility": (facility.code or facility.gln or facility.name) if facility else "",
        "standards": lot.standards_applied,
    }


def sealed_header_version(lot) -> str | None:
    """The header version the lot's seal names (seals before version 2 name none: version 1);
    None for a lot without a readable seal."""
    try:
        sealed = json.loads(lot.seal) if lot.seal else None
    except ValueError:
        return None
    if not isinstance(sealed, dict):
        return None
    return sealed.get("header_v", "ocop-trace-1")


def header_version(record: LotRecord) -> str:
    """The version the lot's header hash was made in: the sealed one, else the one whose hash
    the stored header hash is (a lot published before seals existed), else the newest."""
    sealed = sealed_header_version(record.lot)
    if sealed in HEADER_VERSIONS:
        return sealed
    if record.lot.header_hash:
        for version in HEADER_VERSIONS:
            if _digest(header_content(record, version=version)) == record.lot.header_hash:
                return version
    return HEADER_VERSION


def header_hash(record: LotRecord, *, version: str | None = None) -> str:
    """The header hash in ``version`` (by default the lot's own, see ``header_version``)."""
    return _digest(header_content(record, version=version or header_version(record)))


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


def _canonical(content: dict) -> str:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def certificate_content(certificate, *, document_sha256: str = "") -> dict:
    """What a seal keeps of a certificate: the Vietnamese texts whatever the reader's language
    (issuer and scope are translated fields; the English ones are presentation, not record)."""
    return {
        "kind": certificate.kind,
        "number": certificate.number,
        "issuer": certificate.issuer_vi if hasattr(certificate, "issuer_vi") else certificate.issuer,
        "scope": certificate.scope_vi if hasattr(certificate, "scope_vi") else certificate.scope,
        "valid_from": _text(certificate.valid_from),
        "valid_to": _text(certificate.valid_to),
        "document": document_sha256,
    }


def _published(record: LotRecord) -> list:
    return sorted((e for e in record.events if e.sequence is not None), key=lambda e: e.sequence)


def seal_content(record: LotRecord, *, document_hashes: dict | None = None) -> dict:
    """What a lot's signature covers once published; ``document_hashes`` maps certificate ids to
    the SHA-256 of their documents."""
    lot, published = record.lot, _published(record)
    hashes = document_hashes or {}
    return {
        "v": SEAL_VERSION,
        "lot": f"{lot.gtin}/{lot.code}",
        "header": lot.header_hash,
        "header_v": header_version(record),
        "head": published[-1].hash if published else lot.header_hash,
        "events": len(published),
        "certificates": sorted(
            (certificate_content(c, document_sha256=hashes.get(c.pk, "")) for c in record.certificates),
            key=lambda c: (c["kind"], c["number"]),
        ),
        "key": signing.key_id(),
    }


def make_seal(record: LotRecord, *, document_hashes: dict | None = None) -> tuple[str, str]:
    """The seal text of a published record and its signature."""
    text = _canonical(seal_content(record, document_hashes=document_hashes))
    return text, signing.sign(text.encode("utf-8"))


def sealed_document_hashes(lot) -> dict:
    """The certificate document hashes by ``kind:number`` as sealed (empty when unsealed)."""
    try:
        sealed = json.loads(lot.seal) if lot.seal else {}
    except ValueError:
        return {}
    return {f"{c['kind']}:{c['number']}": c.get("document", "") for c in sealed.get("certificates", [])}


def _seal_problems(record: LotRecord, name: str) -> list[ChainProblem]:
    lot = record.lot
    if not lot.seal:
        return [ChainProblem(name, None, "the published record carries no signed seal")]
    if not signing.verifies(lot.seal.encode("utf-8"), lot.seal_signature):
        return [ChainProblem(name, None, "the seal's signature does not verify: the record was rewritten")]
    sealed = json.loads(lot.seal)
    documents = sealed_document_hashes(lot)
    current = seal_content(
        record, document_hashes={c.pk: documents.get(f"{c.kind}:{c.number}", "") for c in record.certificates}
    )
    problems = []
    wording = {
        "lot": "the lot's identity differs from the sealed one",
        "header": "the header hash differs from the sealed one",
        "head": "the last entry differs from the sealed one (an entry was removed or replaced)",
        "events": f"{current['events']} published entries, {sealed.get('events')} sealed",
        "certificates": "a claimed certificate differs from the sealed one (validity, issuer or number)",
    }
    for key, reason in wording.items():
        if sealed.get(key) != current[key]:
            problems.append(ChainProblem(name, None, reason))
    return problems


def verify(record: LotRecord) -> list[ChainProblem]:
    """Check the header hash, every published event and the signed seal of the record.

    Returns the problems found (empty when the record is intact); never raises on a mismatch.
    A lot that is not published must have no seal and no published entries.
    """
    lot = record.lot
    name = f"{lot.gtin}/{lot.code}"
    problems = []
    if not lot.is_published:
        if lot.seal or any(e.sequence is not None for e in record.events):
            problems.append(ChainProblem(name, None, "the lot was published and is now marked unpublished"))
        return problems
    if header_hash(record, version=sealed_header_version(lot) or header_version(record)) != lot.header_hash:
        problems.append(ChainProblem(name, None, "lot details differ from the published header"))
    published = _published(record)
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
    return problems + _seal_problems(record, name)

"""Writes to the traceability record: lots, diary events, corrections, publication, order-line lots.

Every function runs in one transaction and, once it commits, bumps the lot's cache version so the
public trace page shows the change at the next scan. Published records are append-only: editing
or deleting a published event, or changing a published lot, raises ``RecordLocked``; a mistake
is fixed with ``correct_event``.
"""

import hashlib
import uuid
from collections.abc import Iterable
from datetime import date, datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalogue.photos import store_photo, stored_photo_files
from shop import uploads
from shop.private_files import private_storage

from . import caching, gs1, records
from .compliance import Check, check_lot
from .models import Certificate, DiaryEvent, EventFile, Facility, GrowingArea, LineLot, Lot, Transformation

EVENT_FIELDS = {
    "note", "note_en", "quantity", "quantity_unit", "input_kind", "input_product", "input_product_en", "dose",
    "dose_en", "pre_harvest_interval_days", "step", "measurement", "measurement_unit", "laboratory", "analytes",
}
#: The English reading aid of an event's free texts, by the Vietnamese field each translates.
ENGLISH_OF = {"note_en": "note", "input_product_en": "input_product", "dose_en": "dose"}
LOT_FIELDS = {
    "growing_area", "quantity", "quantity_unit", "units_packed", "harvested_on", "best_before",
    "produced_on", "packed_on", "facility", "standards_applied",
}


class RecordLocked(Exception):
    """The record is published: it can only be added to (a correction is a new event)."""


class ComplianceFailed(Exception):
    """Publication refused; ``checks`` holds the failing checks with their plain messages."""

    def __init__(self, checks: list[Check]):
        self.checks = checks
        super().__init__("; ".join(c.message for c in checks))


def _bump_after_commit(lot: Lot) -> None:
    gtin, code = lot.gtin, lot.code
    transaction.on_commit(lambda: caching.bump_lot_version(gtin=gtin, code=code))


def create_lot(
    *,
    product,
    code: str,
    growing_area: GrowingArea | None = None,
    harvested_on: date | None = None,
    best_before: date | None = None,
    quantity=None,
    quantity_unit: str = "kg",
    units_packed: int = 0,
    certificates: Iterable[Certificate] = (),
    produced_on: date | None = None,
    packed_on: date | None = None,
    facility: Facility | None = None,
    standards_applied: str = "",
) -> Lot:
    """Open a lot of ``product``; its GTIN-14 comes from the product's GTIN (UPC field).

    Raises gs1.GS1Error when the product has no valid GTIN or the lot code is not a GS1 lot value.
    """
    gtin = gs1.to_gtin14(product.upc or "")
    gs1.validate_lot(code)
    with transaction.atomic():
        lot = Lot.objects.create(
            product=product, gtin=gtin, code=code, growing_area=growing_area, harvested_on=harvested_on,
            best_before=best_before, quantity=quantity, quantity_unit=quantity_unit,
            units_packed=units_packed, produced_on=produced_on, packed_on=packed_on, facility=facility,
            standards_applied=standards_applied,
        )
        lot.certificates.set(certificates)
        _bump_after_commit(lot)
    return lot


def update_lot(*, lot: Lot, certificates: Iterable[Certificate] | None = None, **fields) -> Lot:
    """Change a lot that is not published yet. Raises RecordLocked once it is."""
    unknown = set(fields) - LOT_FIELDS
    if unknown:
        raise TypeError(f"not lot fields: {sorted(unknown)}")
    with transaction.atomic():
        lot = Lot.objects.select_for_update().get(pk=lot.pk)
        if lot.is_published:
            message = _("Lot %(lot)s is published and can no longer be changed.") % {"lot": lot.code}
            raise RecordLocked(message)
        for name, value in fields.items():
            setattr(lot, name, value)
        lot.save()
        if certificates is not None:
            lot.certificates.set(certificates)
        _bump_after_commit(lot)
    return lot


def record_event(
    *, lot: Lot, kind: str, occurred_at: datetime, recorded_by=None, corrects: DiaryEvent | None = None,
    **fields,
) -> DiaryEvent:
    """Add a draft event to the lot's diary (published lots accept new drafts too).

    Raises TypeError for unknown fields and ValueError when a correction names another lot's event.
    """
    unknown = set(fields) - EVENT_FIELDS
    if unknown:
        raise TypeError(f"not diary event fields: {sorted(unknown)}")
    if kind not in DiaryEvent.Kind.values:
        raise ValueError(f"unknown event kind {kind!r}")
    if corrects is not None and corrects.lot_id != lot.pk:
        raise ValueError("a correction belongs to the lot of the event it corrects")
    with transaction.atomic():
        event = DiaryEvent.objects.create(
            lot=lot, kind=kind, occurred_at=occurred_at, recorded_by=recorded_by, corrects=corrects, **fields
        )
        _bump_after_commit(lot)
    return event


def update_draft_event(*, event: DiaryEvent, **fields) -> DiaryEvent:
    """Change an event that is not published yet. Raises RecordLocked once it is."""
    unknown = set(fields) - EVENT_FIELDS - {"kind", "occurred_at"}
    if unknown:
        raise TypeError(f"not diary event fields: {sorted(unknown)}")
    with transaction.atomic():
        event = DiaryEvent.objects.select_for_update().select_related("lot").get(pk=event.pk)
        if event.is_published:
            raise RecordLocked(_("This event is published: record a correction instead."))
        for name, value in fields.items():
            setattr(event, name, value)
        event.save()
        _bump_after_commit(event.lot)
    return event


def translate_event(*, event: DiaryEvent, **english: str) -> DiaryEvent:
    """Give an event's free texts their English (``note_en``, ``input_product_en``, ``dose_en``),
    published or not.

    The English text is a reading aid for buyers abroad, outside the event's hash: the signed
    record stays the producer's own Vietnamese, so a translation added later changes neither
    the chain nor the seal. Raises TypeError for any other field.
    """
    unknown = set(english) - set(ENGLISH_OF)
    if unknown:
        raise TypeError(f"not English texts of an event: {sorted(unknown)}")
    with transaction.atomic():
        for name, text in english.items():
            setattr(event, name, text.strip())
        event.save(update_fields=list(english))
        _bump_after_commit(event.lot)
    return event


def translate_facility(*, facility: Facility, name_en: str) -> Facility:
    """Give a facility its English name: a reading aid outside every lot's hash and seal, which
    name the facility by its code (or its Vietnamese name when it has none)."""
    with transaction.atomic():
        facility.name_en = name_en.strip()
        facility.save(update_fields=["name_en"])
        for lot in facility.lots.all():
            _bump_after_commit(lot)
    return facility


def delete_draft_event(*, event: DiaryEvent) -> None:
    """Remove a draft event and its files. Raises RecordLocked when it is published."""
    with transaction.atomic():
        event = DiaryEvent.objects.select_for_update().select_related("lot").get(pk=event.pk)
        if event.is_published:
            raise RecordLocked(_("This event is published: record a correction instead."))
        names = [
            stored
            for attached in event.files.all()
            for stored in (
                stored_photo_files(attached.file.name)
                if attached.kind == EventFile.Kind.PHOTO
                else [attached.file.name]
            )
        ]
        event.files.all().delete()
        event.delete()
        _bump_after_commit(event.lot)
        transaction.on_commit(lambda: [private_storage().delete(name) for name in names])


def correct_event(*, event: DiaryEvent, note: str, recorded_by=None, **fields) -> DiaryEvent:
    """Record a correction of a published event: a new draft with the event's values and ``fields``.

    Raises ValueError when ``event`` is still a draft (edit it instead).
    """
    if not event.is_published:
        raise ValueError("a draft is edited, not corrected")
    values = {name: getattr(event, name) for name in EVENT_FIELDS}
    values.update(fields, note=note)
    for english, vietnamese in ENGLISH_OF.items():
        if english not in fields and values[vietnamese] != getattr(event, vietnamese):
            values[english] = ""  # the old English no longer fits the corrected text
    return record_event(
        lot=event.lot, kind=event.kind, occurred_at=fields.pop("occurred_at", event.occurred_at),
        recorded_by=recorded_by, corrects=event, **{k: v for k, v in values.items() if k != "occurred_at"},
    )


DIARY_FILES_FOLDER = "traceability/diary"


def accept_attachment(upload):
    """Check a diary attachment against the upload policy before anything is written.

    Returns what ``attach_file`` stores; raises ``shop.uploads.UploadRejected`` (its message is
    for the producer) for anything but a photo or a PDF.
    """
    return uploads.accept_attachment(upload, folder=DIARY_FILES_FOLDER)


def attach_file(*, event: DiaryEvent, upload=None, accepted=None, caption: str = "") -> EventFile:
    """Attach a photo or PDF to a draft event; the SHA-256 of the stored file enters the event's hash.

    ``upload`` is checked by ``accept_attachment`` unless ``accepted`` (its result) is given.
    Photos are stored re-encoded (upright, no metadata) with their renditions, documents as
    sent; both under random names in the private storage. Raises RecordLocked when the event
    is published and UploadRejected when the file is refused; nothing is stored then.
    """
    if event.is_published:
        raise RecordLocked(_("This event is published: record a correction instead."))
    accepted = accepted or accept_attachment(upload)
    storage = private_storage()
    if isinstance(accepted, uploads.AcceptedDocument):
        kind, content = EventFile.Kind.DOCUMENT, accepted.content
        name = storage.save(accepted.name, ContentFile(content))
        stored = [name]
    else:
        kind, content = EventFile.Kind.PHOTO, accepted.jpeg
        name = store_photo(accepted, name=uploads.random_name(DIARY_FILES_FOLDER, "jpg"), storage=storage)
        stored = stored_photo_files(name)
    try:
        with transaction.atomic():
            attached = EventFile.objects.create(
                event=event, kind=kind, caption=caption, file=name,
                sha256=hashlib.sha256(content).hexdigest(),
            )
            _bump_after_commit(event.lot)
    except Exception:
        for leftover in stored:
            storage.delete(leftover)
        raise
    return attached


def record_event_with_attachment(
    *, lot: Lot, kind: str, occurred_at: datetime, accepted, recorded_by=None, **fields
) -> DiaryEvent:
    """``record_event`` and ``attach_file`` in one transaction: the entry is kept with its file or not at all."""
    with transaction.atomic():
        event = record_event(lot=lot, kind=kind, occurred_at=occurred_at, recorded_by=recorded_by, **fields)
        if accepted is not None:
            attach_file(event=event, accepted=accepted)
    return event


def record_transformation(
    *, inputs: Iterable[Lot], outputs: Iterable[Lot], occurred_at: datetime, description: str
) -> Transformation:
    """Link output lots to the lots they were made from. Raises RecordLocked if an output is published."""
    inputs, outputs = list(inputs), list(outputs)
    if not inputs or not outputs:
        raise ValueError("a transformation needs inputs and outputs")
    if any(output.is_published for output in outputs):
        raise RecordLocked(_("A published lot's origin can no longer be changed."))
    with transaction.atomic():
        transformation = Transformation.objects.create(occurred_at=occurred_at, description=description)
        transformation.inputs.set(inputs)
        transformation.outputs.set(outputs)
        for lot in outputs:
            _bump_after_commit(lot)
    return transformation


def lot_record(lot_id: int) -> records.LotRecord:
    """A lot with everything its checks and hashes read (drafts included), in a fixed number of queries."""
    lot = (
        Lot.objects.select_related("product", "growing_area", "facility")
        .prefetch_related("certificates", "made_by__inputs")
        .get(pk=lot_id)
    )
    events = lot.events.select_related("lot").prefetch_related("files").order_by("occurred_at", "id")
    return records.record_of(lot, events)


def compliance_checks(*, lot: Lot) -> list[Check]:
    """All compliance checks of a lot's record (drafts included), passing and failing."""
    return check_lot(lot_record(lot.pk))


def publish_lot(*, lot: Lot) -> Lot:
    """Publish the lot's drafts: run the compliance checks, then chain a hash onto each draft.

    Raises ComplianceFailed (nothing is written) when a check fails or an input lot is unpublished.
    """
    with transaction.atomic():
        Lot.objects.select_for_update().filter(pk=lot.pk).first()
        record = lot_record(lot.pk)
        lot, events = record.lot, record.events
        failing = [c for c in check_lot(record) if not c.ok]
        failing += [
            Check("input", False, _("input lot %(lot)s is not published ✘") % {"lot": source.code})
            for source in record.inputs
            if not source.is_published
        ]
        if failing:
            raise ComplianceFailed(failing)
        if not lot.is_published:
            lot.header_hash = records.header_hash(record, version=records.HEADER_VERSION)
            lot.published_at = timezone.now()
            lot.save(update_fields=["header_hash", "published_at"])
        published = [e for e in events if e.is_published]
        previous = max(published, key=lambda e: e.sequence).hash if published else lot.header_hash
        sequence = len(published)
        hashes = {e.id: e.hash for e in published}
        for event in events:
            if event.is_published:
                continue
            sequence += 1
            event.sequence = sequence
            event.previous_hash = previous
            event.hash = records.event_hash(event, corrected_hash=hashes.get(event.corrects_id, ""))
            event.epcis_event_id = uuid.uuid4()
            event.save(update_fields=["sequence", "previous_hash", "hash", "epcis_event_id"])
            hashes[event.id] = event.hash
            previous = event.hash
        _seal(record)
        _bump_after_commit(lot)
    return lot


def _seal(record: records.LotRecord) -> None:
    lot = record.lot
    lot.seal, lot.seal_signature = records.make_seal(record, document_hashes=_document_hashes(record))
    lot.save(update_fields=["seal", "seal_signature"])


def seal_lot(*, lot: Lot) -> Lot:
    """Sign the seal of a published lot that has none (published before seals existed).

    Raises RecordLocked when its chain no longer verifies: a broken record is never sealed.
    """
    with transaction.atomic():
        Lot.objects.select_for_update().filter(pk=lot.pk).first()
        record = lot_record(lot.pk)
        chain = [p for p in records.verify(record) if "seal" not in p.reason]
        if chain or not record.lot.is_published:
            raise RecordLocked(_("Lot %(lot)s cannot be sealed: its record does not verify.") % {"lot": lot.code})
        _seal(record)
        _bump_after_commit(record.lot)
    return record.lot


def stored_file_sha256(name: str) -> str | None:
    """The SHA-256 of a stored private file, or None when it is missing."""
    digest = hashlib.sha256()
    try:
        with private_storage().open(name, "rb") as handle:
            for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                digest.update(chunk)
    except (FileNotFoundError, OSError):
        return None
    return digest.hexdigest()


def _document_hashes(record: records.LotRecord) -> dict:
    return {c.pk: stored_file_sha256(c.document.name) or "" for c in record.certificates if c.document}


def file_problems(record: records.LotRecord) -> list[records.ChainProblem]:
    """Stored files that differ from what the record fixed: each published attachment against the
    SHA-256 in its event's hash, each certificate document against its sealed SHA-256."""
    lot = record.lot
    name = f"{lot.gtin}/{lot.code}"
    problems = []
    for event in record.events:
        if event.sequence is None:
            continue
        for attached in event.attached_files:
            if stored_file_sha256(attached.file.name) != attached.sha256:
                problems.append(records.ChainProblem(name, event.id, "an attached file was changed or removed"))
    sealed = records.sealed_document_hashes(lot)
    for certificate in record.certificates:
        expected = sealed.get(f"{certificate.kind}:{certificate.number}", "")
        actual = stored_file_sha256(certificate.document.name) if certificate.document else ""
        if lot.is_published and expected != (actual or ""):
            problems.append(records.ChainProblem(name, None, f"certificate {certificate} document was changed"))
    return problems


def verify_lot(*, lot: Lot) -> list[records.ChainProblem]:
    """Recompute the lot's hash chain from the stored rows and files, check its seal; empty when intact."""
    record = lot_record(lot.pk)
    return records.verify(record) + file_problems(record)


def allocate_line_lot(*, line) -> LineLot | None:
    """Record the published lot ``line`` ships from: the first to expire with enough packed units.

    A conditional UPDATE takes the units, so two orders cannot both take a lot's last units.
    Returns None for a line already allocated, without a product, or with no such lot.
    """
    if not line.product_id or LineLot.objects.filter(line=line).exists():
        return None
    candidates = (
        Lot.objects.filter(product_id=line.product_id, published_at__isnull=False)
        .filter(units_packed__gte=F("units_allocated") + line.quantity)
        .order_by(F("best_before").asc(nulls_last=True), "harvested_on", "id")
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        for lot_id in candidates:
            taken = Lot.objects.filter(
                pk=lot_id, units_packed__gte=F("units_allocated") + line.quantity
            ).update(units_allocated=F("units_allocated") + line.quantity)
            if taken:
                return LineLot.objects.create(line=line, lot_id=lot_id)
    return None


def allocate_line_lots(*, order) -> list[LineLot]:
    """``allocate_line_lot`` for every line of ``order`` (e.g. when an expired order is revived)."""
    Line = get_model("order", "Line")
    lines = Line.objects.filter(order=order, product__isnull=False, trace_lot__isnull=True)
    allocated = (allocate_line_lot(line=line) for line in lines)
    return [link for link in allocated if link is not None]


def release_line_lots(*, order) -> int:
    """Give back the lot units of ``order``'s lines (the order will not ship) and forget their lots.

    Returns how many lines were released.
    """
    links = list(LineLot.objects.filter(line__order=order).select_related("line"))
    with transaction.atomic():
        for link in links:
            Lot.objects.filter(pk=link.lot_id).update(
                units_allocated=Greatest(F("units_allocated") - link.line.quantity, Value(0))
            )
        LineLot.objects.filter(pk__in=[link.pk for link in links]).delete()
    return len(links)

"""The trace page's timelines in words: each published event as an entry ready to print, in the active language.

Entries are worded here, once per event, rather than with template filters: the trace page is
rendered on every cache miss of every scan, and plain Python words an entry several times faster
than the template language does. Entries are dictionaries because the template language looks
keys up before attributes.
"""

from dataclasses import dataclass
from typing import TypedDict

from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalogue.photos import RENDITION_WIDTHS

from .file_views import event_file_url
from .models import DiaryEvent, EventFile, Lot
from .units import in_reader_language, unit_label

Kind = DiaryEvent.Kind


class Attachment(TypedDict):
    """A photo (``url`` of its 640 px rendition, ``srcset`` of all widths) or a document's download."""

    url: str
    srcset: str
    caption: str
    is_photo: bool


class Entry(TypedDict):
    """One event of a timeline; ``details`` follows the title ("— Bordeaux, dose 2 l/ha — 12 kg")."""

    id: int
    kind: str
    occurred_at: str
    when: str
    title: str
    details: str
    note: str
    corrects_id: int | None
    corrected_by_id: int | None
    attachments: list[Attachment]
    entered_by_coop: str


@dataclass(frozen=True)
class Timeline:
    lot: Lot
    entries: list[Entry]


def _labels() -> dict:
    """Kinds, input kinds and steps by code, translated once per page (not once per event)."""
    choices = (*Kind.choices, *DiaryEvent.InputKind.choices, *DiaryEvent.Step.choices)
    return {code: str(label) for code, label in choices}


def _title(event, labels: dict) -> str:
    if event.kind == Kind.PROCESSING and event.step:
        return labels.get(event.step, event.step)
    if event.kind == Kind.INPUT and event.input_kind:
        return labels.get(event.input_kind, event.input_kind)
    return labels.get(event.kind, event.kind)


def _amount(value, unit: str) -> str:
    return f"{floatformat(value, '-2')} {unit_label(unit)}".rstrip()


def _details(event) -> str:
    parts = []
    if event.kind == Kind.INPUT:
        words = [in_reader_language(event.input_product, event.input_product_en)]
        if event.dose:
            words.append(_("dose %(dose)s") % {"dose": in_reader_language(event.dose, event.dose_en)})
        if event.pre_harvest_interval_days is not None:
            days = event.pre_harvest_interval_days
            words.append(
                ngettext("pre-harvest interval %(days)s day", "pre-harvest interval %(days)s days", days)
                % {"days": days}
            )
        parts.append(", ".join(word for word in words if word))
    if event.quantity:
        parts.append(_amount(event.quantity, event.quantity_unit))
    if event.measurement is not None:
        parts.append(_("measured %(value)s") % {"value": _amount(event.measurement, event.measurement_unit)})
    if event.kind == Kind.LAB_TEST and event.laboratory:
        parts.append(event.laboratory)
    return "".join(f" — {part}" for part in parts if part)


def _attachments(event) -> list[Attachment]:
    attachments = []
    for f in event.attached_files:
        is_photo = f.kind == EventFile.Kind.PHOTO
        srcset = ", ".join(
            f"{event_file_url(f, width=width, fmt='jpeg')} {width}w" for width in RENDITION_WIDTHS
        ) if is_photo else ""
        attachments.append(Attachment(
            url=event_file_url(f, width=640, fmt="jpeg") if is_photo else event_file_url(f),
            srcset=srcset,
            caption=f.caption or (_("photo") if is_photo else _("document")),
            is_photo=is_photo,
        ))
    return attachments


def entry(event, *, labels: dict, corrected_by=None) -> Entry:
    moment = timezone.localtime(event.occurred_at)
    return Entry(
        id=event.pk,
        kind=event.kind,
        occurred_at=moment.isoformat(),
        when=moment.strftime("%d/%m/%Y %H:%M"),
        title=_title(event, labels),
        details=_details(event),
        note=_note(event),
        corrects_id=event.corrects_id,
        corrected_by_id=corrected_by.pk if corrected_by else None,
        attachments=_attachments(event),
        entered_by_coop=_entered_by_coop(event),
    )


def _entered_by_coop(event) -> str:
    """"Co-op X recorded this for Y" when a co-op clerk entered the event for its producer, else ""."""
    assisted = getattr(event, "assisted_entry", None)
    if assisted is None:
        return ""
    return _("Co-op %(coop)s recorded this for %(producer)s") % {
        "coop": assisted.coop.name, "producer": event.lot.product.producer.name,
    }


def timelines(record) -> list[Timeline]:
    """The lot's own timeline first, then one per origin lot (a ``selectors.TraceRecord``)."""
    result, labels = [], _labels()
    for lot_record in record.records:
        corrections = {e.corrects_id: e for e in lot_record.events if e.corrects_id}
        entries = [entry(e, labels=labels, corrected_by=corrections.get(e.pk)) for e in lot_record.events]
        result.append(Timeline(lot=lot_record.lot, entries=entries))
    return result


def _note(event) -> str:
    """The note in the reader's language: the English text where there is one, else the producer's."""
    return in_reader_language(event.note, event.note_en)

"""Diary entries that arrive late: written on a phone without signal, sent when it came back.

Meanwhile the co-op may have published the lot. A published record is append-only, so a new
entry is simply a new draft; but when the co-op published an entry for the same work (same
kind, same day, same processing step) after the producer last saw the lot, the late entry is
the producer's version of that entry: it is kept as a draft *correction* of it, through the
ordinary correction path (``services.correct_event``), so nothing is lost or silently merged.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from . import services
from .models import DiaryEvent, Lot


@dataclass(frozen=True)
class LateEntry:
    """What became of an entry: the saved draft, and the published entry it corrects, if any."""

    event: DiaryEvent
    corrects: DiaryEvent | None
    published_meanwhile: bool


def last_published_sequence(*, lot: Lot) -> int:
    """The position of the lot's last published entry (0 before the first publication)."""
    return lot.events.aggregate(last=Max("sequence"))["last"] or 0


def _published_twin(*, lot: Lot, seen_sequence: int, kind: str, occurred_at: datetime, step: str) -> DiaryEvent | None:
    day = timezone.localtime(occurred_at).date()
    candidates = lot.events.filter(sequence__gt=seen_sequence, kind=kind, occurred_at__date=day).order_by("-sequence")
    if step:
        candidates = candidates.filter(step=step)
    return candidates.first()


def record_late_entry(
    *,
    lot: Lot,
    seen_sequence: int | None,
    kind: str,
    occurred_at: datetime,
    accepted=None,
    recorded_by=None,
    **fields,
) -> LateEntry:
    """Record an entry the producer made having seen the lot up to ``seen_sequence``.

    ``seen_sequence`` None (a form without it) records a plain draft. ``accepted`` is the
    attachment as ``services.accept_attachment`` returned it. Raises what ``record_event`` raises.
    """
    with transaction.atomic():
        Lot.objects.select_for_update().filter(pk=lot.pk).first()
        current = last_published_sequence(lot=lot)
        meanwhile = seen_sequence is not None and current > seen_sequence
        twin = (
            _published_twin(
                lot=lot, seen_sequence=seen_sequence, kind=kind, occurred_at=occurred_at, step=fields.get("step") or ""
            )
            if meanwhile
            else None
        )
        if twin is None:
            event = services.record_event_with_attachment(
                lot=lot, kind=kind, occurred_at=occurred_at, accepted=accepted, recorded_by=recorded_by, **fields
            )
            return LateEntry(event=event, corrects=None, published_meanwhile=meanwhile)
        note = fields.pop("note", "") or _("Correction")
        event = services.correct_event(
            event=twin, note=note, recorded_by=recorded_by, occurred_at=occurred_at, **fields
        )
        if accepted is not None:
            services.attach_file(event=event, accepted=accepted)
        return LateEntry(event=event, corrects=twin, published_meanwhile=True)

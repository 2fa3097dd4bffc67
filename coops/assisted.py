"""Records a co-op enters for a member producer, and the producer's objections to them.

The portal and the diary write through their own services; when the request acts for a member
(``portal.acting``), they also note here what was entered, in the same transaction, so that
every such record names the clerk, the co-op and the producer.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AssistedEntry

Kind = AssistedEntry.Kind


class ObjectionRefused(ValueError):
    """The entry cannot be objected to (already objected, or a diary draft); the message is for the producer."""


def entry_note(
    *, acting, kind: str, product=None, diary_event=None, photo_upload=None, summary: str = ""
) -> AssistedEntry | None:
    """Note that ``acting.clerk`` entered this for ``acting.producer``; nothing when not acting."""
    if acting is None:
        return None
    return AssistedEntry.objects.create(
        coop=acting.coop,
        producer=acting.producer,
        entered_by=acting.clerk,
        kind=kind,
        product=product or (diary_event.lot.product if diary_event is not None else None),
        diary_event=diary_event,
        photo_upload=photo_upload,
        summary=summary[:240],
    )


def entries_for(*, producers) -> QuerySet:
    """What co-ops entered for ``producers``, newest first."""
    return (
        AssistedEntry.objects.filter(producer__in=producers)
        .select_related("coop", "producer", "entered_by", "product", "diary_event", "diary_event__lot",
                        "correction")
        .order_by("-created_at", "-id")
    )


def entry_of(*, producers, entry_id: int) -> AssistedEntry:
    """One entry made for ``producers``; Http404 for anybody else's."""
    return get_object_or_404(entries_for(producers=producers), pk=entry_id)


def entry_object(*, entry: AssistedEntry, objection: str, by) -> AssistedEntry:
    """The producer objects to a diary entry the co-op made for them: a correction is recorded.

    The correction goes through the diary's own mechanism (``traceability.services.correct_event``):
    a new draft that keeps the entry's values and says what the producer objects to, for the co-op
    to review and publish. Raises ObjectionRefused for an entry already objected to, and for one
    that is not a published diary entry (a draft is deleted in the diary; a product, its stock
    and photos are changed in the portal).
    """
    from traceability import services as diary

    objection = objection.strip()
    with transaction.atomic():
        entry = AssistedEntry.objects.select_for_update(of=("self",)).select_related("diary_event").get(
            pk=entry.pk
        )
        if entry.objected_at is not None:
            raise ObjectionRefused(_("You have already objected to this entry."))
        event = entry.diary_event
        if event is None or not event.is_published:
            raise ObjectionRefused(
                _("Only a published diary entry can be corrected; change or delete the others yourself.")
            )
        note = _("The producer objects to this entry: %(objection)s") % {"objection": objection}
        correction = diary.correct_event(event=event, note=note, recorded_by=by)
        entry.objected_at, entry.objection, entry.correction = timezone.now(), objection, correction
        entry.save(update_fields=["objected_at", "objection", "correction"])
    return entry

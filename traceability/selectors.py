"""Reads of the traceability record, each in a fixed number of queries however long the diary grows."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone

from . import records
from .compliance import Check, check_lot, effective_events
from .models import Certificate, DiaryEvent, Lot

MAX_ORIGIN_DEPTH = 4


def published_lot(*, gtin: str, code: str) -> Lot | None:
    """The published lot with this GTIN-14 and lot code, with what its page shows; None if unknown."""
    return (
        Lot.objects.select_related("product", "product__producer", "growing_area")
        .prefetch_related("certificates", "made_by__inputs")
        .filter(gtin=gtin, code=code, published_at__isnull=False)
        .first()
    )


@dataclass
class TraceRecord:
    """Everything the trace page, the linkset and the EPCIS export show about one lot."""

    lot: Lot
    events: list = field(default_factory=list)
    origin_lots: list = field(default_factory=list)
    origin_events: dict = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def timelines(self) -> list:
        """(lot, events) for this lot first, then each origin lot: what the page's timeline shows."""
        return [(self.lot, self.events)] + [(o, self.origin_events.get(o.pk, [])) for o in self.origin_lots]

    @property
    def lab_results(self) -> list:
        return [e for e in effective_events(self.events) if e.kind == DiaryEvent.Kind.LAB_TEST]

    @property
    def corrections(self) -> list:
        return [e for e in self.events if e.corrects_id]


def _published_events(lots) -> list:
    """Published events of ``lots`` (each given its already loaded lot), oldest first."""
    by_id = {lot.pk: lot for lot in lots}
    events = list(
        DiaryEvent.objects.filter(lot_id__in=list(by_id), sequence__isnull=False)
        .prefetch_related("files")
        .order_by("occurred_at", "id")
    )
    for event in events:
        event.lot = by_id[event.lot_id]
    return events


def trace_record(*, lot: Lot) -> TraceRecord:
    """The lot's published events, its origin lots (transformations followed back), checks and integrity.

    Queries: a fixed number per origin generation (at most MAX_ORIGIN_DEPTH), none per event.
    """
    origin_lots, generation, seen = [], [lot], {lot.pk}
    for _depth in range(MAX_ORIGIN_DEPTH):
        parents = [i for current in generation for t in current.made_by.all() for i in t.inputs.all()]
        parents = [p for p in parents if p.pk not in seen and p.is_published]
        if not parents:
            break
        seen.update(p.pk for p in parents)
        parents = list(
            Lot.objects.filter(pk__in=[p.pk for p in parents])
            .select_related("product", "growing_area")
            .prefetch_related("certificates", "made_by__inputs")
        )
        origin_lots += parents
        generation = parents
    events = _published_events([lot, *origin_lots])
    by_lot = {}
    corrections = {e.corrects_id: e for e in events if e.corrects_id}
    for event in events:
        event.corrected_by = corrections.get(event.id)
        by_lot.setdefault(event.lot_id, []).append(event)
    own = by_lot.get(lot.pk, [])
    problems = records.verify_lot(lot, own)
    for origin in origin_lots:
        problems += records.verify_lot(origin, by_lot.get(origin.pk, []))
    return TraceRecord(
        lot=lot,
        events=own,
        origin_lots=origin_lots,
        origin_events={o.pk: by_lot.get(o.pk, []) for o in origin_lots},
        checks=check_lot(lot, own, list(lot.certificates.all())),
        problems=problems,
    )


def latest_published_lot(*, product) -> Lot | None:
    return (
        Lot.objects.filter(product=product, published_at__isnull=False)
        .order_by("-harvested_on", "-published_at")
        .first()
    )


def current_certificates(*, product) -> list[Certificate]:
    """Certificates valid today for the product, its producer or the area of its latest lots."""
    today = timezone.localdate()
    return list(
        Certificate.objects.filter(valid_from__lte=today, valid_to__gte=today)
        .filter(
            Q(product=product)
            | Q(producer_id=product.producer_id)
            | Q(growing_area__lots__product=product, growing_area__lots__published_at__isnull=False)
        )
        .distinct()
        .order_by("kind", "number")
    )


def lots_for_user(user):
    """The lots a user may keep the diary of: staff all, co-op users their members', producers their own."""
    lots = Lot.objects.select_related("product", "product__producer", "growing_area")
    if user.is_staff:
        return lots
    return lots.filter(
        Q(product__producer__users=user) | Q(product__producer__coop__users=user)
    ).distinct()


def can_publish(user, lot: Lot) -> bool:
    """Staff and the users of the producer's co-op review and publish; producers only draft."""
    if user.is_staff:
        return True
    coop_id = lot.product.producer.coop_id if lot.product.producer_id else None
    return bool(coop_id) and user.coops.filter(pk=coop_id).exists()


def lot_events_with_files(*, lot: Lot) -> list:
    return list(
        lot.events.prefetch_related(Prefetch("files"), "corrections").select_related("corrects")
        .order_by("occurred_at", "id")
    )


def scan_totals(*, lots) -> dict:
    """Scans per lot id (flushed counts) for the diary list."""
    from django.db.models import Sum

    from .models import ScanCount

    rows = ScanCount.objects.filter(lot__in=lots).values("lot_id").annotate(total=Sum("count"))
    return {row["lot_id"]: row["total"] for row in rows}

"""Reads of the traceability record, each in a fixed number of queries however long the diary grows."""

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import unquote

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from . import gs1, records
from .compliance import Check, check_lot, effective_events
from .models import Certificate, DiaryEvent, EventFile, Lot, Transformation

MAX_ORIGIN_DEPTH = 4
TRACE_PAGE_RELATED = ("product", "product__producer", "product__product_class", "growing_area", "facility")
#: The columns the trace page reads of a lot and what it joins (a product row is wide).
TRACE_PAGE_COLUMNS = (
    *(f.name for f in Lot._meta.concrete_fields),
    "product__title", "product__slug", "product__upc", "product__structure", "product__producer__name",
    "product__ocop_stars", "product__title_vi", "product__title_en",
    "product__producer__village", "product__producer__ward_code", "product__product_class__slug",
    *(f"growing_area__{name}" for name in ("name", "kind", "code", "gln", "ward_code")),
    *(f"facility__{name}" for name in ("name", "name_en", "address", "ward_code", "code", "gln")),
)


@dataclass
class TraceRecord:
    """Everything the trace page, the linkset and the EPCIS export show about one lot.

    ``own`` is the lot's record; ``origins`` the records of the published lots it was made from,
    transformations followed back up to MAX_ORIGIN_DEPTH generations.
    """

    own: records.LotRecord
    origins: list[records.LotRecord] = field(default_factory=list)
    problems: list[records.ChainProblem] = field(init=False)
    checks: list[Check] = field(init=False)

    def __post_init__(self):
        self.problems = [problem for record in self.records for problem in records.verify(record)]
        self.checks = check_lot(self.own)

    @property
    def records(self) -> list[records.LotRecord]:
        return [self.own, *self.origins]

    @property
    def lot(self) -> Lot:
        return self.own.lot

    @property
    def events(self) -> list:
        return self.own.events

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def lab_results(self) -> list:
        return [e for e in effective_events(self.events) if e.kind == DiaryEvent.Kind.LAB_TEST]

    @property
    def certificates_today(self) -> list[tuple[Certificate, bool]]:
        """The lot's claimed certificates, each with whether it is still valid today."""
        today = timezone.localdate()
        return [(certificate, certificate.is_valid_on(today)) for certificate in self.own.certificates]

    @property
    def ocop_stars(self) -> int | None:
        """The product's OCOP stars, shown for this lot only while an OCOP certificate it claims is valid."""
        if any(c.kind == Certificate.Kind.OCOP and valid for c, valid in self.certificates_today):
            return self.lot.product.ocop_stars
        return None

    @property
    def corrections(self) -> list:
        return [e for e in self.events if e.corrects_id]


def _made_from_lots():
    """Annotation: whether a lot is the output of a transformation (so it has input lots to load)."""
    return Exists(Transformation.outputs.through.objects.filter(lot_id=OuterRef("pk")))


def _lineage(lot: Lot) -> tuple[dict, list[Lot]]:
    """The lots each lot was made from (by lot id), and the published origin lots, generation by generation.

    ``lot`` carries the ``made_from_lots`` annotation; one query per generation that has inputs.
    The inputs of the last generation shown are loaded too, because their header hashes cover them.
    """
    inputs, origins, known = {}, [], {lot.pk}
    generation = [lot.pk] if lot.made_from_lots else []
    for depth in range(1, MAX_ORIGIN_DEPTH + 2):
        if not generation:
            break
        sources = (
            Lot.objects.filter(used_in__outputs__in=generation)
            .annotate(made_into=F("used_in__outputs"), made_from_lots=_made_from_lots())
            .select_related(*TRACE_PAGE_RELATED)
            .only(*TRACE_PAGE_COLUMNS)
            .order_by()
        )
        generation = []
        for source in sources:
            inputs.setdefault(source.made_into, []).append(source)
            if depth <= MAX_ORIGIN_DEPTH and source.is_published and source.pk not in known:
                known.add(source.pk)
                origins.append(source)
                if source.made_from_lots:
                    generation.append(source.pk)
    origins.sort(key=lambda each: (-(each.harvested_on or date.min).toordinal(), each.code))
    return inputs, origins


def trace_record(*, gtin: str, code: str) -> TraceRecord | None:
    """The published lot with this GTIN-14 and lot code and its origin lots, each with its
    claimed certificates and published events, verified and checked; None if unknown.

    Queries: four, plus one per generation of lots made from lots; none per event, certificate or lot.
    """
    try:
        lot = (
            Lot.objects.select_related(*TRACE_PAGE_RELATED)
            .only(*TRACE_PAGE_COLUMNS)
            .annotate(made_from_lots=_made_from_lots())
            .get(gtin=gtin, code=code, published_at__isnull=False)
        )
    except Lot.DoesNotExist:
        return None
    inputs, origins = _lineage(lot)
    lots = {each.pk: each for each in (lot, *origins)}
    certificates, events = _claimed_certificates(lots), _published_events(lots)
    by_lot = {
        pk: records.LotRecord(
            lot=each, certificates=certificates.get(pk, []), inputs=inputs.get(pk, []), events=events.get(pk, [])
        )
        for pk, each in lots.items()
    }
    return TraceRecord(own=by_lot[lot.pk], origins=[by_lot[origin.pk] for origin in origins])


def _claimed_certificates(lots: dict) -> dict:
    """The certificates each of ``lots`` (by id) claims, by lot id; one query."""
    claimed = Certificate.objects.filter(lots__in=list(lots)).annotate(claimed_by=F("lots")).order_by()
    by_lot = {}
    for certificate in sorted(claimed, key=lambda c: (c.kind, c.valid_from, c.pk)):
        by_lot.setdefault(certificate.claimed_by, []).append(certificate)
    return by_lot


def _published_events(lots: dict) -> dict:
    """The published events of ``lots`` (by id), oldest first, by lot id, each with its lot and
    ``attached_files``; two queries."""
    files = {}
    for attached in EventFile.objects.filter(event__lot_id__in=list(lots), event__sequence__isnull=False):
        files.setdefault(attached.event_id, []).append(attached)
    by_lot = {}
    published = DiaryEvent.objects.filter(lot_id__in=list(lots), sequence__isnull=False)
    for event in published.select_related("assisted_entry__coop").order_by("occurred_at", "id"):
        event.lot = lots[event.lot_id]
        event.attached_files = files.get(event.pk, [])
        by_lot.setdefault(event.lot_id, []).append(event)
    return by_lot


def transformations_of(record: TraceRecord) -> list:
    """The transformations that made the record's lots, with their input and output lots."""
    return list(
        Transformation.objects.filter(outputs__in=[r.lot.pk for r in record.records])
        .distinct()
        .prefetch_related("inputs", "outputs")
        .order_by("occurred_at", "pk")
    )


def lot_of_line(line) -> Lot | None:
    """The lot an order line was allocated from, or None when it has none (yet)."""
    try:
        return line.trace_lot.lot
    except (ObjectDoesNotExist, AttributeError):
        return None


def product_by_gtin(*, gtin: str):
    """The public product whose GTIN (UPC field, kept as 8, 12, 13 or 14 digits) is ``gtin`` (14 digits), or None."""
    from oscar.core.loading import get_model

    written = {gtin[len(gtin) - length:] for length in gs1.GTIN_LENGTHS}
    candidates = [value for value in written if gs1.is_valid_gtin(value) and value.zfill(14) == gtin]
    Product = get_model("catalogue", "Product")
    return Product.objects.filter(upc__in=candidates, is_public=True).order_by("pk").first()


def product_image(*, product):
    """The product's first image (Oscar's ProductImage) or None; one query."""
    from oscar.core.loading import get_model

    ProductImage = get_model("catalogue", "ProductImage")
    return ProductImage.objects.filter(product_id=product.pk).order_by("display_order", "pk").first()


def named_by_identifier(*, iri: str) -> tuple[str, str, str, str] | None:
    """What a location or party identifier of the EPCIS documents names: (kind, name, code, address)."""
    from oscar.core.loading import get_model

    from .exports import area_id, facility_id, producer_id
    from .models import Facility, GrowingArea
    from .record_items import ward_address

    tail = iri.rsplit("/", 1)[-1]
    number = int(tail.rsplit("-", 1)[1]) if re.fullmatch(r"(area|facility|producer)-\d+", tail) else None
    code = unquote(tail)
    for model, identify, kind in ((GrowingArea, area_id, "GrowingArea"), (Facility, facility_id, "Facility")):
        for candidate in model.objects.filter(Q(code=code) | Q(pk=number or 0)):
            if identify(candidate) == iri:
                return kind, candidate.name, candidate.code, ward_address(
                    getattr(candidate, "address", ""), ward_code=candidate.ward_code)
    if number is not None:
        producer = get_model("partner", "Partner").objects.filter(pk=number).first()
        if producer is not None and producer_id(producer) == iri:
            return "Producer", producer.name, "", ward_address(producer.village, ward_code=producer.ward_code)
    return None


def latest_published_lot(*, product) -> Lot | None:
    return (
        Lot.objects.filter(product=product, published_at__isnull=False)
        .order_by("-harvested_on", "-published_at")
        .first()
    )


def certificates_of_product(*, product_ref, day: date) -> QuerySet:
    """Certificates valid on ``day`` that belong to one product: issued for it, or claimed by a
    published lot of it. A producer's certificate for another product never counts.

    ``product_ref`` is a product (or its id), or ``OuterRef("pk")`` inside a product query.
    """
    return Certificate.objects.filter(valid_from__lte=day, valid_to__gte=day).filter(
        Q(product=product_ref) | Q(lots__product=product_ref, lots__published_at__isnull=False)
    )


def public_ocop_stars(*, day: date | None = None):
    """Annotation for a product query: the product's OCOP stars when one of its own OCOP
    certificates is valid on ``day`` (today by default), else NULL.

    The number is the one staff confirmed (``Product.ocop_stars``); the certificate makes it true today.
    The two ways a certificate belongs to the product are two lookups by product, each on an index:
    one lookup joining both (as ``certificates_of_product`` does) scanned every OCOP certificate
    for every product listed, 0.3 s for a category of 1,000 products on SQLite.
    """
    day = day or timezone.localdate()
    valid_ocop = Certificate.objects.filter(valid_from__lte=day, valid_to__gte=day, kind=Certificate.Kind.OCOP)
    issued = valid_ocop.filter(product=OuterRef("pk"))
    claimed = Lot.certificates.through.objects.filter(
        lot__product=OuterRef("pk"), lot__published_at__isnull=False, certificate__in=valid_ocop
    )
    return Case(When(Exists(issued) | Exists(claimed), then=F("ocop_stars")), default=Value(None))


def current_certificates(*, product, day: date | None = None) -> list[Certificate]:
    """The product's own certificates valid on ``day`` (today by default), one query."""
    day = day or timezone.localdate()
    return list(certificates_of_product(product_ref=product, day=day).distinct().order_by("kind", "number"))


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
        lot.events.prefetch_related(Prefetch("files"), "corrections")
        .select_related("corrects", "assisted_entry__coop")
        .order_by("occurred_at", "id")
    )


def scan_totals(*, lots) -> dict:
    """Scans per lot id (flushed counts) for the diary list."""
    from django.db.models import Sum

    from .models import ScanCount

    rows = ScanCount.objects.filter(lot__in=lots).values("lot_id").annotate(total=Sum("count"))
    return {row["lot_id"]: row["total"] for row in rows}


def event_file_for(*, user, file_id: int) -> EventFile | None:
    """An attachment the user may open: anyone once its event is published, else only those
    who keep the lot's diary. None otherwise (the view answers 404, revealing nothing)."""
    attached = EventFile.objects.select_related("event", "event__lot").filter(pk=file_id).first()
    if attached is None:
        return None
    if attached.event.is_published and attached.event.lot.is_published:
        return attached
    if user.is_authenticated and lots_for_user(user).filter(pk=attached.event.lot_id).exists():
        return attached
    return None


def certificate_for(*, user, certificate_id: int) -> Certificate | None:
    """A certificate whose document the user may open: public once a published lot claims it,
    otherwise staff only."""
    certificate = Certificate.objects.filter(pk=certificate_id).exclude(document="").first()
    if certificate is None:
        return None
    if certificate.lots.filter(published_at__isnull=False).exists() or user.is_staff:
        return certificate
    return None

"""Reads of the portal, every one scoped to the producers a request acts for.

Views never look an object up by id alone: they go through these functions with the producers
``portal.acting.producers_for`` resolved (the user's own, or the member a co-op user acts for),
so an id that belongs to another producer is simply not found (404).
"""

from datetime import timedelta

from django.db.models import F, Prefetch, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from oscar.core.loading import get_model

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Order = get_model("order", "Order")
Line = get_model("order", "Line")

#: Stock at or below this many units shows as an alert.
LOW_STOCK_THRESHOLD = 5


def producers_of_user(*, user) -> QuerySet:
    """The producers this user acts for (Oscar's partner users)."""
    if not user.is_authenticated:
        return Partner.objects.none()
    return Partner.objects.filter(users=user).order_by("name", "id")


def is_producer_user(*, user) -> bool:
    return producers_of_user(user=user).exists()


def products_of(*, producers) -> QuerySet:
    """Every product (public or not) of ``producers``, ready for the portal's list."""
    return (
        Product.objects.filter(producer__in=producers, parent__isnull=True)
        .select_related("product_class", "producer", "ocop_claim")
        .prefetch_related(
            Prefetch("stockrecords", queryset=StockRecord.objects.order_by("id")),
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "id")),
            "categories",
        )
        .order_by("-date_updated", "-id")
    )


def product_of(*, producers, product_id: int):
    """One product of ``producers``; Http404 for anybody else's."""
    return get_object_or_404(products_of(producers=producers), pk=product_id)


def photo_of(*, producers, product_id: int, photo_id: int):
    """One photo of one of the user's products; Http404 otherwise."""
    return get_object_or_404(
        ProductImage.objects.select_related("product"),
        pk=photo_id,
        product_id=product_id,
        product__producer__in=producers,
    )


def stockrecord_of(*, product):
    """The producer's own stock record of a product (None before price and stock are set)."""
    for record in product.stockrecords.all():
        if record.partner_id == product.producer_id:
            return record
    return None


def order_lines_of(*, producers) -> QuerySet:
    """Order lines of ``producers`` only; other producers' lines in the same order never appear."""
    return (
        Line.objects.filter(partner__in=producers)
        .select_related("order", "order__shipping_address", "product", "partner")
        .order_by("-order__date_placed", "order_id", "id")
    )


def orders_of(*, producers) -> list[dict]:
    """Orders with at least one line of ``producers``, each with those lines only."""
    orders: dict[int, dict] = {}
    for line in order_lines_of(producers=producers):
        entry = orders.setdefault(line.order_id, {"order": line.order, "lines": []})
        entry["lines"].append(line)
    return list(orders.values())


def order_of(*, producers, number: str) -> dict:
    """One order as the user may see it: the order and their own lines; Http404 when they have none."""
    lines = list(order_lines_of(producers=producers).filter(order__number=number))
    if not lines:
        raise Http404("No such order")
    return {"order": lines[0].order, "lines": lines}


def line_of(*, producers, line_id: int):
    """One order line of ``producers``; Http404 otherwise."""
    return get_object_or_404(order_lines_of(producers=producers), pk=line_id)


def low_stock_of(*, producers, threshold: int = LOW_STOCK_THRESHOLD) -> QuerySet:
    """Stock records of the user's products with few units left to sell."""
    return (
        StockRecord.objects.filter(
            partner__in=producers, product__producer_id=F("partner_id")
        )
        .annotate(available=F("num_in_stock") - Coalesce(F("num_allocated"), 0))
        .filter(available__lte=threshold)
        .select_related("product")
        .order_by("available", "product__title")
    )


def pending_ocop_claims() -> QuerySet:
    """Claims waiting for staff, oldest first (staff screens only)."""
    OcopClaim = get_model("portal", "OcopClaim")
    return (
        OcopClaim.objects.filter(status=OcopClaim.Status.PENDING)
        .select_related("product", "product__producer")
        .order_by("submitted_at")
    )


#: Refused uploads stay listed on the photos page this long, so the producer learns why.
REFUSED_UPLOADS_SHOWN_FOR = timedelta(days=1)


def unfinished_uploads(*, product) -> list:
    """The product's uploads still being processed, and those refused in the last day."""
    from .models import PhotoUpload

    since = timezone.now() - REFUSED_UPLOADS_SHOWN_FOR
    return list(
        PhotoUpload.objects.filter(product=product, created_at__gte=since)
        .exclude(status=PhotoUpload.Status.READY)
        .order_by("created_at")
    )

"""Reads of the catalogue for listing pages, each a fixed number of queries however large it grows."""

from django.db.models import Case, F, Prefetch, QuerySet, Value, When
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")


#: Most OCOP stars first, unrated products last (PostgreSQL would put NULLs first on DESC).
BEST_RATED_FIRST = (F("ocop_stars").desc(nulls_last=True), "title", "id")


def listable_products() -> QuerySet:
    """Public products ready for a product card: price, stock, first image and producer prefetched.

    A card must never trigger a query of its own: listing 24 or 1,000 products costs the same
    three queries (products, stock records, images).
    """
    return (
        Product.objects.browsable()
        .select_related("producer", "product_class")
        .prefetch_related(
            Prefetch("stockrecords", queryset=StockRecord.objects.order_by("id")),
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order")),
        )
        .order_by(*BEST_RATED_FIRST)
    )


def featured_products(*, product_ids: list[int], limit: int) -> QuerySet:
    """The products staff chose, in their order, topped up with the best-rated others."""
    staff_order = Case(
        *[When(id=product_id, then=Value(rank)) for rank, product_id in enumerate(product_ids)],
        default=Value(len(product_ids)),
    )
    return listable_products().order_by(staff_order, *BEST_RATED_FIRST)[:limit]


def products_of_producer(*, partner_id: int) -> QuerySet:
    """The live products of one producer."""
    return listable_products().filter(producer_id=partner_id)

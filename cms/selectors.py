"""Reads behind the showcase blocks: the live products a staff member chose for a page."""

from oscar.core.loading import get_model

from catalogue.selectors import listable_products

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")


def products_chosen(*, product_ids: list[int]) -> list:
    """The public ones among the chosen products, in the staff's order, with live price and stock."""
    found = {p.pk: p for p in listable_products().filter(pk__in=product_ids)}
    return [found[pk] for pk in product_ids if pk in found]


def products_matching(
    *, category_id: int | None, producer_id: int | None, min_stars: int | None, limit: int
) -> list:
    """Up to ``limit`` public products of a category (with its sub-categories), producer and star floor."""
    products = listable_products()
    if category_id:
        category = Category.objects.filter(pk=category_id).first()
        if category is None:
            return []
        products = products.filter(categories__in=category.get_descendants_and_self()).distinct()
    if producer_id:
        products = products.filter(producer_id=producer_id)
    if min_stars:
        products = products.filter(public_stars__gte=min_stars)
    return list(products[:limit])


def category_choices() -> list[tuple[str, str]]:
    return [(str(c.pk), c.full_name) for c in Category.objects.browsable().order_by("path")]


def producer_choices() -> list[tuple[str, str]]:
    return [(str(pk), name) for pk, name in Partner.objects.order_by("name").values_list("pk", "name")]


def showcase_pages_for_product(*, product, language_code: str) -> dict:
    """The live producer page and product story page of ``product`` in a language (else any)."""
    from .models import ProducerPage, ProductStoryPage

    def in_language(pages):
        found = list(pages.live().select_related("locale")[:10])
        preferred = [p for p in found if p.locale.language_code == language_code]
        return (preferred or found or [None])[0]

    producer_page = (
        in_language(ProducerPage.objects.filter(partner_id=product.producer_id))
        if product.producer_id
        else None
    )
    story_page = in_language(ProductStoryPage.objects.filter(product_id=product.pk))
    return {"producer_page": producer_page, "story_page": story_page}

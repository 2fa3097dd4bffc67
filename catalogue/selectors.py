"""Reads of the catalogue for listing pages, each a fixed number of queries however large it grows."""

from dataclasses import dataclass, field

from django.db.models import Case, F, Prefetch, QuerySet, Value, When
from django.urls import reverse
from oscar.core.loading import get_model

Category = get_model("catalogue", "Category")

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")


#: Most OCOP stars first, unrated products last (PostgreSQL would put NULLs first on DESC).
#: ``public_stars`` is the annotation ``with_public_stars`` adds.
BEST_RATED_FIRST = (F("public_stars").desc(nulls_last=True), "title", "id")


def with_public_stars(products: QuerySet) -> QuerySet:
    """Annotate ``public_stars``: a product's OCOP stars, only while one of its own OCOP
    certificates (or one a published lot of it claims) is valid today; NULL otherwise.

    Every public view of the stars (cards, product page, JSON-LD, filters, sorting) reads this.
    """
    from traceability.selectors import public_ocop_stars

    return products.annotate(public_stars=public_ocop_stars())


def with_stars_at_least(products: QuerySet, stars: int) -> QuerySet:
    """The products whose stars valid today are ``stars`` or more (``products`` carries ``public_stars``)."""
    return products.filter(public_stars__gte=stars)


def listable_products() -> QuerySet:
    """Public products ready for a product card: price, stock, first image and producer prefetched.

    A card must never trigger a query of its own: listing 24 or 1,000 products costs the same
    three queries (products, stock records, images).
    """
    return (
        with_public_stars(Product.objects.browsable())
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


@dataclass
class CategoryLink:
    """One category as navigation shows it: name, address, full name and its sub-categories."""

    category: object
    full_slug: str
    url: str
    label: str
    children: list["CategoryLink"] = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.category.pk

    @property
    def name(self) -> str:
        return self.category.name


def category_links(*, max_depth: int = 2) -> list[CategoryLink]:
    """The public category tree down to ``max_depth`` (roots first, each with its children), one query.

    Addresses and full names are built from the tree itself, not one ancestor query per category.
    """
    categories = Category.objects.browsable().filter(depth__lte=max_depth).order_by("path")
    by_path: dict[str, CategoryLink] = {}
    roots = []
    for category in categories:
        parent = by_path.get(category.path[: -category.steplen])
        if category.depth > 1 and parent is None:
            continue  # under a hidden parent
        slug = f"{parent.full_slug}/{category.slug}" if parent else category.slug
        link = CategoryLink(
            category=category,
            full_slug=slug,
            url=reverse("catalogue:category", kwargs={"category_slug": slug, "pk": category.pk}),
            label=f"{parent.label} > {category.name}" if parent else category.name,
        )
        by_path[category.path] = link
        (parent.children if parent else roots).append(link)
    return roots


def category_choices(*, max_depth: int = 3) -> list[tuple[int, str]]:
    """Every public category as (id, "Parent > Child") for a form's choice list, one query."""
    choices = []

    def walk(links):
        for link in links:
            choices.append((link.pk, link.label))
            walk(link.children)

    walk(category_links(max_depth=max_depth))
    return choices


def category_trail(*, product) -> list:
    """The product's most specific public category and its ancestors, top first (two queries)."""
    product = product.parent or product
    deepest = Category.objects.browsable().filter(product=product).order_by("-depth", "path").first()
    return list(deepest.get_ancestors_and_self()) if deepest else []

"""Reads of the catalogue for listing pages, each a fixed number of queries however large it grows."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.core.cache import cache
from django.db.models import Case, CharField, F, OuterRef, Prefetch, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from oscar.core.loading import get_model

from shop.page_cache import content_version, note_product_loaded, product_versions

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


def stars_day() -> str:
    """The day the stars shown are valid on: part of the key of every cached piece that shows
    stars or orders by them, so that none outlives the day a certificate ends."""
    return timezone.localdate().isoformat()


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


class BestRatedPages:
    """A listing in ``BEST_RATED_FIRST`` order, read a page at a time without sorting all of it.

    The order is the rated products (stars valid today) by stars, name and id, then the others by
    name and id. Each part is read by walking an index in its own order (``product_best_rated_*``
    for the first) and stops at the page's end, so page 1 of a category of 10,000 reads a few
    dozen rows: the stars are tested only for the rows walked. Sorting the whole listing by the
    computed stars cost 8 ms on PostgreSQL and 13 ms on SQLite there.

    ``products`` are filtered and carry ``public_stars`` (``with_public_stars``); the category
    filter should be an ``EXISTS``, which SQLite tests per row walked (an ``id IN`` list would
    make it read the list's rows and sort them instead).
    """

    def __init__(self, products: QuerySet):
        self.products = products.order_by()

    def count(self) -> int:
        return self.products.count()

    def __getitem__(self, positions: slice) -> list[int]:
        return self.page(positions.start or 0, positions.stop)[0]

    def page(self, start: int, stop: int) -> tuple[list[int], int | None]:
        """The ids at positions ``start``–``stop`` and, when reading them told it, the total."""
        rated = self.products.filter(ocop_stars__isnull=False, public_stars__isnull=False)
        rated = rated.order_by("-ocop_stars", "title", "id")
        ids = list(rated.values_list("id", flat=True)[:stop])
        if len(ids) == stop:
            return ids[start:], None
        others = self.products.filter(public_stars__isnull=True).order_by("title", "id")
        skip, wanted = max(start - len(ids), 0), stop - max(start, len(ids))
        more = list(others.values_list("id", flat=True)[skip : skip + wanted])
        ended = len(more) < wanted and (more or not skip)  # the listing ends on this page
        return ids[start:] + more, len(ids) + skip + len(more) if ended else None


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


@dataclass(frozen=True)
class ProductCard:
    """What a product card shows, and nothing else (no ORM object behind it)."""

    id: int
    slug: str
    title: str
    #: the stars a buyer may be shown: only while an OCOP certificate of the product is valid today
    ocop_stars: int | None
    producer_name: str
    price: Decimal | None
    price_currency: str
    net_stock: int | None
    image: str
    image_caption: str

    @property
    def url(self) -> str:
        return reverse("catalogue:detail", kwargs={"product_slug": self.slug, "pk": self.id})

    @property
    def has_stock_record(self) -> bool:
        return self.price is not None

    @property
    def in_stock(self) -> bool:
        return (self.net_stock or 0) > 0

    @property
    def shown_ocop_stars(self) -> int | None:
        return self.ocop_stars

    @property
    def ocop_star_symbols(self) -> str:
        return "★" * (self.ocop_stars or 0)

    @property
    def version(self) -> str:
        """Changes whenever anything the card shows changes (the key of its cached fragment)."""
        return hashlib.blake2b(repr(self).encode(), digest_size=10).hexdigest()

    @classmethod
    def from_product(cls, product) -> "ProductCard":
        """From a product loaded by ``listable_products`` (its prefetches: no query here)."""
        stock = next(iter(product.stockrecords.all()), None)
        image = next(iter(product.images.all()), None)
        return cls(
            id=product.pk,
            slug=product.slug,
            title=product.title,
            ocop_stars=product.shown_ocop_stars,
            producer_name=product.producer.name if product.producer_id else "",
            price=stock.price if stock else None,
            price_currency=stock.price_currency if stock else "",
            net_stock=stock.net_stock_level if stock else None,
            image=image.original.name if image else "",
            image_caption=image.caption if image else "",
        )


#: How long a product's card data is kept; any change to what it shows moves its key on first.
CARD_SECONDS = 24 * 3600


def product_cards(*, product_ids: list[int]) -> list[ProductCard]:
    """The cards of these products, in this order (public or not: callers choose).

    The title is in the visitor's language, falling back to Vietnamese; the stars are those valid
    today. Each card is kept in the cache under its product's version (``product_versions``: the
    product, its stock, photos, producer, certificates and lots move it on), the language and the
    day, so a listing reads the cards it has shown before from the cache and queries, in one lean
    query, only the others.
    """
    language = "en" if get_language() == "en" else "vi"
    prefix, versions = f"card-data:{language}:{stars_day()}", product_versions(product_ids)
    keys = {pk: f"{prefix}:{versions[pk]}:{pk}" for pk in product_ids}
    cards = {card.id: card for card in cache.get_many(keys.values()).values()}
    missing = [pk for pk in product_ids if pk not in cards]
    if missing:
        fresh = _query_cards(missing, language)
        cache.set_many({keys[card.id]: card for card in fresh}, CARD_SECONDS)
        cards.update((card.id, card) for card in fresh)
    for pk in product_ids:  # the page cache refreshes a page showing a card when its product changes
        note_product_loaded(product_id=pk)
    return [cards[pk] for pk in product_ids if pk in cards]


def _query_cards(product_ids: list[int], language: str) -> list[ProductCard]:
    from traceability.selectors import public_ocop_stars

    first_stock = StockRecord.objects.filter(product=OuterRef("pk")).order_by("id")
    first_image = ProductImage.objects.filter(product=OuterRef("pk")).order_by("display_order", "id")
    rows = (
        Product.objects.filter(pk__in=product_ids)
        .annotate(
            card_title=Coalesce(
                NullIf(F(f"title_{language}"), Value("")), F("title_vi"), F("title"), output_field=CharField()
            ),
            card_stars=public_ocop_stars(),
            producer_name=Coalesce(F("producer__name"), Value("")),
            card_price=Subquery(first_stock.values("price")[:1]),
            card_currency=Subquery(first_stock.values("price_currency")[:1]),
            card_net_stock=Subquery(
                first_stock.annotate(net=F("num_in_stock") - Coalesce(F("num_allocated"), 0)).values("net")[:1]
            ),
            card_image=Subquery(first_image.values("original")[:1]),
            card_caption=Subquery(first_image.values("caption")[:1]),
        )
        .values_list(
            "id", "slug", "card_title", "card_stars", "producer_name", "card_price", "card_currency",
            "card_net_stock", "card_image", "card_caption",
        )
    )
    return [ProductCard(*row[:8], image=row[8] or "", image_caption=row[9] or "") for row in rows]


def cards_of(products: QuerySet | Callable[[], QuerySet], *, listing: str = "") -> list[ProductCard]:
    """The cards of a (sliced) product listing: its ids in one query, their cards in another.

    A named ``listing`` (what it lists, e.g. ``producer:7``) keeps its ids in the cache (see
    ``CachedListing``), so that a listing seen before costs no query once its cards are cached;
    its ``products`` may then be a function building the query only when it must run.
    """
    if listing:
        return product_cards(product_ids=CachedListing(products, listing=listing)[:])
    return product_cards(product_ids=list(products.values_list("id", flat=True)))


#: How long a listing's ids and count are kept; any change to the catalogue moves the key on first.
LISTING_SECONDS = 3600


class CachedListing:
    """The product ids of a listing, counted and sliced once per content version and day.

    Which products a listing shows, and in which order, changes only with the catalogue (every
    product, stock record, category or page change moves the content version on) and with the day
    (stars are those valid today), so both are part of the key. It serves as a paginator's
    ``object_list``: ``count()`` and slices read the cache, and query only what it does not hold.
    """

    def __init__(self, products: "QuerySet | BestRatedPages | Callable[[], QuerySet]", *, listing: str):
        self._products = products
        self.key = f"listing:{content_version()}:{stars_day()}:{listing}"

    @cached_property
    def products(self) -> "QuerySet | BestRatedPages":
        """The listing's query (built only when the cache does not hold what is asked)."""
        return self._products() if callable(self._products) else self._products

    def _ids(self, index: slice) -> list[int]:
        if isinstance(self.products, QuerySet):
            return list(self.products.values_list("id", flat=True)[index])
        return self.products[index]

    def count(self) -> int:
        return cache.get_or_set(f"{self.key}:count", self.products.count, LISTING_SECONDS)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[int]:
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("a listing is read in slices of ids")
        return cache.get_or_set(
            f"{self.key}:{index.start or 0}:{index.stop or ''}",
            lambda: self._ids(index),
            LISTING_SECONDS,
        )


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
    """The product's most specific public category and its ancestors, top first (two queries,
    then kept under the content version, which every category or product change moves on)."""
    product = product.parent or product

    def trail() -> list:
        deepest = Category.objects.browsable().filter(product=product).order_by("-depth", "path").first()
        return list(deepest.get_ancestors_and_self()) if deepest else []

    return cache.get_or_set(f"category-trail:{content_version()}:{product.pk}", trail, LISTING_SECONDS)

"""The storefront search: products, producers and stories found on the search index, in four queries.

Words are folded on both sides ("che tom" finds "Chè Tôm"). Each word of the query must match a
word of the entry exactly or as its beginning; a word the index does not know is taken as a typo:
on PostgreSQL it matches by trigram word similarity (served by the trigram index), on SQLite it
is corrected to the closest indexed word. Ranking: exact words, then prefixes, then typos, title
words before other text, the whole phrase in the title first of all.

Queries: the total with the facets (producers and categories of the whole result set, counted
by the database), the page of hits, the cards of that page and the matching pages. Results of one
normalised query are cached for ``SEARCH_CACHE_SECONDS`` under the page cache's content version.
"""

import difflib
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import SearchQuery, SearchVectorExact
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language
from oscar.core.loading import get_model

from catalogue.selectors import BEST_RATED_FIRST, ProductCard, product_cards, with_public_stars
from shop.page_cache import content_version

from .indexing import FTS_TABLE, is_known, vocabulary
from .models import SearchEntry
from .text import search_terms

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")

PAGE_RESULTS = 10
PRODUCTS_PER_PAGE = 24
CORRECTION_CUTOFF = 0.75

PRICE_BANDS: dict[str, tuple[int | None, int | None]] = {
    "under-150k": (None, 150_000),
    "150k-300k": (150_000, 300_000),
    "300k-500k": (300_000, 500_000),
    "over-500k": (500_000, None),
}

SORTS = {
    "relevance": ("-relevance", *BEST_RATED_FIRST),
    "price-asc": (F("price").asc(nulls_last=True), "title", "id"),
    "price-desc": (F("price").desc(nulls_last=True), "title", "id"),
    "stars": BEST_RATED_FIRST,
    "newest": ("-date_created", "id"),
    "name": ("title", "id"),
}

# Points of one query word, by how it matched (the ranking's tiers).
EXACT_IN_TITLE, EXACT, PREFIX_IN_TITLE, PREFIX, TYPO = 8, 6, 4, 2, 1
PHRASE_IN_TITLE = 8


@dataclass(frozen=True)
class SearchFilters:
    category_id: int | None = None
    producer_id: int | None = None
    min_stars: int | None = None
    price_band: str = ""
    sort: str = "relevance"


@dataclass(frozen=True)
class Facet:
    id: int
    name: str
    count: int


@dataclass(frozen=True)
class PageHit:
    kind: str
    title: str
    intro: str
    url: str


@dataclass
class SearchResults:
    terms: list[str]
    products: list[ProductCard]
    count: int
    page_number: int
    per_page: int = PRODUCTS_PER_PAGE
    producer_pages: list[PageHit] = field(default_factory=list)
    story_pages: list[PageHit] = field(default_factory=list)
    producers: list[Facet] = field(default_factory=list)
    categories: list[Facet] = field(default_factory=list)
    fuzzy: bool = False
    corrected_terms: list[str] = field(default_factory=list)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.per_page))


def search_storefront(
    *, query: str, language_code: str, filters: SearchFilters, page_number: int = 1
) -> SearchResults:
    """One page of products (filtered, sorted), the facets, and the matching producer and story pages.

    Never raises on odd input: the query is reduced to at most a few plain words first, and a
    page number past the end gives the last page.
    """
    terms = search_terms(query)
    normalised = f"{language_code}:{' '.join(terms)}:{filters}:{page_number}"
    key = f"search:{content_version()}:{hashlib.blake2b(normalised.encode(), digest_size=16).hexdigest()}"
    seconds = settings.SEARCH_CACHE_SECONDS
    if seconds > 0 and (cached := cache.get(key)) is not None:
        return cached
    results = _search(terms, language_code, filters, max(1, page_number))
    if seconds > 0:
        cache.set(key, results, seconds)
    return results


def correct_terms(terms: list[str], *, words: list[str]) -> list[str]:
    """Each word the index does not know, replaced by the closest one it does (if any is close)."""
    corrected = []
    for term in terms:
        if is_known(term, words) or len(term) < 3:
            corrected.append(term)
            continue
        near = [w for w in words if abs(len(w) - len(term)) <= 2]
        close = difflib.get_close_matches(term, near, n=1, cutoff=CORRECTION_CUTOFF)
        corrected.append(close[0] if close else term)
    return corrected


class _Matcher:
    """How entries match the words, and how well, on this database."""

    def __init__(self, terms: list[str], typos: set[str]):
        self.terms = terms
        self.typos = typos

    def products_matching(self, products: QuerySet) -> QuerySet:
        """``products`` that match, tested on their own index entry (the one ``relevance`` reads)."""
        return products.filter(self.matches("search_entry__"))

    def matches(self, prefix: str = "") -> Q:
        condition = Q()
        for term in self.terms:
            condition &= self.term_matches(term, prefix)
        return condition

    def relevance(self, prefix: str = ""):
        score = Value(0, output_field=IntegerField())
        for term in self.terms:
            if term in self.typos:
                score = score + Value(TYPO)
                continue
            score = score + Case(
                When(self.word(term, prefix, title=True), then=Value(EXACT_IN_TITLE)),
                When(self.word(term, prefix), then=Value(EXACT)),
                When(self.word(term, prefix, title=True, starts=True), then=Value(PREFIX_IN_TITLE)),
                default=Value(PREFIX),
            )
        if len(self.terms) > 1 and not self.typos:
            score = score + Case(
                When(self.phrase_in_title(prefix), then=Value(PHRASE_IN_TITLE)), default=Value(0)
            )
        return score


class _SQLiteMatcher(_Matcher):
    """FTS5: words matched through the index's ``MATCH``; typos were corrected beforehand.

    Each test of the ranking is a ``MATCH`` too, the set of rows SQLite builds once per query:
    each is ANDed with the whole query's match, so it holds only the hits ("che" alone would
    be every product of a tea shop, rebuilt for each of the ranking's tests).
    """

    @staticmethod
    def _fts(prefix: str, expression: str) -> Q:
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        return Q(**{f"{prefix}id__in": RawSQL(sql, [expression])})

    def _all_words(self) -> str:
        return " AND ".join(f'"{term}"*' for term in self.terms)

    def products_matching(self, products):
        """The index's hits first, their products looked up by id: SQLite would otherwise walk every
        public product (its index on ``parent_id`` looks selective) to test each one's entry."""
        entries = SearchEntry.objects.filter(kind=SearchEntry.Kind.PRODUCT).filter(self.matches())
        return products.filter(pk__in=entries.values("product_id"))

    def term_matches(self, term, prefix):
        return Q()  # all words are matched at once in ``matches``

    def matches(self, prefix=""):
        return self._fts(prefix, self._all_words())

    def word(self, term, prefix, *, title=False, starts=False):
        expression = f'"{term}"' + ("*" if starts else "")
        expression = f"title : {expression}" if title else expression
        return self._fts(prefix, f"({expression}) AND ({self._all_words()})")

    def phrase_in_title(self, prefix):
        return self._fts(prefix, f'(title : "{" ".join(self.terms)}") AND ({self._all_words()})')


class _PostgreSQLMatcher(_Matcher):
    """``tsvector`` words (GIN index) for exact and prefix matches, trigrams (GIN index) for typos."""

    @staticmethod
    def _query(prefix: str, tsquery: str) -> Q:
        return SearchVectorExact(F(f"{prefix}vector"), SearchQuery(tsquery, search_type="raw", config="simple"))

    def term_matches(self, term, prefix):
        if term in self.typos:
            return Q(TrigramWordSimilar(F(f"{prefix}text"), Value(term)))
        return Q(self._query(prefix, f"{term}:*"))

    def word(self, term, prefix, *, title=False, starts=False):
        label = ("*" if starts else "") + ("A" if title else "")
        return Q(self._query(prefix, f"{term}:{label}" if label else term))

    def phrase_in_title(self, prefix):
        return Q(self._query(prefix, " <-> ".join(f"{term}:A" for term in self.terms)))


def _matcher(terms: list[str]) -> tuple[_Matcher, list[str], bool]:
    """The matcher for ``terms``, the corrected words (SQLite) and whether any word was a typo."""
    words = vocabulary() if terms else []
    unknown = {t for t in terms if len(t) >= 3 and not is_known(t, words)}
    if connection.vendor == "postgresql":
        return _PostgreSQLMatcher(terms, unknown), [], bool(unknown)
    if not unknown:
        return _SQLiteMatcher(terms, set()), [], False
    corrected = correct_terms(terms, words=words)
    typos = {c for t, c in zip(terms, corrected, strict=True) if t in unknown and c != t}
    return _SQLiteMatcher(corrected, typos), (corrected if typos else []), bool(typos)


def _products(terms: list[str], matcher: _Matcher, filters: SearchFilters) -> QuerySet:
    products = with_public_stars(Product.objects.browsable())
    if terms:
        products = matcher.products_matching(products)
    if filters.category_id:
        branch = Category.objects.filter(pk=filters.category_id).values("path")
        in_branch = ProductCategory.objects.filter(category__path__startswith=Subquery(branch))
        products = products.filter(pk__in=in_branch.values("product_id"))
    if filters.producer_id:
        products = products.filter(producer_id=filters.producer_id)
    if filters.min_stars:
        products = products.filter(public_stars__gte=filters.min_stars)
    if filters.price_band in PRICE_BANDS or filters.sort.startswith("price"):
        first_price = StockRecord.objects.filter(product=OuterRef("pk")).order_by("id").values("price")[:1]
        products = products.annotate(price=Subquery(first_price))
    if filters.price_band in PRICE_BANDS:
        low, high = PRICE_BANDS[filters.price_band]
        if low is not None:
            products = products.filter(price__gte=low)
        if high is not None:
            products = products.filter(price__lt=high)
    return products


_FACETS_SQL = """
WITH found AS ({found})
SELECT 'producer', found.producer_id, producer.name, '', COUNT(*)
FROM found LEFT JOIN partner_partner producer ON producer.id = found.producer_id
GROUP BY found.producer_id, producer.name
UNION ALL
SELECT 'category', category.id, category.name_vi, category.name_en, COUNT(*)
FROM found JOIN catalogue_productcategory link ON link.product_id = found.id
JOIN catalogue_category category ON category.id = link.category_id
GROUP BY category.id, category.name_vi, category.name_en
"""


def _facets(products: QuerySet) -> tuple[int, list[Facet], list[Facet]]:
    """How many products were found, and the producers and categories of the whole result set,
    each with how many of them it has.

    One query, counted by the database: a row per producer (products without one included, so
    the rows add up to the total) and a row per category, however many products were found.
    """
    english = get_language() == "en"
    found, params = products.order_by().values("id", "producer_id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_FACETS_SQL.format(found=found), params)
        rows = cursor.fetchall()
    total, producers, categories = 0, [], []
    for kind, pk, name_vi, name_en, count in rows:
        if kind == "producer":
            total += count
            if pk is not None:
                producers.append(Facet(id=pk, name=name_vi or "", count=count))
        else:
            categories.append(Facet(id=pk, name=(name_en if english and name_en else name_vi) or "", count=count))
    return (
        total,
        sorted(producers, key=lambda f: (-f.count, f.name)),
        sorted(categories, key=lambda f: (-f.count, f.name)),
    )


def _page_hits(terms: list[str], matcher: _Matcher, language_code: str) -> tuple[list, list]:
    if not terms:
        return [], []
    rows = (
        SearchEntry.objects.filter(kind__in=["producer", "story"], language_code=language_code)
        .filter(matcher.matches())
        .annotate(relevance=matcher.relevance())
        .order_by("-relevance", "heading", "id")
        .values_list("kind", "heading", "summary", "url")[: 4 * PAGE_RESULTS]
    )
    hits = [PageHit(*row) for row in rows]
    producers = [h for h in hits if h.kind == "producer"][:PAGE_RESULTS]
    stories = [h for h in hits if h.kind == "story"][:PAGE_RESULTS]
    return producers, stories


def _search(terms: list[str], language_code: str, filters: SearchFilters, page_number: int) -> SearchResults:
    matcher, corrected, fuzzy = _matcher(terms)
    products = _products(terms, matcher, filters)
    count, producers, categories = _facets(products)
    page_number = min(page_number, max(1, -(-count // PRODUCTS_PER_PAGE)))
    product_ids = []
    if count:
        if filters.sort == "relevance":
            relevance = matcher.relevance("search_entry__") if terms else Value(0, output_field=IntegerField())
            products = products.annotate(relevance=relevance)
        ordered = products.order_by(*SORTS.get(filters.sort, SORTS["relevance"])).values_list("id", flat=True)
        start = (page_number - 1) * PRODUCTS_PER_PAGE
        product_ids = list(ordered[start : start + PRODUCTS_PER_PAGE])
    producer_pages, story_pages = _page_hits(terms, matcher, language_code)
    return SearchResults(
        terms=terms,
        products=product_cards(product_ids=product_ids),
        count=count,
        page_number=page_number,
        producer_pages=producer_pages,
        story_pages=story_pages,
        producers=producers,
        categories=categories,
        fuzzy=fuzzy,
        corrected_terms=corrected,
    )

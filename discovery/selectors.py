"""The storefront search: one query finds products, producers and stories, with or without accents.

Matching folds accents and case on both sides (``Folded``), so "che tom" finds "Chè Tôm".
When nothing matches exactly, a fuzzy pass forgives typos ("Thai Nguen"): trigram word
similarity on PostgreSQL, and on SQLite a correction of each word to the closest word the
shop actually uses (from its titles and names).
"""

import difflib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat
from django.db.models.lookups import Contains, GreaterThanOrEqual
from oscar.core.loading import get_model

from catalogue.selectors import listable_products
from cms.models import ProducerPage, ProductStoryPage, StoryPage, StoryPageTag

from .expressions import Folded, WordSimilarity
from .text import search_terms

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")

PAGE_RESULTS = 10
TRIGRAM_THRESHOLD = 0.5
CORRECTION_CUTOFF = 0.75
VOCABULARY_SECONDS = 300

PRICE_BANDS: dict[str, tuple[int | None, int | None]] = {
    "under-150k": (None, 150_000),
    "150k-300k": (150_000, 300_000),
    "300k-500k": (300_000, 500_000),
    "over-500k": (500_000, None),
}

SORTS = {
    "relevance": ("-relevance", F("public_stars").desc(nulls_last=True), "title", "id"),
    "price-asc": (F("price").asc(nulls_last=True), "title", "id"),
    "price-desc": (F("price").desc(nulls_last=True), "title", "id"),
    "stars": (F("public_stars").desc(nulls_last=True), "title", "id"),
    "newest": ("-date_created", "id"),
    "name": ("title", "id"),
}


@dataclass(frozen=True)
class SearchFilters:
    category_id: int | None = None
    producer_id: int | None = None
    min_stars: int | None = None
    price_band: str = ""
    sort: str = "relevance"


@dataclass
class SearchResults:
    terms: list[str]
    products: QuerySet
    producer_pages: list = field(default_factory=list)
    story_pages: list = field(default_factory=list)
    fuzzy: bool = False
    corrected_terms: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.products.exists() or self.producer_pages or self.story_pages)


def search_storefront(*, query: str, language_code: str, filters: SearchFilters) -> SearchResults:
    """Products (filtered and sorted), producer pages and stories matching ``query``.

    Never raises on odd input: the query is reduced to at most a few plain words first.
    """
    terms = search_terms(query)
    if not terms:
        products = _filtered(listable_products(), filters, Value(0, output_field=IntegerField()))
        return SearchResults(terms=[], products=products)
    results = _search(terms, language_code, filters, fuzzy=False)
    if not results.is_empty:
        return results
    if connection.vendor == "postgresql":
        results = _search(terms, language_code, filters, fuzzy=True)
        results.fuzzy = True
        return results
    corrected = correct_terms(terms, vocabulary=shop_vocabulary(language_code=language_code))
    if corrected == terms:
        return results
    results = _search(corrected, language_code, filters, fuzzy=False)
    results.terms = terms
    results.fuzzy = True
    results.corrected_terms = corrected
    return results


def correct_terms(terms: list[str], *, vocabulary: set[str]) -> list[str]:
    """Each word the shop does not use, replaced by the closest one it does (if any is close)."""
    corrected = []
    for term in terms:
        if term in vocabulary or len(term) < 3:
            corrected.append(term)
            continue
        close = difflib.get_close_matches(term, vocabulary, n=1, cutoff=CORRECTION_CUTOFF)
        corrected.append(close[0] if close else term)
    return corrected


def shop_vocabulary(*, language_code: str) -> set[str]:
    """Every folded word of product titles, producer, category and story names, cached briefly."""
    key = f"discovery:vocabulary:{language_code}"
    words = cache.get(key)
    if words is None:
        texts = [text for pair in listable_products().values_list("title_vi", "title_en") for text in pair if text]
        texts += list(Partner.objects.values_list("name", flat=True))
        texts += [text for pair in Category.objects.values_list("name_vi", "name_en") for text in pair if text]
        for model in (ProducerPage, StoryPage, ProductStoryPage):
            texts += list(
                model.objects.live()
                .filter(locale__language_code=language_code)
                .values_list("title", flat=True)
            )
        words = {word for text in texts for word in search_terms(text)}
        cache.set(key, words, VOCABULARY_SECONDS)
    return words


def _matches(expression, term: str, *, fuzzy: bool):
    folded = Folded(expression)
    if fuzzy:
        return GreaterThanOrEqual(WordSimilarity(term, folded), TRIGRAM_THRESHOLD)
    return Contains(folded, term)


def _title_relevance(terms: list[str]):
    """Words found in the title count one each; the whole phrase in the title counts double."""
    score = Value(0, output_field=IntegerField())
    for term in terms:
        score = score + Case(When(Contains(Folded(F("title")), term), then=Value(1)), default=Value(0))
    if len(terms) > 1:
        phrase = " ".join(terms)
        score = score + Case(
            When(Contains(Folded(F("title")), phrase), then=Value(len(terms))), default=Value(0)
        )
    return score


def _search(terms: list[str], language_code: str, filters: SearchFilters, *, fuzzy: bool) -> SearchResults:
    products = listable_products()
    haystack = Concat(
        "title",
        Value(" "),
        Coalesce("title_en", Value(""), output_field=TextField()),
        Value(" "),
        Coalesce("producer__name", Value(""), output_field=TextField()),
        Value(" "),
        Coalesce("upc", Value(""), output_field=TextField()),
        output_field=TextField(),
    )
    for term in terms:
        in_category = Exists(
            ProductCategory.objects.filter(product=OuterRef("pk")).filter(
                Q(_matches(F("category__name"), term, fuzzy=fuzzy))
                | Q(_matches(Coalesce("category__name_en", Value("")), term, fuzzy=fuzzy))
            )
        )
        products = products.filter(Q(_matches(haystack, term, fuzzy=fuzzy)) | Q(in_category))
    relevance = _title_relevance(terms)
    if fuzzy:
        relevance = WordSimilarity(" ".join(terms), Folded(haystack))
    return SearchResults(
        terms=terms,
        products=_filtered(products, filters, relevance),
        producer_pages=_producer_pages(terms, language_code, fuzzy=fuzzy),
        story_pages=_story_pages(terms, language_code, fuzzy=fuzzy),
    )


def _filtered(products: QuerySet, filters: SearchFilters, relevance) -> QuerySet:
    first_price = StockRecord.objects.filter(product=OuterRef("pk")).order_by("id").values("price")[:1]
    products = products.annotate(price=Subquery(first_price), relevance=relevance)
    if filters.category_id:
        category = Category.objects.filter(pk=filters.category_id).first()
        if category is None:
            return products.none()
        products = products.filter(
            Exists(
                ProductCategory.objects.filter(
                    product=OuterRef("pk"), category__in=category.get_descendants_and_self()
                )
            )
        )
    if filters.producer_id:
        products = products.filter(producer_id=filters.producer_id)
    if filters.min_stars:
        products = products.filter(public_stars__gte=filters.min_stars)
    if filters.price_band in PRICE_BANDS:
        low, high = PRICE_BANDS[filters.price_band]
        if low is not None:
            products = products.filter(price__gte=low)
        if high is not None:
            products = products.filter(price__lt=high)
    return products.order_by(*SORTS.get(filters.sort, SORTS["relevance"]))


def _pages(model, terms: list[str], language_code: str, fields: list[str], *, fuzzy: bool, extra=None):
    parts = []
    for name in fields:
        parts += [Coalesce(name, Value(""), output_field=TextField()), Value(" ")]
    haystack = Concat(*parts, output_field=TextField())
    pages = model.objects.live().public().filter(locale__language_code=language_code)
    for term in terms:
        condition = Q(_matches(haystack, term, fuzzy=fuzzy))
        if extra is not None:
            condition |= Q(extra(term))
        pages = pages.filter(condition)
    return pages.annotate(relevance=_title_relevance(terms)).order_by("-relevance", "title")


def _producer_pages(terms: list[str], language_code: str, *, fuzzy: bool) -> list:
    pages = _pages(
        ProducerPage, terms, language_code, ["title", "intro", "search_description", "partner__name"],
        fuzzy=fuzzy,
    )
    return list(pages.select_related("photo", "partner")[:PAGE_RESULTS])


def _story_pages(terms: list[str], language_code: str, *, fuzzy: bool) -> list:
    def tagged(term):
        return Exists(
            StoryPageTag.objects.filter(content_object=OuterRef("pk")).filter(
                _matches(F("tag__name"), term, fuzzy=fuzzy)
            )
        )

    stories = _pages(
        StoryPage, terms, language_code, ["title", "intro", "search_description"], fuzzy=fuzzy, extra=tagged
    )
    product_stories = _pages(
        ProductStoryPage, terms, language_code, ["title", "intro", "search_description", "product__title"],
        fuzzy=fuzzy,
    )
    found = list(stories.select_related("image")[:PAGE_RESULTS])
    found += list(product_stories.select_related("hero_image")[:PAGE_RESULTS])
    return found[:PAGE_RESULTS]


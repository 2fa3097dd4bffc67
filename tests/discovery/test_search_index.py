"""The search index: kept current by the shop's own saves, ranked by tier, a fixed few queries, indexed plans."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from cms.models import StoryPage
from discovery.selectors import SearchFilters, search_storefront
from tests.factories import ProducerFactory, ProductFactory, add_products

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")

pytestmark = pytest.mark.django_db

CHE_TOM = "Chè Tôm búp đặc biệt Long Nguyệt"


def _titles(query: str, language_code: str = "vi") -> list[str]:
    results = search_storefront(query=query, language_code=language_code, filters=SearchFilters())
    return [card.title for card in results.products]


def _page_urls(client, query: str, prefix: str = "") -> list[str]:
    html = client.get(f"{prefix}/search/", {"q": query}).content.decode()
    return re.findall(r'<li><a href="([^"]+)">', html)


def test_a_renamed_product_is_found_by_its_new_name_only(demo_world):
    product = Product.objects.get(title=CHE_TOM)
    product.title_vi = "Chè Shan tuyết cổ thụ"
    product.title_en = "Ancient Shan tuyet tea"
    product.save()
    assert _titles("shan tuyet") == ["Chè Shan tuyết cổ thụ"]
    assert "Chè Shan tuyết cổ thụ" not in _titles("long nguyet")


def test_a_renamed_producer_finds_its_products(demo_world):
    producer = Partner.objects.get(code="co-so-che-dong-tam")
    producer.name = "Hợp tác xã Suối Giàng"
    producer.save()
    assert set(_titles("suoi giang")) == set(producer.products.values_list("title", flat=True))
    assert _titles("suoi giang")


def test_a_product_is_found_by_its_categorys_name(demo_world):
    product = ProductFactory(title="Bộ quà Tết", categories=None)
    assert _titles("mat ong qua tet") == []
    category = get_model("catalogue", "Category").objects.get(name="Mật ong")
    product.categories.add(category)
    assert _titles("mat ong qua tet") == ["Bộ quà Tết"]


def test_published_and_unpublished_stories_come_and_go(client, demo_world):
    story = StoryPage.objects.get(slug="nhat-ky-vu-che-xuan", locale__language_code="vi")
    story.title = "Ngày hội hái chè Cù Vân"
    story.save_revision().publish()
    assert story.url in _page_urls(client, "hoi hai che cu van")
    story.unpublish()
    assert story.url not in _page_urls(client, "hoi hai che cu van")


def test_english_words_are_indexed_and_each_language_finds_its_pages(client, demo_world):
    ProductFactory(title="Wildflower honey gift box", categories=None)
    assert _titles("wildflower honey", "en") == ["Wildflower honey gift box"]
    assert _titles("wildflowr honey", "en") == ["Wildflower honey gift box"]
    en = _page_urls(client, "harvest diary", "/en")
    assert "/en/stories/spring-tea-diary/" in en
    assert not [url for url in en if "/cau-chuyen/" in url]  # English stories live at English addresses


def test_exact_words_rank_before_prefixes_whatever_the_stars(demo_world):
    producer = ProducerFactory()
    ProductFactory(title="Mật ong bạch đàn", producer=producer, ocop_stars=5, categories=None)
    ProductFactory(title="Mật ong bạc hà", producer=producer, ocop_stars=3, categories=None)
    assert _titles("bac") == ["Mật ong bạc hà", "Mật ong bạch đàn"]


def test_title_words_rank_before_other_text(demo_world):
    producer = ProducerFactory(name="Hộ làng Tà Xùa")
    ProductFactory(title="Chè xanh làng cũ", producer=producer, ocop_stars=5, categories=None)
    ProductFactory(title="Chè Tà Xùa", producer=ProducerFactory(), ocop_stars=3, categories=None)
    assert _titles("xua")[:2] == ["Chè Tà Xùa", "Chè xanh làng cũ"]


def test_a_typo_is_found_with_and_without_diacritics(demo_world):
    assert CHE_TOM in _titles("chè tômm")
    assert CHE_TOM in _titles("che tomm long")
    assert CHE_TOM in _titles("Long Ngyuet") or CHE_TOM in _titles("long nguyett")


@pytest.mark.parametrize("query", ["che", "che tom", "che tomm", "mat ong hoa rung"])
def test_search_costs_at_most_four_queries_at_10_and_1000_products(demo_world, settings, query):
    settings.SEARCH_CACHE_SECONDS = 0

    def count() -> int:
        search_storefront(query=query, language_code="vi", filters=SearchFilters())  # vocabulary read
        with CaptureQueriesContext(connection) as captured:
            search_storefront(query=query, language_code="vi", filters=SearchFilters(min_stars=3))
        return len(captured)

    small = count()
    add_products(990)
    assert Product.objects.browsable().count() > 1000
    assert count() == small <= 4


def test_repeated_searches_are_served_from_the_cache_until_the_shop_changes(
    demo_world, settings, django_capture_on_commit_callbacks
):
    settings.SEARCH_CACHE_SECONDS = 60
    _titles("che tom")
    with CaptureQueriesContext(connection) as captured:
        _titles("CHÈ   tôm")
    assert len(captured) == 0
    with django_capture_on_commit_callbacks(execute=True):  # the cache moves on once the change commits
        ProductFactory(title="Chè Tôm mới", categories=None)
    assert "Chè Tôm mới" in _titles("che tom")


def test_facets_count_the_whole_result_set(demo_world):
    results = search_storefront(query="mat ong", language_code="vi", filters=SearchFilters())
    assert sum(f.count for f in results.producers) == results.count == 5
    assert {f.name for f in results.categories} >= {"Mật ong"}


def _plan(sql: str) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        # At 1,000 short rows a scan costs less than the index; the plan must show the index can serve.
        cursor.execute("ANALYZE discovery_searchentry, catalogue_product")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def _hits_sql(client, query: str) -> list[str]:
    """The queries that match products: the total with the facets, and the page of hits."""
    with CaptureQueriesContext(connection) as captured:
        client.get("/search/", {"q": query})
    statements = [q["sql"] for q in captured if "discovery_searchentry" in q["sql"]]
    facets = [sql for sql in statements if "SELECT 'producer'" in sql]
    page = [sql for sql in statements if 'FROM "catalogue_product"' in sql and "LIMIT 24" in sql]
    assert len(facets) == len(page) == 1, statements
    return [*facets, *page]


@pytest.mark.parametrize(("query", "index"), [
    ("long nguyet", "discovery_searchentry_vector"),
    ("nguyett", "discovery_searchentry_text_trgm"),
])
def test_the_database_plans_the_hits_on_the_index(client, demo_world, settings, query, index):
    settings.SEARCH_CACHE_SECONDS = 0
    add_products(990)
    for sql in _hits_sql(client, query):
        plan = _plan(sql)
        if connection.vendor == "sqlite":
            assert "VIRTUAL TABLE INDEX" in plan, plan
        else:
            assert index in plan, plan


@pytest.mark.postgres
def test_postgresql_stores_weighted_vectors(demo_world):
    from discovery.models import SearchEntry

    entry = SearchEntry.objects.get(product__title=CHE_TOM)
    with connection.cursor() as cursor:
        cursor.execute("SELECT vector::text FROM discovery_searchentry WHERE id = %s", [entry.pk])
        vector = cursor.fetchone()[0]
    assert "'nguyet':" in vector and "A" in vector


def test_facets_count_a_product_in_each_of_its_categories_and_once_for_its_producer(demo_world):
    Category = get_model("catalogue", "Category")
    tea, honey = Category.objects.get(name="Chè Thái Nguyên"), Category.objects.get(name="Mật ong")
    producer = ProducerFactory(name="Hộ thử hai danh mục")
    for title in ("Quà chè mật ong một", "Quà chè mật ong hai"):
        product = ProductFactory(title=title, producer=producer, categories=None)
        product.categories.add(tea, honey)
    results = search_storefront(query="qua che mat ong", language_code="vi", filters=SearchFilters())
    assert results.count == 2
    assert [(f.name, f.count) for f in results.producers] == [("Hộ thử hai danh mục", 2)]
    counts = {f.name: f.count for f in results.categories}
    assert counts["Chè Thái Nguyên"] == counts["Mật ong"] == 2


def test_a_search_of_a_grown_catalogue_ranks_the_phrase_in_the_title_first(demo_world, settings):
    settings.SEARCH_CACHE_SECONDS = 0
    before = search_storefront(query="che", language_code="vi", filters=SearchFilters()).count
    add_products(990)  # every one a "chè" in the title, with the best stars
    results = search_storefront(query="che tom", language_code="vi", filters=SearchFilters())
    assert results.count == 2 and [card.title for card in results.products][0] == CHE_TOM
    results = search_storefront(query="che", language_code="vi", filters=SearchFilters(), page_number=999)
    assert results.count == before + 990
    assert sum(f.count for f in results.producers) == results.count
    assert results.page_number == results.num_pages
    assert len(results.products) == (results.count % 24 or 24)

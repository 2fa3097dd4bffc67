"""One search box: products, producers and stories, found without diacritics and despite typos."""

import re

import pytest
from django.db import connection
from oscar.core.loading import get_model

from discovery.selectors import SearchFilters, search_storefront
from discovery.text import fold, search_terms
from tests.factories import ProducerFactory, ProductFactory

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

CHE_TOM = "Chè Tôm búp đặc biệt Long Nguyệt"


def _product_titles(html: str) -> list[str]:
    return re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', html)


def _search(client, prefix="", **params) -> str:
    response = client.get(f"{prefix}/search/", params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("text", "folded"), [
    ("Chè Tôm búp đặc biệt", "che tom bup dac biet"),
    ("Mật ong", "mat ong"),
    ("THÁI NGUYÊN", "thai nguyen"),
    ("Đồng Tâm", "dong tam"),
    ("Nguyễn Thị Ửng", "nguyen thi ung"),
])
def test_fold_removes_case_and_vietnamese_diacritics(text, folded):
    assert fold(text) == folded


def test_search_terms_keep_only_a_few_plain_words():
    assert search_terms("  Chè--tôm!! <b>'; DROP TABLE") == ["che", "tom", "b", "drop", "table"]
    assert len(search_terms("chè " * 500)) == 1
    assert len(search_terms(" ".join(f"w{i}" for i in range(100)))) == 8


@pytest.mark.parametrize(("query", "expected_first"), [
    ("che tom", CHE_TOM),
    ("Chè Tôm", CHE_TOM),
    ("CHE TOM LONG NGUYET", CHE_TOM),
    ("mat ong hoa rung", "Mật ong hoa rừng An Khánh"),
    ("dong tam", CHE_TOM),
])
def test_products_are_found_without_diacritics(client, demo_world, query, expected_first):
    titles = _product_titles(_search(client, q=query))
    assert titles and titles[0] == expected_first


def test_mat_ong_finds_every_honey_and_no_tea(client, demo_world):
    titles = _product_titles(_search(client, q="mat ong"))
    honeys = set(Product.objects.filter(title__startswith="Mật ong").values_list("title", flat=True))
    assert set(titles) == honeys and len(honeys) == 5


@pytest.mark.parametrize("query", ["Thai Nguen", "thai nguyen", "Thái Nguyên"])
def test_thai_nguyen_with_or_without_typo_finds_the_tea_category(client, demo_world, query):
    titles = _product_titles(_search(client, q=query))
    teas = set(Product.objects.filter(categories__name="Chè Thái Nguyên").values_list("title", flat=True))
    assert set(titles) == teas


@pytest.mark.parametrize(
    ("query", "expected"), [("che tomm", CHE_TOM), ("mat ongg hoa rungg", "Mật ong hoa rừng An Khánh")]
)
def test_typos_are_forgiven(client, demo_world, query, expected):
    html = _search(client, q=query)
    assert expected in _product_titles(html)


def test_a_corrected_typo_is_shown_to_the_shopper_and_a_similar_match_is_not(client, demo_world):
    """SQLite corrects each word to the closest one the shop uses and says so; PostgreSQL matches
    by trigram similarity, so there is no corrected word to show."""
    html = _search(client, q="Thai Nguen")
    shown = "<strong>thai nguyen</strong>" in html
    assert shown is (connection.vendor == "sqlite")


def test_one_box_finds_producers_and_stories(client, demo_world):
    html = _search(client, q="mat ong")
    assert 'href="/nha-san-xuat/trai-ong-rung-xanh/"' in html
    assert 'href="/cau-chuyen/quay-mat-ong-hoa-rung/"' in html
    html = _search(client, q="che tom")
    assert 'href="/nha-san-xuat/co-so-che-dong-tam/cau-chuyen-che-tom-long-nguyet/"' in html


def test_stories_are_found_by_tag_and_in_the_visitors_language(client, demo_world):
    vi = _search(client, q="nhat ky mua vu")
    assert 'href="/cau-chuyen/nhat-ky-vu-che-xuan/"' in vi
    assert 'href="/cau-chuyen/quay-mat-ong-hoa-rung/"' in vi
    en = _search(client, "/en", q="harvest diary")
    assert 'href="/en/stories/spring-tea-diary/"' in en
    assert 'href="/cau-chuyen/' not in en


def test_producer_is_found_by_name_without_accents(client, demo_world):
    html = _search(client, "/en", q="trai ong rung xanh")
    assert 'href="/en/producers/trai-ong-rung-xanh/"' in html
    assert "Wild honey in the comb" in _product_titles(html)  # "Mật ong rừng nguyên sáp" in English


def test_filter_by_category(client, demo_world):
    honey = Category.objects.get(name="Mật ong")
    titles = _product_titles(_search(client, q="rung", category=honey.pk))
    assert titles and all(t.startswith("Mật ong") for t in titles)


def test_filter_by_producer(client, demo_world):
    dong_tam = Partner.objects.get(code="co-so-che-dong-tam")
    titles = _product_titles(_search(client, q="che", producer=dong_tam.pk))
    assert sorted(titles) == ["Chè Tôm búp đặc biệt Long Nguyệt", "Chè nõn tôm thượng hạng"]


def test_filter_by_ocop_stars(client, demo_world):
    titles = _product_titles(_search(client, q="che", stars=4))
    assert sorted(titles) == ["Chè Tôm búp đặc biệt Long Nguyệt", "Chè nõn tôm thượng hạng"]


@pytest.mark.parametrize(("band", "low", "high"), [
    ("under-150k", 0, 150_000), ("150k-300k", 150_000, 300_000),
    ("300k-500k", 300_000, 500_000), ("over-500k", 500_000, 10**9),
])
def test_filter_by_price_band(client, demo_world, band, low, high):
    titles = _product_titles(_search(client, price=band))
    prices = {
        sr.product.title: sr.price for sr in StockRecord.objects.select_related("product")
        if sr.product.is_public
    }
    assert titles
    assert set(titles) == {t for t, p in prices.items() if low <= p < high}


@pytest.mark.parametrize(("sort", "reverse"), [("price-asc", False), ("price-desc", True)])
def test_sort_by_price(client, demo_world, sort, reverse):
    titles = _product_titles(_search(client, q="mat ong", sort=sort))
    prices = dict(StockRecord.objects.values_list("product__title", "price"))
    values = [prices[t] for t in titles]
    assert len(values) == 5 and values == sorted(values, reverse=reverse)


def test_sort_by_name(client, demo_world):
    titles = _product_titles(_search(client, q="mat ong", sort="name"))
    assert len(titles) == 5 and titles[0] == "Mật ong hoa keo nhà chị Lan"


def test_sort_by_stars_puts_the_best_rated_first(client, demo_world):
    titles = _product_titles(_search(client, q="che", sort="stars"))
    stars = dict(Product.objects.values_list("title", "ocop_stars"))
    ranked = [stars[t] or 0 for t in titles]
    assert ranked == sorted(ranked, reverse=True)


def test_empty_query_lists_every_product_and_filters_still_apply(client, demo_world):
    assert len(_product_titles(_search(client, q=""))) == Product.objects.browsable().count()
    assert len(_product_titles(_search(client, stars=5))) == 0


def test_results_are_paged(client, demo_world):
    producer = ProducerFactory(name="Hộ nhiều chè")
    for i in range(30):
        ProductFactory(title=f"Chè phân trang {i:02d}", producer=producer, categories=None)
    first = _product_titles(_search(client, q="che phan trang"))
    second = _product_titles(_search(client, q="che phan trang", page=2))
    assert len(first) == 24 and len(second) == 6 and not set(first) & set(second)
    assert _product_titles(_search(client, q="che phan trang", page="abc")) == first


def test_no_result_says_so(client, demo_world):
    html = _search(client, q="xyzzyqwv")
    assert _product_titles(html) == []
    assert 'class="empty"' in html


ODD_INPUTS = [
    "a" * 10_000,
    "chè " * 3_000,
    "'; DROP TABLE catalogue_product; --",
    "\" OR 1=1 --",
    "<script>alert('x')</script>",
    "%%%___\\\\",
    "\x00\x01\x02",
    "🍵🍯",
    "   ",
    "ｃｈｅ　ｔｏｍ",
    "SELECT * FROM auth_user",
    "che%20tom&q=mat",
]


@pytest.mark.parametrize("query", ODD_INPUTS)
def test_odd_input_never_fails(client, demo_world, query):
    response = client.get("/search/", {"q": query, "page": "-1", "stars": "9", "price": "free", "sort": "x",
                                       "category": "999999", "producer": "abc"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html


def test_invalid_filters_are_ignored_not_fatal(client, demo_world):
    html = _search(client, q="mat ong", stars="many", price="cheap", sort="random", category="x")
    assert len(_product_titles(html)) == 5


def test_products_off_sale_are_never_found(client, demo_world):
    Product.objects.filter(title=CHE_TOM).update(is_public=False)
    assert CHE_TOM not in _product_titles(_search(client, q="che tom"))


def test_selector_can_be_used_without_a_request(demo_world):
    results = search_storefront(query="mat ong", language_code="vi", filters=SearchFilters(min_stars=3))
    assert {p.title for p in results.products} == {"Mật ong hoa rừng An Khánh", "Mật ong rừng nguyên sáp"}
    assert not results.fuzzy


@pytest.mark.postgres
def test_postgresql_folds_with_unaccent_and_matches_typos_by_trigram(demo_world):
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        assert {"unaccent", "pg_trgm"} <= {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT lower(unaccent(%s))", ["Chè Tôm Đồng"])
        assert cursor.fetchone()[0] == "che tom dong"
    results = search_storefront(query="Thai Nguen", language_code="vi", filters=SearchFilters())
    assert results.fuzzy and not results.corrected_terms
    assert CHE_TOM in {p.title for p in results.products}


@pytest.mark.postgres
@pytest.mark.parametrize(("query", "expected"), [
    ("che tom", CHE_TOM), ("mat ong", "Mật ong hoa rừng An Khánh"), ("che tomm", CHE_TOM),
])
def test_postgresql_search_cases(client, demo_world, query, expected):
    assert expected in _product_titles(_search(client, q=query))


@pytest.mark.postgres
@pytest.mark.parametrize("query", ODD_INPUTS)
def test_postgresql_odd_input_never_fails(client, demo_world, query):
    assert client.get("/search/", {"q": query}).status_code == 200

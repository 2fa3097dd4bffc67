"""Home, producer, story and search pages cost the same queries with 10 and with 1,000 products."""

import pytest
from oscar.core.loading import get_model

from cms.models import ProducerPage, ProductStoryPage, StoryPage
from tests.factories import ProducerFactory, ProductFactory, add_products

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def _grow_producer(partner, count: int):
    """Give ``partner`` ``count`` more products (made for a scratch producer, then handed over)."""

    def grow():
        scratch = ProducerFactory()
        add_products(count, producer=scratch)
        Product.objects.filter(producer=scratch).update(producer=partner)
        StockRecord.objects.filter(partner=scratch).update(partner=partner)

    return grow


@pytest.fixture
def dong_tam(demo_world):
    """The producer of the demo's product story, with 10 more products (``add_products`` grows later)."""
    partner = Partner.objects.get(code="co-so-che-dong-tam")
    for number in range(10):
        ProductFactory(title=f"Chè mười {number}", producer=partner, categories=None)
    return partner


@pytest.mark.parametrize("language", ["vi", "en"])
def test_home_page_queries_do_not_grow(client, dong_tam, query_budget, language):
    path = "/" if language == "vi" else "/en/"
    query_budget.assert_constant(lambda: client.get(path), _grow_producer(dong_tam, 990))


def test_producer_page_queries_do_not_grow(client, dong_tam, query_budget):
    page = ProducerPage.objects.get(partner=dong_tam, locale__language_code="vi")
    query_budget.assert_constant(lambda: client.get(page.url), _grow_producer(dong_tam, 990))
    cards = client.get(page.url).content.decode().count('class="card product-card"')
    assert cards == ProducerPage.PRODUCTS_SHOWN


def test_story_page_queries_do_not_grow(client, dong_tam, query_budget):
    page = StoryPage.objects.get(slug="spring-tea-diary", locale__language_code="en")
    query_budget.assert_constant(lambda: client.get(page.url), _grow_producer(dong_tam, 990))


def test_product_story_page_queries_do_not_grow(client, dong_tam, query_budget):
    page = ProductStoryPage.objects.get(locale__language_code="vi")
    query_budget.assert_constant(lambda: client.get(page.url), _grow_producer(dong_tam, 990))


def test_search_page_queries_do_not_grow(client, dong_tam, query_budget):
    query_budget.assert_constant(lambda: client.get("/search/", {"q": "che"}), _grow_producer(dong_tam, 990))


@pytest.mark.parametrize("model_name", [
    "RegionPage", "ProducerIndexPage", "StoryIndexPage", "StandardPage", "ContactPage",
])
def test_every_other_showcase_page_queries_do_not_grow(client, dong_tam, query_budget, model_name):
    from django.apps import apps

    page = apps.get_model("cms", model_name).objects.live().filter(locale__language_code="vi").first()
    assert page is not None, model_name
    query_budget.assert_constant(lambda: client.get(page.url), _grow_producer(dong_tam, 990))


def test_search_page_costs_a_fixed_few_queries(client, dong_tam, query_budget, settings):
    settings.SEARCH_CACHE_SECONDS = 0
    count = query_budget.assert_constant(
        lambda: client.get("/search/", {"q": "che tom"}), _grow_producer(dong_tam, 990)
    )
    assert count <= 10

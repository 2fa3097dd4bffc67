"""Home, category and product pages cost the same SQL queries with 10 or 1,000 products."""

import pytest
from oscar.core.loading import get_model

from tests.factories import add_products

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_catalogue(demo_world):
    """The demo's 12 products minus a few: 10 public products to start from."""
    Product.objects.filter(upc__in=["8930000000118", "8930000000125"]).update(is_public=False)
    assert Product.objects.browsable().count() == 10


def grow_to_1000(category=None):
    def grow():
        add_products(990, category=category)
        assert Product.objects.browsable().count() == 1000

    return grow


def test_home_page_queries_do_not_grow(client, small_catalogue, query_budget):
    count = query_budget.assert_constant(lambda: client.get("/"), grow_to_1000())
    assert count <= 9  # the site's menu and footer, and the cards seen before, come from the cache


def test_catalogue_page_queries_do_not_grow(client, small_catalogue, query_budget):
    count = query_budget.assert_constant(lambda: client.get("/shop/catalogue/"), grow_to_1000())
    assert count <= 3  # the count and the page's ids; the cards seen before come from the cache


def test_category_page_queries_do_not_grow(client, small_catalogue, query_budget):
    category = Category.objects.get(name="Chè Thái Nguyên")
    url = category.get_absolute_url()
    count = query_budget.assert_constant(lambda: client.get(url), grow_to_1000(category))
    assert count <= 4


def test_product_page_queries_do_not_grow(client, small_catalogue, query_budget):
    url = Product.objects.get(upc="8930000000019").get_absolute_url()
    count = query_budget.assert_constant(lambda: client.get(url), grow_to_1000())
    assert count <= 6  # the product and its page's fragments (photos, traceability, attributes) cached once seen


def test_grown_products_are_the_ones_listed(client, small_catalogue):
    """The budget above is only meaningful if the new products are on the page being counted."""
    add_products(30)
    html = client.get("/shop/catalogue/").content.decode()
    assert html.count(">A chè thử") == 24


def test_product_page_writes_nothing(client, demo_world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = Product.objects.get(upc="8930000000019").get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    statements = [q["sql"].lstrip().upper() for q in captured]
    writes = [sql for sql in statements if sql.startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []

"""Listings best rated first are read a page at a time, in the order one sort of them all gives."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue.selectors import BEST_RATED_FIRST, BestRatedPages, with_public_stars
from tests.factories import ProductFactory, add_products
from traceability.models import Certificate

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed_catalogue(demo_world):
    """Rated products, rated ones whose certificate expired, and products with no stars."""
    add_products(7, ocop_stars=4)
    add_products(5, ocop_stars=None)
    expired = add_products(4, ocop_stars=5)
    Certificate.objects.filter(product__in=expired).update(valid_to=date.today() - timedelta(days=1))
    ProductFactory(title="Chè không sao", ocop_stars=None, categories=None)


def _sorted_ids() -> list[int]:
    products = with_public_stars(Product.objects.browsable()).order_by(*BEST_RATED_FIRST)
    return list(products.values_list("id", flat=True))


@pytest.mark.parametrize("size", [1, 5, 24])
def test_pages_read_together_are_the_whole_listing_in_order(mixed_catalogue, size):
    listing = BestRatedPages(with_public_stars(Product.objects.browsable()))
    expected = _sorted_ids()
    read, start = [], 0
    while start < len(expected) + size:
        ids, total = listing.page(start, start + size)
        assert ids == expected[start : start + size]
        assert total in (None, len(expected))
        read += ids
        start += size
    assert read == expected and listing.count() == len(expected)


def test_the_catalogue_pages_past_the_rated_products_and_counts_them_all(client, mixed_catalogue):
    expected = _sorted_ids()
    assert len(expected) > 24
    html = client.get(reverse("catalogue:index"), {"page": 2}).content.decode()
    last = Product.objects.get(pk=expected[-1])
    assert last.get_absolute_url() in html
    assert client.get(reverse("catalogue:index"), {"page": 3}).status_code == 404

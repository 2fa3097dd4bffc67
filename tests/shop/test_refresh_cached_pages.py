"""A release makes every cached page and piece stale, so the new code and templates build them again."""

import pytest
from django.core.management import call_command
from django.test import Client
from oscar.core.loading import get_model

from shop.page_cache import content_version, product_versions

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def test_a_release_makes_cached_pages_and_pieces_stale(demo_world, settings):
    settings.PAGE_CACHE_SECONDS = 300
    url = "/shop/catalogue/"
    assert Client().get(url)["X-Page-Cache"] == "miss"
    assert Client().get(url)["X-Page-Cache"] == "hit"
    tea = Product.objects.get(upc="8930000000019").pk
    pieces, product_pieces = content_version(), product_versions([tea])

    call_command("refresh_cached_pages")

    assert Client().get(url)["X-Page-Cache"] == "miss"
    assert content_version() != pieces and product_versions([tea]) != product_pieces

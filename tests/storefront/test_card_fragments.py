"""Product cards are cached per product version: a change to what a card shows is seen at once."""

import pytest
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def test_a_new_price_or_title_shows_on_the_next_listing(client, demo_world, django_capture_on_commit_callbacks):
    product = Product.objects.get(upc="8930000000019")
    url = product.categories.first().get_absolute_url()
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        record = product.stockrecords.get()
        record.price = 123456
        record.save()
        product.title = "Chè Tôm đổi tên"
        product.save()
    html = client.get(url).content.decode()
    assert "Chè Tôm đổi tên" in html and "123.456" in html


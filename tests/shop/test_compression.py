"""Pages leave the shop gzip-compressed for a browser that asks, and whole for one that does not."""

import gzip

import pytest
from django.test import Client
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def _product_path() -> str:
    return Product.objects.get(title="Mật ong hoa rừng An Khánh").get_absolute_url()


@pytest.mark.parametrize("path", ["/", "/en/", "/shop/catalogue/"])
def test_a_page_is_served_compressed_when_the_browser_asks(client, demo_world, path):
    plain = client.get(path)
    packed = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert len(packed.content) < len(plain.content) / 2


def test_a_cached_page_with_a_form_is_compressed_after_the_visitor_token_is_written_in(demo_world):
    product = Product.objects.get(title="Mật ong hoa rừng An Khánh")
    Client(enforce_csrf_checks=True).get(_product_path())  # a first visitor fills the page cache
    buyer = Client(enforce_csrf_checks=True)
    cached = buyer.get(_product_path(), HTTP_ACCEPT_ENCODING="gzip")
    assert cached["Content-Encoding"] == "gzip"
    added = buyer.post(
        f"/shop/basket/add/{product.pk}/", {"quantity": 1, "csrfmiddlewaretoken": _token_in(cached)}
    )
    assert added.status_code == 302  # the token in the compressed page is this buyer's own


def test_photos_are_not_compressed_again(client, demo_world):
    product = Product.objects.get(title="Mật ong hoa rừng An Khánh")
    photo = product.primary_image().original.url
    response = client.get(photo, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "Content-Encoding" not in response


def _token_in(response) -> str:
    html = gzip.decompress(response.content).decode()
    start = html.index('name="csrfmiddlewaretoken" value="') + len('name="csrfmiddlewaretoken" value="')
    return html[start : html.index('"', start)]

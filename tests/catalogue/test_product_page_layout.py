"""The product page keeps what a farm shop needs: no UPC, tax or empty-review rows; one gallery."""

import pytest
from django.utils import translation
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_oscars_unused_fields_are_gone_and_the_attributes_stay(client, demo_world, prefix):
    product = Product.objects.get(upc="8930000000019")
    with translation.override("vi"):
        url = product.get_absolute_url()
    html = client.get(prefix + url).content.decode()
    info = html[html.index("product_main"):]
    for gone in ("UPC", "Thuế", ">Tax<", "Số đánh giá", "Number of reviews", "write_review", "Customer Reviews",
                 "Đánh giá của khách hàng", "does not have any reviews", "chưa có đánh giá"):
        assert gone not in info, gone
    assert "200" in info  # net weight, an attribute
    gallery = html[html.index("data-gallery"): html.index("</div>", html.index("data-gallery"))]
    assert gallery.count("<figure>") == product.images.count() >= 1

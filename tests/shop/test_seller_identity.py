"""The seller's identity and policies, as online-shop rules ask: on every page, in both languages."""

import re

import pytest
from django.utils import translation
from oscar.core.loading import get_model

from cms.models import SellerIdentity
from demo import pages_text

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def _footer(html: str) -> str:
    return html[html.index('<footer class="site-footer">'):]


@pytest.mark.parametrize(("path", "slugs"), [
    ("/", ["/giao-hang/", "/doi-tra/", "/thanh-toan/", "/quyen-rieng-tu/"]),
    ("/shop/catalogue/", ["/giao-hang/", "/doi-tra/", "/thanh-toan/", "/quyen-rieng-tu/"]),
    ("/en/", ["/en/shipping/", "/en/returns/", "/en/payment/", "/en/privacy/"]),
    ("/en/shop/catalogue/", ["/en/shipping/", "/en/returns/", "/en/payment/", "/en/privacy/"]),
])
def test_every_page_footer_links_the_policies_in_its_language_and_names_the_operator(client, demo_world, path, slugs):
    footer = _footer(client.get(path).content.decode())
    links = re.findall(r'<a href="([^"]+)">', footer[footer.index("data-policy-links"):])
    assert links[:4] == slugs
    for value in pages_text.SELLER.values():
        assert value in footer


def test_english_policy_pages_answer_in_english(client, demo_world):
    html = client.get("/en/returns/").content.decode()
    assert "If a package arrives damaged" in html


def test_staff_edit_the_identity_in_one_place(client, demo_world):
    identity = SellerIdentity.load()
    identity.hotline = "0999888777"
    identity.save()
    assert "0999888777" in _footer(client.get("/shop/catalogue/").content.decode())


def test_a_saved_identity_replaces_the_cached_footer(client, demo_world, django_capture_on_commit_callbacks):
    client.get("/shop/catalogue/")  # the footer is now in the cache
    identity = SellerIdentity.load()
    identity.hotline = "0999888777"
    with django_capture_on_commit_callbacks(execute=True):
        identity.save()
    assert "0999888777" in _footer(client.get("/shop/catalogue/").content.decode())


def test_the_product_page_says_who_sells_and_who_ships(client, demo_world):
    product = Product.objects.select_related("producer__coop").get(upc="8930000000026")
    with translation.override("vi"):
        url = product.get_absolute_url()
    for prefix, sold, shipped in (("", "Người bán", "Đơn vị gửi hàng"), ("/en", "Sold by", "Shipped by")):
        html = client.get(prefix + url).content.decode()
        seller = html[html.index("data-seller"): html.index("</dl>", html.index("data-seller"))]
        assert sold in seller and shipped in seller
        assert product.producer.name in seller and product.producer.phone in seller
        coop = product.producer.coop
        assert coop.name in seller and coop.registration_number in seller and coop.phone in seller


def test_the_producer_page_shows_the_producer_and_its_coop(client, demo_world):
    html = client.get("/nha-san-xuat/trai-ong-rung-xanh/").content.decode()
    seller = html[html.index("data-seller"):]
    assert "Trại ong Rừng Xanh" in seller and "HTX Mật ong Hà Thượng" in seller and "4607000202" in seller

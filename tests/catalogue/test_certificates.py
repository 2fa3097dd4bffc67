"""Certificates and OCOP stars shown for a product belong to that product and are valid on the day shown.

The product page, the product cards, the JSON-LD, the star filter of the catalogue and of the
search, and a lot's trace page all agree.
"""

import json
import re
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from portal.models import OcopClaim
from tests.factories import ProductFactory, ocop_certificate_for
from traceability import gs1
from traceability.models import Certificate

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db

CHE_TOM = "Chè Tôm búp đặc biệt Long Nguyệt"
NON_TOM = "Chè nõn tôm thượng hạng"


def _page(client, product) -> str:
    with translation.override("vi"):
        url = product.get_absolute_url()
    return client.get(url).content.decode()


def _json_ld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def _card(client, product, url=None) -> str:
    page = client.get(url or reverse("catalogue:index")).content.decode()
    cards = [card for card in page.split("<article")[1:] if product.get_absolute_url() in card]
    assert len(cards) == 1
    return cards[0]


def test_a_product_page_never_shows_the_certificate_of_another_product_of_its_producer(client, demo_world):
    che_tom, non_tom = Product.objects.get(title=CHE_TOM), Product.objects.get(title=NON_TOM)
    assert che_tom.producer_id == non_tom.producer_id
    own = Certificate.objects.get(product=che_tom, kind=Certificate.Kind.OCOP).number
    other = Certificate.objects.get(product=non_tom, kind=Certificate.Kind.OCOP).number
    assert other == "OCOP-TN-0057"
    html = _page(client, che_tom)
    assert own in html
    assert other not in html


def test_a_product_just_listed_in_the_portal_shows_none_of_its_producers_certificates(client, demo_world):
    non_tom = Product.objects.get(title=NON_TOM)
    fresh = ProductFactory(title="Chè mới đăng", producer=non_tom.producer, ocop_stars=None, categories=None)
    OcopClaim.objects.create(product=fresh, stars=5, certificates="OCOP 5 sao")
    html = _page(client, fresh)
    for number in Certificate.objects.filter(producer=non_tom.producer).values_list("number", flat=True):
        assert number not in html
    assert "ocop-stars" not in html and "award" not in _json_ld(html)


def test_stars_whose_certificate_expired_show_nowhere(client, db):
    product = ProductFactory(title="Chè hết hạn chứng nhận", ocop_stars=4, categories=None)
    assert "★★★★" in _page(client, product)
    Certificate.objects.filter(product=product).update(
        valid_from=date.today() - timedelta(days=400), valid_to=date.today() - timedelta(days=1)
    )
    html = _page(client, product)
    assert "ocop-stars" not in html and "★" not in html
    assert "award" not in _json_ld(html)
    assert "ocop-stars" not in _card(client, product)
    assert product.get_absolute_url() not in client.get(reverse("catalogue:index"), {"stars": 3}).content.decode()
    search = client.get(reverse("discovery:search"), {"q": "het han", "stars": 3}).content.decode()
    assert product.get_absolute_url() not in search


def test_stars_of_a_certificate_not_yet_valid_do_not_show(client, db):
    product = ProductFactory(title="Chè chờ hiệu lực", ocop_stars=None, categories=None)
    Product.objects.filter(pk=product.pk).update(ocop_stars=5)
    soon = date.today() + timedelta(days=3)
    ocop_certificate_for(product, valid_from=soon, valid_to=soon + timedelta(days=900))
    assert "ocop-stars" not in _page(client, product)


def test_page_card_json_ld_and_filters_agree_on_valid_stars(client, db):
    product = ProductFactory(title="Chè năm sao hợp lệ", ocop_stars=5, categories=None)
    html = _page(client, product)
    assert "★★★★★" in html and _json_ld(html)["award"] == "OCOP 5★"
    assert "★★★★★" in _card(client, product)
    assert "★★★★★" in _card(client, product, reverse("catalogue:index") + "?stars=5")
    search = client.get(reverse("discovery:search"), {"q": "nam sao hop le", "stars": 5}).content.decode()
    assert product.get_absolute_url() in search


def test_staff_confirm_stars_only_with_the_certificate_they_read(client, db):
    product = ProductFactory(title="Chè chờ duyệt", ocop_stars=None, categories=None)
    claim = OcopClaim.objects.create(product=product, stars=4, certificates="OCOP 4 sao, số 12/2025")
    staff = get_user_model().objects.create_user("staff@ocop.test", "staff@ocop.test", "pw-2026", is_staff=True)
    client.force_login(staff)
    url = reverse("portal:claim-review", kwargs={"pk": claim.pk})
    client.post(url, {"decision": "confirm"})
    claim.refresh_from_db()
    assert claim.status == OcopClaim.Status.PENDING and not Certificate.objects.filter(product=product).exists()
    client.post(url, {"decision": "confirm", "certificate_number": "OCOP-TN-0999", "issuer": "UBND tỉnh",
                      "valid_from": "2025-01-01", "valid_to": (date.today() + timedelta(days=30)).isoformat()})
    claim.refresh_from_db()
    assert claim.status == OcopClaim.Status.CONFIRMED
    assert Certificate.objects.get(number="OCOP-TN-0999").product == product
    client.logout()
    html = _page(client, product)
    assert "★★★★" in html and "OCOP-TN-0999" in html


def test_staff_cannot_confirm_with_another_products_certificate(client, demo_world):
    product = ProductFactory(title="Chè mượn số", ocop_stars=None, categories=None)
    claim = OcopClaim.objects.create(product=product, stars=4)
    staff = get_user_model().objects.create_user("staff2@ocop.test", "staff2@ocop.test", "pw-2026", is_staff=True)
    client.force_login(staff)
    response = client.post(
        reverse("portal:claim-review", kwargs={"pk": claim.pk}),
        {"decision": "confirm", "certificate_number": "OCOP-TN-0057", "issuer": "UBND tỉnh",
         "valid_from": "2025-01-01", "valid_to": "2028-01-01"},
        follow=True,
    )
    assert "OCOP-TN-0057" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == OcopClaim.Status.PENDING
    assert Certificate.objects.get(number="OCOP-TN-0057").product.title == NON_TOM


def test_trace_page_shows_stars_only_while_the_lots_ocop_certificate_is_valid(client, demo_world):
    che_tom = Product.objects.get(title=CHE_TOM)
    lot = che_tom.lots.filter(published_at__isnull=False).order_by("-harvested_on").first()
    path = gs1.digital_link_path(gtin=lot.gtin, lot=lot.code) + "?lang=vi"
    html = client.get(path).content.decode()
    assert 'data-ocop-stars="4"' in html
    ocop = lot.certificates.get(kind=Certificate.Kind.OCOP)
    Certificate.objects.filter(pk=ocop.pk).update(valid_to=date.today() - timedelta(days=1))
    cache.clear()  # the trace page is cached; the day changing is what this stands for
    html = client.get(path).content.decode()
    assert "data-ocop-stars" not in html
    assert re.search(rf'data-certificate="{ocop.number}" class="fail"', html)

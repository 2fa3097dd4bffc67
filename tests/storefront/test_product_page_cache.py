"""The product page keeps what is the same for every visitor in the cache, and never shows it stale.

The product with its stock, photos and attributes, and the page's shared fragments (photos,
share data, description, stories, traceability, attributes) are cached under the product's
version; each change below goes through the path the shop makes it by and commits, and the
next view shows it. What differs per visitor (the basket form's token, staff notes) is not cached.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from oscar.core.loading import get_model

from tests.factories import ProductFactory
from tests.traceability.conftest import build_lot, gtin13
from traceability import gs1

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def _url(product) -> str:
    with translation.override("vi"):
        return product.get_absolute_url()


def test_a_page_seen_before_is_built_from_the_cache(client, demo_world):
    url = _url(Product.objects.get(upc="8930000000019"))
    with CaptureQueriesContext(connection) as first:
        first_html = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as again:
        html = client.get(url).content.decode()
    assert len(again) < len(first) - 5
    product_loads = [q["sql"] for q in again if '"catalogue_product"."id" = ' in q["sql"]]
    assert product_loads == []  # (the visitor's recently viewed products are read by id list)
    strip = lambda page: page.replace(client.cookies["csrftoken"].value, "")  # noqa: E731
    assert "data-trace-link" in html and strip(html).count("<img") == strip(first_html).count("<img")


def test_a_newly_published_lot_is_on_the_product_page(client, django_capture_on_commit_callbacks):
    product = ProductFactory(title="Chè lô mới", upc=gtin13(), categories=None)
    assert "data-trace-link" not in client.get(_url(product)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        lot = build_lot(product=product, code="L26-MOI")
    html = client.get(_url(product)).content.decode()
    assert f'href="{gs1.digital_link_path(gtin=lot.gtin, lot=lot.code)}" data-trace-link' in html


def test_a_new_description_is_on_the_product_page(client, django_capture_on_commit_callbacks):
    product = ProductFactory(title="Chè mô tả", description="<p>Búp non hái sáng.</p>", categories=None)
    assert "Búp non hái sáng." in client.get(_url(product)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        product.description = "<p>Sao tay trên chảo gang.</p>"
        product.save()
    html = client.get(_url(product)).content.decode()
    assert "Sao tay trên chảo gang." in html and "Búp non hái sáng." not in html


def test_each_language_has_its_own_fragments(client):
    product = ProductFactory(title="Chè búp", description="<p>Búp non.</p>", categories=None)
    product.title_en, product.description_en = "Bud tea", "<p>Young buds.</p>"
    product.save()
    assert "Búp non." in client.get(_url(product)).content.decode()
    english = client.get("/en" + _url(product)).content.decode()
    assert "Young buds." in english and "Búp non." not in english


def test_stars_leave_the_page_the_day_after_the_certificate_ends(client):
    product = ProductFactory(title="Chè sao hết hạn", ocop_stars=4, categories=None)
    last_day = product.certificates.get().valid_to
    with mock.patch("django.utils.timezone.localdate", return_value=last_day):
        assert 'class="ocop-stars"' in client.get(_url(product)).content.decode()
    with mock.patch("django.utils.timezone.localdate", return_value=last_day + timedelta(days=1)):
        html = client.get(_url(product)).content.decode()
    assert 'class="ocop-stars"' not in html and '"award"' not in html


def test_the_basket_form_carries_each_visitors_own_token(client, demo_world):
    url = _url(Product.objects.get(upc="8930000000019"))
    other = client.__class__()
    first, second = client.get(url), other.get(url)
    token = 'name="csrfmiddlewaretoken" value="'
    first_token = first.content.decode().split(token)[1].split('"')[0]
    second_token = second.content.decode().split(token)[1].split('"')[0]
    assert first_token != second_token


def test_staff_see_the_missing_english_note_and_visitors_do_not(client):
    product = ProductFactory(title="Chè chưa dịch", categories=None)
    staff = get_user_model().objects.create_user("nv@ocop.test", "nv@ocop.test", "pw-2026-staff", is_staff=True)
    visitor_page = client.get("/en" + _url(product)).content.decode()
    client.force_login(staff)
    staff_page = client.get("/en" + _url(product)).content.decode()
    assert "data-missing-english" in staff_page and "data-missing-english" not in visitor_page

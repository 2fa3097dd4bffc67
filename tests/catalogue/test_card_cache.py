"""Product cards are kept in the cache, and every change to what a card shows is on the next listing.

A card is cached under its product's version, the site's, the language and the day: these tests
change each thing a card shows through the path the shop changes it by (a saved stock record, a
renamed producer, a certificate that runs out, a lot published with its certificate) and read
the card again, and show that a listing of cards already seen costs no query.
"""

from datetime import date, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from catalogue.selectors import product_cards
from tests.factories import ProductFactory
from tests.traceability.conftest import HARVEST, build_lot, certificate, gtin13
from traceability import services
from traceability.models import Certificate

pytestmark = pytest.mark.django_db


def _card(product):
    (card,) = product_cards(product_ids=[product.pk])
    return card


def test_cards_seen_before_are_read_without_a_query():
    products = [ProductFactory(title=f"Chè thẻ {n}", categories=None) for n in range(5)]
    ids = [p.pk for p in products]
    with CaptureQueriesContext(connection) as first:
        cards = product_cards(product_ids=ids)
    assert [c.title for c in cards] == [f"Chè thẻ {n}" for n in range(5)]
    assert len(first) == 1
    with CaptureQueriesContext(connection) as again:
        assert product_cards(product_ids=ids) == cards
    assert len(again) == 0


def test_a_new_price_is_on_the_card(django_capture_on_commit_callbacks):
    product = ProductFactory(title="Chè giá mới", categories=None)
    assert _card(product).price == Decimal("250000")
    with django_capture_on_commit_callbacks(execute=True):
        stock = product.stockrecords.get()
        stock.price = Decimal("275000")
        stock.save()
    assert _card(product).price == Decimal("275000")


def test_a_renamed_producer_is_on_the_card(django_capture_on_commit_callbacks):
    product = ProductFactory(title="Chè đổi tên hộ", categories=None)
    assert _card(product).producer_name == product.producer.name
    with django_capture_on_commit_callbacks(execute=True):
        product.producer.name = "Hộ ông Tâm"
        product.producer.save()
    assert _card(product).producer_name == "Hộ ông Tâm"


def test_the_card_is_in_the_visitors_language():
    product = ProductFactory(title="Chè búp", categories=None)
    product.title_en = "Bud tea"
    product.save()
    with translation.override("en"):
        assert _card(product).title == "Bud tea"
    with translation.override("vi"):
        assert _card(product).title == "Chè búp"


def test_stars_leave_the_card_the_day_after_the_certificate_ends():
    product = ProductFactory(title="Chè hết hạn mai", ocop_stars=4, categories=None)
    today = date.today()
    Certificate.objects.filter(product=product).delete()
    certificate(kind=Certificate.Kind.OCOP, product=product, producer=product.producer,
                valid_from=today - timedelta(days=300), valid_to=today)
    assert _card(product).ocop_stars == 4
    with mock.patch("django.utils.timezone.localdate", return_value=today + timedelta(days=1)):
        assert _card(product).ocop_stars is None


def _stars_from_the_producers_certificate(title: str, on_commit):
    """A product whose stars rest only on an OCOP certificate of its producer (none of its own)."""
    product = ProductFactory(title=title, upc=gtin13(), ocop_stars=4, categories=None)
    with on_commit(execute=True):
        Certificate.objects.filter(product=product).delete()
    producers_certificate = certificate(
        kind=Certificate.Kind.OCOP, producer=product.producer,
        valid_from=HARVEST - timedelta(days=30), valid_to=date.today() + timedelta(days=365),
    )
    return product, producers_certificate


def test_stars_come_to_the_card_and_the_star_filter_when_a_lot_claiming_a_valid_certificate_is_published(
    client, django_capture_on_commit_callbacks,
):
    product, producers_certificate = _stars_from_the_producers_certificate(
        "Chè lô chứng nhận", django_capture_on_commit_callbacks
    )
    lot = build_lot(product=product, certificates=[producers_certificate], publish=False)
    four_stars = reverse("catalogue:index") + "?stars=4"
    assert _card(product).ocop_stars is None
    assert product.get_absolute_url() not in client.get(four_stars).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_lot(lot=lot)
    assert _card(product).ocop_stars == 4
    assert product.get_absolute_url() in client.get(four_stars).content.decode()


def test_stars_leave_the_card_when_the_lot_no_longer_claims_the_certificate(django_capture_on_commit_callbacks):
    product, producers_certificate = _stars_from_the_producers_certificate(
        "Chè bỏ chứng nhận", django_capture_on_commit_callbacks
    )
    lot = build_lot(product=product, certificates=[producers_certificate])
    assert _card(product).ocop_stars == 4
    with django_capture_on_commit_callbacks(execute=True):
        lot.certificates.remove(producers_certificate)
    assert _card(product).ocop_stars is None

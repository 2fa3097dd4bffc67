"""One step forward and back: order lines take the first-expiring published lot; partials link to it."""

from datetime import date, timedelta

import pytest
from django.template.loader import render_to_string
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from tests.factories import ProductFactory
from traceability import exports, services
from traceability.models import LineLot, Lot

from .conftest import build_lot, certificate, gtin13

pytestmark = pytest.mark.django_db
Basket = get_model("basket", "Basket")


def _order(product, quantity: int):
    basket = Basket.objects.create()
    basket.strategy = Default()
    basket.add_product(product, quantity=quantity)
    return create_order(basket=basket)


def _lot(product, code: str, *, best_before: date, units: int, publish: bool = True) -> Lot:
    lot = build_lot(product=product, code=code, publish=False)
    services.update_lot(lot=lot, best_before=best_before, units_packed=units)
    return services.publish_lot(lot=lot) if publish else lot


@pytest.fixture
def product():
    return ProductFactory(upc=gtin13(), title="Chè phân bổ", categories=None)


def test_lines_take_the_first_expiring_published_lot_with_enough_units(product):
    later = _lot(product, "LATE", best_before=date(2027, 6, 1), units=50)
    first = _lot(product, "FIRST", best_before=date(2027, 1, 1), units=3)
    _lot(product, "DRAFT", best_before=date(2026, 12, 1), units=50, publish=False)
    _lot(product, "SMALL", best_before=date(2026, 12, 15), units=1)

    order = _order(product, 3)  # placing the order allocates each line's lot (orders.utils.OrderCreator)
    allocated = LineLot.objects.get(line__order=order)
    assert allocated.lot == first and allocated.line == order.lines.get()
    first.refresh_from_db()
    assert first.units_allocated == 3

    second = _order(product, 3)
    assert LineLot.objects.get(line__order=second).lot == later


def test_allocation_is_idempotent_and_skips_products_without_lots(product):
    _lot(product, "ONLY", best_before=date(2027, 1, 1), units=10)
    order = _order(product, 2)
    assert services.allocate_line_lots(order=order) == []
    assert LineLot.objects.filter(line__order=order).count() == 1
    without_lots = _order(ProductFactory(upc=gtin13(), categories=None), 1)
    assert services.allocate_line_lots(order=without_lots) == []


def test_line_partial_links_to_the_lot_trace_page(product):
    unpublished = _order(product, 1)
    line = unpublished.lines.get()
    assert "href" not in render_to_string("traceability/partials/line_trace_link.html", {"line": line})
    lot = _lot(product, "SHIPPED", best_before=date(2027, 1, 1), units=10)
    line = _order(product, 1).lines.get()
    html = render_to_string("traceability/partials/line_trace_link.html", {"line": line})
    assert f'href="{exports.lot_uri(lot)}"' in html


def test_product_partial_shows_latest_lot_and_current_certificates(product):
    valid = certificate(
        valid_from=date.today() - timedelta(days=30),
        valid_to=date.today() + timedelta(days=30),
        product=product,
    )
    certificate(valid_from=date(2020, 1, 1), valid_to=date(2021, 1, 1), product=product)  # expired
    _lot(product, "OLD", best_before=date(2027, 1, 1), units=5)
    newest = build_lot(product=product, code="NEW", harvest=date(2026, 9, 1))
    html = render_to_string("traceability/partials/product_traceability.html", {"product": product})
    assert f'href="/01/{newest.gtin}/10/NEW"' in html
    assert valid.number in html and "VG-T-" in html and html.count("<li>") == 1


def test_product_partial_is_empty_without_lots_or_certificates():
    bare = ProductFactory(upc=gtin13(), categories=None)
    html = render_to_string("traceability/partials/product_traceability.html", {"product": bare})
    assert "<section" not in html

"""Stock and lot units follow the order: given back when it will never ship, taken off the count when it does."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fulfilment.models import StatusChange
from fulfilment.services import change_order_status
from orders.statuses import OrderStatus
from payments import services as payments
from payments.models import Payment
from tests.checkout_support import basket_with, place, stocked_product
from tests.traceability.conftest import build_lot, gtin13
from traceability.models import LineLot, Lot
from traceability.services import release_line_lots

pytestmark = pytest.mark.django_db
S = OrderStatus


@pytest.fixture
def jar():
    """A product with 10 units in stock and one published lot of 20 packed units."""
    product = stocked_product(stock=10)
    product.upc = gtin13()
    product.save(update_fields=["upc"])
    build_lot(product=product, code="RES-1")
    return product


def held(product) -> tuple[int, int, int]:
    """(units in stock, units allocated to orders, lot units allocated to orders)."""
    record = product.stockrecords.get()
    return record.num_in_stock, record.num_allocated, Lot.objects.get(product=product).units_allocated


def move(order, *statuses):
    for status in statuses:
        change_order_status(order=order, to=status, notify=False)


def test_placing_an_order_holds_stock_and_lot_units(jar):
    order = place(basket_with((jar, 3))).order
    assert held(jar) == (10, 3, 3)
    assert LineLot.objects.filter(line__order=order).count() == 1


def test_an_unpaid_order_that_expires_gives_everything_back(jar):
    order = place(basket_with((jar, 3))).order
    Payment.objects.filter(order=order).update(created=timezone.now() - timedelta(days=2))
    assert payments.expire_unpaid_orders() == [order.number]
    assert held(jar) == (10, 0, 0)
    assert not LineLot.objects.filter(line__order=order).exists()


def test_an_order_cancelled_before_payment_gives_everything_back(jar):
    order = place(basket_with((jar, 4))).order
    payments.cancel_order(order_number=order.number)
    assert held(jar) == (10, 0, 0)


def test_a_paid_order_the_co_op_cancels_gives_everything_back(jar):
    order = place(basket_with((jar, 3))).order
    move(order, S.PAID, S.PACKING, S.CANCELLED)
    assert held(jar) == (10, 0, 0)
    # what was released can be sold again, from the same lot
    again = place(basket_with((jar, 10))).order
    assert held(jar) == (10, 10, 10)
    assert LineLot.objects.get(line__order=again).lot.code == "RES-1"


def test_a_refund_before_shipping_gives_everything_back(jar):
    order = place(basket_with((jar, 2))).order
    move(order, S.PAID, S.REFUNDED)
    assert held(jar) == (10, 0, 0)


def test_shipping_takes_the_units_off_the_stock_and_the_lot_keeps_them(jar):
    order = place(basket_with((jar, 3))).order
    move(order, S.PAID, S.PACKING, S.SHIPPED)
    assert held(jar) == (7, 0, 3)
    assert LineLot.objects.filter(line__order=order).exists()
    # delivered goods refunded later stay sold: nothing comes back on its own
    move(order, S.DELIVERED, S.REFUNDED)
    assert held(jar) == (7, 0, 3)


def test_stock_counted_down_by_hand_never_goes_below_zero(jar):
    order = place(basket_with((jar, 3))).order
    jar.stockrecords.update(num_in_stock=2)  # the producer counted the shelf after packing
    move(order, S.PAID, S.PACKING, S.SHIPPED)
    assert held(jar) == (2, 0, 3)


def test_releasing_twice_gives_back_nothing_more(jar):
    first = place(basket_with((jar, 3))).order
    place(basket_with((jar, 2)))
    move(first, S.CANCELLED)
    assert release_line_lots(order=first) == 0
    assert held(jar) == (10, 2, 2)


def test_a_status_changed_in_the_dashboard_goes_through_the_pipeline(jar, client, django_user_model):
    staff = django_user_model.objects.create_superuser("staff@example.vn", "staff@example.vn", "pw")
    client.force_login(staff)
    order = place(basket_with((jar, 3))).order
    move(order, S.PAID)
    response = client.post(
        reverse("dashboard:order-detail", args=[order.number]),
        {"order_action": "change_order_status", "new_status": S.CANCELLED},
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == S.CANCELLED
    change = StatusChange.objects.filter(order=order).latest("pk")
    assert (change.from_status, change.to_status, change.changed_by) == (S.PAID, S.CANCELLED, staff)
    assert held(jar) == (10, 0, 0)
    # a move the pipeline does not allow is refused there too, and changes nothing
    client.post(
        reverse("dashboard:order-detail", args=[order.number]),
        {"order_action": "change_order_status", "new_status": S.SHIPPED},
    )
    order.refresh_from_db()
    assert order.status == S.CANCELLED

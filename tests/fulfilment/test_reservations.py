"""Stock and lot units follow the order: given back when it will never ship, taken off the count when it does."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class

from fulfilment.models import Carrier
from fulfilment.services import group_of, pack_group, ship_group
from orders.statuses import OrderStatus
from payments import services as payments
from portal.services import stock_set
from tests.checkout_support import basket_with, pay_by_bank, place, stocked_product
from tests.traceability.conftest import build_lot, gtin13
from traceability.models import LineLot, Lot
from traceability.services import release_line_lots

pytestmark = pytest.mark.django_db
S = OrderStatus
EventHandler = get_class("order.processing", "EventHandler")


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
    """Walk ``order`` through ``statuses`` the way the shop does (a payment, the parcel, the handler)."""
    for status in statuses:
        parcel = group_of(order=order, producer=order.lines.first().partner)
        if status == S.PAID:
            pay_by_bank(order)
        elif status == S.PACKING:
            pack_group(group=parcel, by=None, notify=False)
        elif status == S.SHIPPED:
            ship_group(group=parcel, carrier=Carrier.GHN, tracking_number="GHN1", by=None, notify=False)
        else:
            EventHandler().handle_order_status_change(order, status, notify=False)


def test_placing_an_order_holds_stock_and_lot_units(jar):
    order = place(basket_with((jar, 3))).order
    assert held(jar) == (10, 3, 3)
    assert LineLot.objects.filter(line__order=order).count() == 1


def test_an_unpaid_order_that_expires_gives_everything_back(jar):
    order = place(basket_with((jar, 3))).order
    assert payments.expire_unpaid_orders(now=timezone.now() + timedelta(days=2)) == [order.number]
    assert held(jar) == (10, 0, 0)
    assert not LineLot.objects.filter(line__order=order).exists()


def test_an_order_cancelled_before_payment_gives_everything_back(jar):
    order = place(basket_with((jar, 4))).order
    payments.cancel_order(order_number=order.number)
    assert held(jar) == (10, 0, 0)


def test_a_paid_order_the_co_op_cancels_gives_everything_back(jar):
    order = place(basket_with((jar, 3))).order
    move(order, S.PAID, S.PACKING, S.REFUND_PENDING)
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
    stock_set(product=jar, stock=2)  # the producer counted the shelf after packing
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
        {"order_action": "change_order_status", "new_status": S.REFUND_PENDING},
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == S.REFUND_PENDING
    change = order.status_changes.latest("pk")
    assert (change.old_status, change.new_status, change.changed_by) == (S.PAID, S.REFUND_PENDING, staff)
    assert set(order.lines.values_list("status", flat=True)) == {S.REFUND_PENDING}
    assert held(jar) == (10, 0, 0)
    # a move the pipeline does not allow is refused there too, and changes nothing
    client.post(
        reverse("dashboard:order-detail", args=[order.number]),
        {"order_action": "change_order_status", "new_status": S.SHIPPED},
    )
    order.refresh_from_db()
    assert order.status == S.REFUND_PENDING

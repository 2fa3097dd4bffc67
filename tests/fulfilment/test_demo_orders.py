"""The demo holds orders of both co-ops in every stage, and seeding again changes nothing."""

import pytest
from oscar.core.loading import get_model

from demo.fulfilment import DEMO_ORDERS, seed_fulfilment
from fulfilment.models import FulfilmentGroup
from traceability.models import LineLot

Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")

pytestmark = pytest.mark.django_db


def _snapshot():
    orders = Order.objects.filter(number__startswith="DEMO-").order_by("number")
    return (
        list(orders.values_list("number", "status")),
        OrderStatusChange.objects.filter(order__in=orders).count(),
        list(FulfilmentGroup.objects.filter(order__in=orders).values_list("state", "tracking_number")),
    )


def test_demo_orders_span_both_co_ops_and_many_statuses(demo_world):
    orders = Order.objects.filter(number__startswith="DEMO-")
    assert orders.count() == len(DEMO_ORDERS)
    assert set(orders.values_list("status", flat=True)) >= {
        "pending-payment", "paid", "packing", "shipped", "delivered", "cancelled"
    }
    coops = set(orders.values_list("lines__partner__coop__slug", flat=True))
    assert coops == {"htx-che-doi-cu-van", "htx-mat-ong-ha-thuong"}


def test_demo_orders_ship_from_lots_and_a_cancelled_one_holds_none(demo_world):
    shipped = Order.objects.filter(number__startswith="DEMO-", status__in=["shipped", "delivered"])
    assert shipped.exists()
    for order in shipped:
        assert all(LineLot.objects.filter(line=line).exists() for line in order.lines.all()), order.number
    cancelled = Order.objects.filter(number__startswith="DEMO-", status="cancelled")
    assert cancelled.exists()
    assert not LineLot.objects.filter(line__order__in=cancelled).exists()


def test_seeding_the_demo_orders_twice_changes_nothing(demo_world):
    before = _snapshot()
    seed_fulfilment(report=lambda line: None)
    assert _snapshot() == before

"""Every move between two statuses is either allowed by the pipeline and recorded, or refused."""

import itertools

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from fulfilment.models import StatusChange
from fulfilment.services import ForbiddenTransition, change_order_status
from orders.statuses import PIPELINE, OrderStatus
from tests.fulfilment_orders import place_order, product

Order = get_model("order", "Order")
OscarStatusChange = get_model("order", "OrderStatusChange")

pytestmark = pytest.mark.django_db

ALL_MOVES = list(itertools.product(OrderStatus.values, repeat=2))
ALLOWED = [(a, b) for a, b in ALL_MOVES if b in PIPELINE[a]]
FORBIDDEN = [(a, b) for a, b in ALL_MOVES if b not in PIPELINE[a]]


def _order_in(status: str):
    order = place_order(product())
    Order.objects.filter(pk=order.pk).update(status=status)
    order.status = status
    return order


def test_the_matrix_covers_every_pair_of_statuses():
    assert len(ALLOWED) + len(FORBIDDEN) == len(OrderStatus.values) ** 2
    assert ("pending-payment", "paid") in ALLOWED and ("paid", "delivered") in FORBIDDEN


@pytest.mark.parametrize(("current", "to"), ALLOWED)
def test_an_allowed_move_changes_the_status_and_records_who_and_when(current, to, django_user_model):
    order = _order_in(current)
    clerk = django_user_model.objects.create_user(username="clerk", email="clerk@example.com")
    before = timezone.now()
    change = change_order_status(order=order, to=to, by=clerk, notify=False)
    order.refresh_from_db()
    assert order.status == to
    assert (change.from_status, change.to_status, change.changed_by) == (current, to, clerk)
    assert before <= change.changed_at <= timezone.now()
    assert list(StatusChange.objects.filter(order=order).values_list("to_status", flat=True)) == [to]
    assert OscarStatusChange.objects.filter(order=order, old_status=current, new_status=to).exists()


@pytest.mark.parametrize(("current", "to"), FORBIDDEN)
def test_a_forbidden_move_is_refused_and_leaves_no_trace(current, to):
    order = _order_in(current)
    with pytest.raises(ForbiddenTransition) as refused:
        change_order_status(order=order, to=to, by=None, notify=False)
    order.refresh_from_db()
    assert order.status == current
    assert not StatusChange.objects.filter(order=order).exists()
    assert order.number in str(refused.value)


def test_the_refusal_names_both_statuses_in_words():
    order = _order_in(OrderStatus.PAID)
    with pytest.raises(ForbiddenTransition, match="Paid|Đã thanh toán"):
        change_order_status(order=order, to=OrderStatus.DELIVERED, by=None, notify=False)


def test_an_unknown_status_is_refused():
    order = _order_in(OrderStatus.PAID)
    with pytest.raises(ForbiddenTransition):
        change_order_status(order=order, to="lost-in-space", by=None, notify=False)


def test_a_stale_copy_of_the_order_cannot_skip_the_pipeline():
    order = _order_in(OrderStatus.PAID)
    stale = Order.objects.get(pk=order.pk)
    change_order_status(order=order, to=OrderStatus.CANCELLED, by=None, notify=False)
    with pytest.raises(ForbiddenTransition):
        change_order_status(order=stale, to=OrderStatus.PACKING, by=None, notify=False)
    assert Order.objects.get(pk=order.pk).status == OrderStatus.CANCELLED


def test_the_history_keeps_every_step_in_order(django_user_model):
    order = place_order(product())
    clerk = django_user_model.objects.create_user(username="clerk2", email="c2@example.com")
    for to in ["paid", "packing", "shipped", "delivered", "returned", "refunded"]:
        change_order_status(order=order, to=to, by=clerk, notify=False)
    steps = StatusChange.objects.filter(order=order).values_list("from_status", "to_status")
    assert list(steps) == [
        ("pending-payment", "paid"), ("paid", "packing"), ("packing", "shipped"),
        ("shipped", "delivered"), ("delivered", "returned"), ("returned", "refunded"),
    ]

"""The order's one state machine: every move is allowed by the pipeline and recorded, or refused;
the lines follow the order; only a payment makes an order paid."""

import itertools

import pytest
from django.utils import timezone
from oscar.apps.order.exceptions import InvalidOrderStatus
from oscar.core.loading import get_class, get_model

from orders.statuses import OrderStatus, pipeline
from tests.checkout_support import pay_by_bank
from tests.fulfilment_orders import place_order, product
from tests.order_states import order_in

EventHandler = get_class("order.processing", "EventHandler")
ForbiddenTransition = get_class("order.processing", "ForbiddenTransition")
OrderStatusChange = get_model("order", "OrderStatusChange")

pytestmark = pytest.mark.django_db
S = OrderStatus

ALL_MOVES = list(itertools.product(OrderStatus.values, repeat=2))
#: Moves anyone may ask for; into "paid" only a payment leads (tested below).
ALLOWED = [(a, b) for a, b in ALL_MOVES if b in pipeline()[a] and b != S.PAID]
FORBIDDEN = [(a, b) for a, b in ALL_MOVES if b not in pipeline()[a]]


def test_the_matrix_covers_every_pair_of_statuses():
    into_paid = [(a, b) for a, b in ALL_MOVES if b == S.PAID and b in pipeline()[a]]
    assert len(ALLOWED) + len(FORBIDDEN) + len(into_paid) == len(OrderStatus.values) ** 2
    assert ("paid", "packing") in ALLOWED and ("paid", "delivered") in FORBIDDEN


@pytest.mark.parametrize(("current", "to"), ALLOWED)
def test_an_allowed_move_changes_the_status_and_records_who_when_and_why(current, to, django_user_model):
    order = order_in(current)
    clerk = django_user_model.objects.create_user(username="clerk", email="clerk@example.com")
    before = timezone.now()
    change = EventHandler(user=clerk).handle_order_status_change(order, to, note_msg="asked by phone", notify=False)
    order.refresh_from_db()
    assert order.status == to
    assert (change.old_status, change.new_status, change.changed_by, change.note) == (
        current, to, clerk, "asked by phone"
    )
    assert before <= change.date_created <= timezone.now()
    if to != S.PACKING:
        assert set(order.lines.values_list("status", flat=True)) == {to}


@pytest.mark.parametrize("current", OrderStatus.values)
def test_a_forbidden_move_is_refused_and_leaves_no_trace(current):
    order = order_in(current)
    history = order.status_changes.count()
    for to in [b for a, b in FORBIDDEN if a == current]:
        with pytest.raises(InvalidOrderStatus) as refused:
            EventHandler().handle_order_status_change(order, to, notify=False)
        assert order.number in str(refused.value)
    order.refresh_from_db()
    assert order.status == current and order.status_changes.count() == history


def test_only_a_payment_makes_an_order_paid():
    order = place_order(product())
    with pytest.raises(ForbiddenTransition):
        EventHandler().handle_order_status_change(order, S.PAID, notify=False)
    pay_by_bank(order)
    assert order.status == S.PAID
    assert set(order.lines.values_list("status", flat=True)) == {S.PAID}
    assert order.payment_events.get().event_type.code == "paid"


def test_the_refusal_names_both_statuses_in_words():
    order = order_in(S.PAID)
    with pytest.raises(ForbiddenTransition, match="Paid|Đã thanh toán"):
        EventHandler().handle_order_status_change(order, S.DELIVERED, notify=False)


def test_an_unknown_status_is_refused():
    order = order_in(S.PAID)
    with pytest.raises(ForbiddenTransition):
        EventHandler().handle_order_status_change(order, "lost-in-space", notify=False)


def test_a_stale_copy_of_the_order_cannot_skip_the_pipeline():
    order = order_in(S.PAID)
    stale = type(order).objects.get(pk=order.pk)
    EventHandler().handle_order_status_change(order, S.REFUND_PENDING, notify=False)
    with pytest.raises(ForbiddenTransition):
        EventHandler().handle_order_status_change(stale, S.PACKING, notify=False)
    assert type(order).objects.get(pk=order.pk).status == S.REFUND_PENDING


def test_the_history_is_oscars_one_table_with_every_step_in_order(django_user_model):
    order = order_in(S.SHIPPED)
    clerk = django_user_model.objects.create_user(username="clerk2", email="c2@example.com")
    for to in ["delivered", "returned", "refunded"]:
        EventHandler(user=clerk).handle_order_status_change(order, to, notify=False)
    steps = OrderStatusChange.objects.filter(order=order).order_by("pk").values_list("old_status", "new_status")
    assert list(steps) == [
        ("pending-payment", "paid"), ("paid", "packing"), ("packing", "shipped"),
        ("shipped", "delivered"), ("delivered", "returned"), ("returned", "refunded"),
    ]

"""Orders brought to any status the way the shop gets them there: placed, paid by a bank
notification, packed and shipped by the co-op, expired by the expiry job, cancelled, refunded."""

from datetime import timedelta

from django.utils import timezone
from oscar.core.loading import get_class

from fulfilment.models import Carrier
from fulfilment.services import group_of, pack_group, ship_group
from orders.statuses import OrderStatus
from payments import services as payments
from tests.checkout_support import pay_by_bank
from tests.fulfilment_orders import place_order, product

EventHandler = get_class("order.processing", "EventHandler")
S = OrderStatus


def _parcel(order):
    line = order.lines.first()
    return group_of(order=order, producer=line.partner)


def order_in(status: str, *products, **kwargs):
    """A new order of ``products`` (one new product by default) in ``status``."""
    order = place_order(*(products or (product(),)), **kwargs)
    if status == S.PENDING_PAYMENT:
        return order
    if status == S.CANCELLED:
        payments.cancel_order(order_number=order.number)
    elif status == S.EXPIRED:
        payments.expire_unpaid_orders(now=timezone.now() + timedelta(days=30))
    else:
        pay_by_bank(order)
        if status == S.PACKING:
            pack_group(group=_parcel(order), by=None, notify=False)
        elif status in (S.SHIPPED, S.DELIVERED, S.RETURNED):
            ship_group(group=_parcel(order), carrier=Carrier.GHN, tracking_number="GHN1VN", by=None, notify=False)
            if status in (S.DELIVERED, S.RETURNED):
                EventHandler().handle_order_status_change(order, S.DELIVERED, notify=False)
            if status == S.RETURNED:
                EventHandler().handle_order_status_change(order, S.RETURNED, notify=False)
        elif status == S.REFUND_PENDING:
            EventHandler().handle_order_status_change(order, S.REFUND_PENDING, notify=False)
        elif status == S.REFUNDED:
            payments.record_refund(payment=order.payment, amount=order.payment.amount, provider_reference="bank-1")
    order.refresh_from_db()
    assert order.status == status, (order.status, status)
    return order

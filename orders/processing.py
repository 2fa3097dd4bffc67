"""The one state machine of an order: every move of every order goes through ``EventHandler``.

Payments call ``handle_payment_event`` (money in, money back), parcels call
``handle_shipping_event`` (packed, shipped), and everything else — the co-ops' screens, the
dashboard, the expiry job — calls ``handle_order_status_change``. Each call locks the order row,
checks the move against the pipeline (``OSCAR_ORDER_STATUS_PIPELINE``), records it in Oscar's
``OrderStatusChange`` with who made it and why (lines follow through the status cascade), gives
back or takes off the order's stock and lot units with Oscar's ``cancel_stock_allocations`` /
``consume_stock_allocations``, and logs the customer's message, sent after commit.
"""

import logging
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from oscar.apps.order.exceptions import InvalidOrderStatus, InvalidShippingEvent
from oscar.apps.order.processing import EventHandler as OscarEventHandler
from oscar.core.loading import get_model

from producers.models import InsufficientStock
from traceability.services import allocate_line_lots, release_line_lots

from . import notifications
from .statuses import FULFILLABLE, NOT_SHIPPED, RELEASING, OrderStatus, status_label

Order = get_model("order", "Order")
Line = get_model("order", "Line")
PaymentEventType = get_model("order", "PaymentEventType")
ShippingEventType = get_model("order", "ShippingEventType")

logger = logging.getLogger(__name__)

S = OrderStatus

#: Payment and shipping event codes (their types are created by a migration).
PAID = "paid"
REFUNDED = "refunded"
PACKED = "packed"
SHIPPED = "shipped"
#: Orders that a payment arriving late brings back, when their stock still allows.
REVIVABLE = (S.EXPIRED, S.CANCELLED)


class ForbiddenTransition(InvalidOrderStatus):
    """The pipeline does not allow this move (e.g. "delivered" straight from "paid")."""

    def __init__(self, *, number: str, current: str, requested: str):
        self.number, self.current, self.requested = number, current, requested
        super().__init__(
            _("Order %(number)s cannot go from “%(current)s” to “%(requested)s”.")
            % {"number": number, "current": status_label(current), "requested": status_label(requested)}
        )


class CannotRevive(InvalidOrderStatus):
    """A payment came for an expired or cancelled order whose stock is gone: it must be refunded."""


def _event_type(model, code):
    """The payment or shipping event type of ``code`` (a migration creates them; made again if missing)."""
    if isinstance(code, model):
        return code
    return model.objects.get_or_create(code=code, defaults={"name": code.capitalize()})[0]


class EventHandler(OscarEventHandler):
    """Oscar's order event handler, the only code that changes an order's status."""

    # --- status changes ------------------------------------------------------

    def handle_order_status_change(self, order, new_status, note_msg=None, *, notify=True):
        """Move ``order`` to ``new_status`` (the dashboard, co-ops, expiry); returns the history entry.

        Only a payment makes an order paid. Raises ForbiddenTransition for a move the pipeline
        does not allow (including to the same status).
        """
        if new_status == S.PAID:
            raise ForbiddenTransition(number=order.number, current=order.status, requested=new_status)
        with transaction.atomic():
            locked = self._lock(order)
            change = self._move(locked, new_status, note=note_msg or "", notify=notify)
        order.status = locked.status
        return change

    def _lock(self, order):
        return Order.objects.select_for_update().get(pk=order.pk)

    def _move(self, order, new_status: str, *, note: str = "", notify: bool = True):
        """Move the locked ``order``; stock, lots and the customer's message follow."""
        current = order.status
        if new_status not in order.available_statuses():
            raise ForbiddenTransition(number=order.number, current=current, requested=new_status)
        if new_status == S.PAID and current in REVIVABLE:
            self._allocate_again(order)
        order.set_status(new_status, by=self.user, note=note)
        self._follow_stock(order, was=current, now=new_status)
        if notify:
            notifications.queue_order_message(
                order=order, code=notifications.ORDER_STATUS_CHANGED, context={"status": new_status}
            )
        return order.status_changes.order_by("-pk").first()

    # --- stock and lots ------------------------------------------------------

    def _tracked_lines(self, order) -> list:
        return list(order.lines.filter(stockrecord__isnull=False).select_related("stockrecord", "product"))

    def _follow_stock(self, order, *, was: str, now: str) -> None:
        if now in RELEASING and was in NOT_SHIPPED:
            lines = self._tracked_lines(order)
            if lines:
                self.cancel_stock_allocations(order, lines, [line.quantity for line in lines])
            release_line_lots(order=order)
        elif now == S.SHIPPED:
            lines = self._tracked_lines(order)
            if lines:
                self.consume_stock_allocations(order, lines, [line.quantity for line in lines])

    def consume_stock_allocations(self, order, lines=None, line_quantities=None):
        """Oscar's consumption, except for a line whose stock was already counted down by hand
        (fewer units in stock or allocated than it holds): it only drops its allocation."""
        lines = list(lines or self._tracked_lines(order))
        quantities = list(line_quantities or [line.quantity for line in lines])
        consumable, counted = [], []
        for line, quantity in zip(lines, quantities, strict=True):
            record = line.stockrecord
            possible = record.is_allocation_consumption_possible(quantity) and (record.num_in_stock or 0) >= quantity
            (consumable if possible or not line.can_track_allocations else counted).append((line, quantity))
        if consumable:
            super().consume_stock_allocations(order, *map(list, zip(*consumable, strict=True)))
        if counted:
            logger.warning("order %s: stock already counted down for %s lines", order.number, len(counted))
            super().cancel_stock_allocations(order, *map(list, zip(*counted, strict=True)))

    def _allocate_again(self, order) -> None:
        """Take the stock and lot units of a revived order again; raises CannotRevive when gone."""
        try:
            with transaction.atomic():
                for line in self._tracked_lines(order):
                    if not line.can_track_allocations:
                        continue
                    line.stockrecord.allocate(line.quantity)
                    Line.objects.filter(pk=line.pk).update(num_allocated=line.quantity, allocation_cancelled=False)
                allocate_line_lots(order=order)
        except InsufficientStock as gone:
            raise CannotRevive(
                _("Order %(number)s can no longer be filled: its products sold out.") % {"number": order.number}
            ) from gone

    # --- payments ------------------------------------------------------------

    def handle_payment_event(self, order, event_type, amount, lines=None, line_quantities=None, **kwargs):
        """Record money received ("paid") or sent back ("refunded") for ``order`` and move it.

        "paid" makes an order awaiting payment paid, and revives an expired or cancelled one
        (raising CannotRevive, with nothing recorded, when its stock is gone). "refunded" moves
        the order to "refunded" once everything received has been sent back.
        ``reference`` (kwargs) names the provider's transaction; ``notify`` (default True) tells
        the customer.
        """
        event_type = _event_type(PaymentEventType, event_type)
        notify = kwargs.pop("notify", True)
        with transaction.atomic():
            locked = self._lock(order)
            event = super().handle_payment_event(locked, event_type, amount, lines, line_quantities, **kwargs)
            why = kwargs.get("reference", "")
            if event_type.code == PAID and locked.status in (S.PENDING_PAYMENT, *REVIVABLE):
                self._move(locked, S.PAID, note=why, notify=notify)
            elif event_type.code == REFUNDED and self._refunded_in_full(locked):
                if S.REFUNDED in locked.available_statuses():
                    self._move(locked, S.REFUNDED, note=why, notify=notify)
        order.status = locked.status
        return event

    def _refunded_in_full(self, order) -> bool:
        totals = dict(
            order.payment_events.values_list("event_type__code").annotate(total=Sum("amount")).order_by()
        )
        return totals.get(REFUNDED, Decimal(0)) >= totals.get(PAID, Decimal(0)) > 0

    # --- parcels -------------------------------------------------------------

    def handle_shipping_event(self, order, event_type, lines, line_quantities, **kwargs):
        """Record that ``lines`` were packed or shipped (one producer's parcel) and move the order.

        The lines take the status "packing" or "shipped"; the first packed parcel moves a paid
        order to "packing", the last shipped one to "shipped" (its stock leaves the count).
        ``reference`` (kwargs) is the carrier and tracking number; ``notify`` (default True)
        tells the customer (``parcel`` in kwargs: what the message about a parcel shows).
        Raises InvalidShippingEvent when the order is not paid or packing, or a line was
        already packed/shipped.
        """
        event_type = _event_type(ShippingEventType, event_type)
        notify = kwargs.pop("notify", True)
        parcel = kwargs.pop("parcel", None)
        with transaction.atomic():
            locked = self._lock(order)
            if locked.status not in FULFILLABLE:
                raise InvalidShippingEvent(
                    _("Order %(number)s is “%(status)s”: its parcels can no longer be packed or shipped.")
                    % {"number": locked.number, "status": status_label(locked.status)}
                )
            event = super().handle_shipping_event(locked, event_type, lines, line_quantities, **kwargs)
            line_status = S.PACKING if event_type.code == PACKED else S.SHIPPED
            for line in lines:
                if line.status != line_status:
                    line.set_status(line_status)
            reference = kwargs.get("reference", "")
            if locked.status == S.PAID:
                packing_told = notify and event_type.code == PACKED
                self._move(locked, S.PACKING, note=reference, notify=packing_told)
            if event_type.code == SHIPPED:
                if locked.lines.exclude(status=S.SHIPPED).exists():
                    if notify:
                        notifications.queue_order_message(
                            order=locked, code=notifications.PARCEL_SHIPPED, context=parcel or {}
                        )
                else:
                    self._move(locked, S.SHIPPED, note=reference, notify=notify)
        order.status = locked.status
        return event

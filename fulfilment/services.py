"""Writes of fulfilment: pack and ship each producer's parcel of an order.

A parcel is the group of an order's lines one producer packs and hands to a carrier. Packing and
shipping are Oscar shipping events on those lines, handled by the order's one state machine
(``orders.processing.EventHandler``), which moves the order and tells the customer.
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.order.exceptions import InvalidShippingEvent
from oscar.core.loading import get_class, get_model

from orders.processing import PACKED, SHIPPED, ForbiddenTransition
from orders.statuses import FULFILLABLE, OrderStatus, pipeline, status_label

from .models import Carrier, FulfilmentGroup

Order = get_model("order", "Order")
EventHandler = get_class("order.processing", "EventHandler")


class FulfilmentError(ValueError):
    """A parcel cannot be packed or shipped as asked (wrong state, missing tracking number…)."""


def ensure_fulfilment_groups(*, order) -> list[FulfilmentGroup]:
    """Split ``order`` into one fulfilment group per producer of its lines (idempotent)."""
    producer_ids = set(order.lines.exclude(partner__isnull=True).values_list("partner_id", flat=True))
    existing = set(FulfilmentGroup.objects.filter(order=order).values_list("producer_id", flat=True))
    FulfilmentGroup.objects.bulk_create(
        FulfilmentGroup(order=order, producer_id=producer_id) for producer_id in producer_ids - existing
    )
    return list(FulfilmentGroup.objects.filter(order=order).select_related("producer"))


def group_of(*, order, producer) -> FulfilmentGroup:
    """The parcel of ``producer``'s lines in ``order`` (made on first use)."""
    group, _created = FulfilmentGroup.objects.get_or_create(order=order, producer=producer)
    return group


def _lock_group(group) -> FulfilmentGroup:
    """Lock the order first, then the parcel: parcels of one order change one at a time, so the
    last of two parcels shipped at once still sees the other and moves the order on."""
    list(Order.objects.select_for_update().filter(pk=group.order_id).values_list("pk", flat=True))
    locked = FulfilmentGroup.objects.select_for_update().select_related("order", "producer").get(pk=group.pk)
    if locked.order.status not in FULFILLABLE:
        raise FulfilmentError(
            _("Order %(number)s is “%(status)s”: its parcels can no longer be packed or shipped.")
            % {"number": locked.order.number, "status": status_label(locked.order.status)}
        )
    return locked


def _shipping_event(*, group, code: str, by, reference: str = "", notify: bool, parcel=None) -> None:
    lines = list(group.order.lines.filter(partner_id=group.producer_id))
    try:
        EventHandler(user=by).handle_shipping_event(
            group.order, code, lines, [line.quantity for line in lines],
            reference=reference, notify=notify, parcel=parcel,
        )
    except InvalidShippingEvent as refused:
        raise FulfilmentError(str(refused)) from refused


def pack_group(*, group, by, notify: bool = True) -> FulfilmentGroup:
    """Mark one producer's parcel as packed; the first packed parcel moves the order to "packing".

    Raises FulfilmentError when the parcel is not waiting to be packed or the order is not
    paid/packing.
    """
    with transaction.atomic():
        locked = _lock_group(group)
        if locked.state != FulfilmentGroup.State.TO_PACK:
            raise FulfilmentError(_("This parcel is already packed."))
        locked.state = FulfilmentGroup.State.PACKED
        locked.packed_at = timezone.now()
        locked.packed_by = by
        locked.save(update_fields=["state", "packed_at", "packed_by"])
        _shipping_event(group=locked, code=PACKED, by=by, notify=notify)
    _refresh(group, locked)
    return locked


def ship_group(
    *, group, carrier: str, tracking_number: str, by, carrier_name: str = "", notify: bool = True
) -> FulfilmentGroup:
    """Hand one producer's parcel to a carrier with its tracking number.

    When every parcel of the order has shipped, the order becomes "shipped"; otherwise the
    customer is told that this parcel is on its way.
    Raises FulfilmentError for an unknown carrier, a missing tracking number (or carrier name for
    "other"), a parcel already shipped, or an order that is not paid/packing.
    """
    tracking_number = (tracking_number or "").strip()
    carrier_name = (carrier_name or "").strip()
    if carrier not in Carrier.values:
        raise FulfilmentError(_("Choose a carrier."))
    if not tracking_number:
        raise FulfilmentError(_("Enter the tracking number from the carrier's receipt."))
    if carrier == Carrier.OTHER and not carrier_name:
        raise FulfilmentError(_("Enter the name of the carrier."))
    with transaction.atomic():
        locked = _lock_group(group)
        if locked.state == FulfilmentGroup.State.SHIPPED:
            raise FulfilmentError(_("This parcel has already shipped."))
        now = timezone.now()
        if locked.state == FulfilmentGroup.State.TO_PACK:
            locked.packed_at, locked.packed_by = now, by
        locked.state = FulfilmentGroup.State.SHIPPED
        locked.shipped_at, locked.shipped_by = now, by
        locked.carrier = carrier
        locked.carrier_name = carrier_name if carrier == Carrier.OTHER else ""
        locked.tracking_number = tracking_number[:64]
        locked.save()
        parcel = {
            "producer": locked.producer.name,
            "carrier": str(locked.carrier_label),
            "tracking_number": locked.tracking_number,
        }
        reference = f"{parcel['producer']}: {parcel['carrier']} {parcel['tracking_number']}"
        _shipping_event(group=locked, code=SHIPPED, by=by, reference=reference, notify=notify, parcel=parcel)
    _refresh(group, locked)
    return locked


def _refresh(group, locked) -> None:
    for field in (
        "state",
        "packed_at",
        "packed_by_id",
        "shipped_at",
        "shipped_by_id",
        "carrier",
        "carrier_name",
        "tracking_number",
    ):
        setattr(group, field, getattr(locked, field))


#: What a co-op may do to many orders at once from its order list.
BULK_TARGETS = (OrderStatus.PACKING, OrderStatus.DELIVERED, OrderStatus.CANCELLED)


def target_status(*, order, to: str) -> str:
    """The status a co-op's request leads to: cancelling an order already paid asks for its
    refund ("refund pending") instead — the money is never kept silently."""
    if to == OrderStatus.CANCELLED and OrderStatus.REFUND_PENDING in pipeline().get(order.status, ()):
        return OrderStatus.REFUND_PENDING
    return to


def bulk_change_status(*, coop, orders: Iterable, to: str, by) -> int:
    """Apply one status to many of a co-op's orders: all of them or none.

    "packing" packs the co-op's own parcels of each order; "delivered" and "cancelled" move the
    whole order (a paid order being cancelled waits for its refund as "refund pending").
    Cancelling is refused for an order that also holds another co-op's products.
    Raises ForbiddenTransition or FulfilmentError naming the first order that cannot move; then
    nothing has changed.
    """
    if to not in BULK_TARGETS:
        raise FulfilmentError(_("This status cannot be set for many orders at once."))
    orders = list(orders)
    handler = EventHandler(user=by)
    with transaction.atomic():
        for order in orders:
            if to == OrderStatus.PACKING:
                _pack_coop_groups(coop=coop, order=order, by=by)
                continue
            if to == OrderStatus.CANCELLED and order.lines.exclude(partner__coop=coop).exists():
                raise FulfilmentError(
                    _("Order %(number)s also holds other co-ops' products: cancel it with them.")
                    % {"number": order.number}
                )
            target = target_status(order=order, to=to)
            note = _("Cancelled by the co-op: the payment is to be refunded.") if target != to else ""
            handler.handle_order_status_change(order, target, note_msg=note)
    return len(orders)


def _pack_coop_groups(*, coop, order, by) -> None:
    if order.status not in FULFILLABLE:
        raise ForbiddenTransition(number=order.number, current=order.status, requested=OrderStatus.PACKING)
    ensure_fulfilment_groups(order=order)
    waiting = FulfilmentGroup.objects.filter(
        order=order, producer__coop=coop, state=FulfilmentGroup.State.TO_PACK
    )
    for group in waiting:
        pack_group(group=group, by=by)

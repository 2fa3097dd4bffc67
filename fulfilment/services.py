"""Writes of fulfilment: move an order along its status pipeline, pack and ship producers' parcels.

Every status change is recorded with who made it and when. E-mails to the customer and to the
co-ops leave only after the transaction commits, so a rolled-back change never announces itself.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from orders.statuses import PIPELINE, OrderStatus

from . import notifications, reservations
from .models import Carrier, FulfilmentGroup, OrderLanguage, StatusChange

Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")

#: Statuses in which the producers may still pack and ship their parcels.
FULFILLABLE = (OrderStatus.PAID, OrderStatus.PACKING)


class ForbiddenTransition(ValueError):
    """The pipeline does not allow this move (e.g. "delivered" straight from "paid")."""

    def __init__(self, *, number: str, current: str, requested: str):
        self.number, self.current, self.requested = number, current, requested
        super().__init__(
            _("Order %(number)s cannot go from “%(current)s” to “%(requested)s”.")
            % {
                "number": number,
                "current": _label(current),
                "requested": _label(requested),
            }
        )


class FulfilmentError(ValueError):
    """A parcel cannot be packed or shipped as asked (wrong state, missing tracking number…)."""


def _label(status: str) -> str:
    try:
        return str(OrderStatus(status).label)
    except ValueError:
        return status


def change_order_status(*, order, to: str, by=None, note: str = "", notify: bool = True) -> StatusChange:
    """Move ``order`` to status ``to`` if the pipeline allows it, and record who did it and when.

    The order row is locked while it changes, so two people cannot move it at once. Stock and
    lot units follow the move (``reservations``): released on cancelling, expiry or a refund
    before shipping, taken off the stock count on shipping.
    When the order becomes paid its fulfilment groups are created and the co-ops are told;
    the customer gets an e-mail about every change (unless ``notify`` is false).
    Raises ForbiddenTransition for a move the pipeline does not allow (including to the same status).
    """
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        current = locked.status
        if to not in PIPELINE.get(current, ()):
            raise ForbiddenTransition(number=locked.number, current=current, requested=to)
        locked.set_status(to)
        order.status = locked.status
        change = StatusChange.objects.create(
            order=locked, from_status=current, to_status=to, changed_by=by, note=note[:255]
        )
        reservations.follow_status(locked, was=current, now=to)
        if to == OrderStatus.PAID:
            ensure_fulfilment_groups(order=locked)
            if notify:
                notify_coop_order_paid(order=locked)
        if notify:
            order_pk, change_pk = locked.pk, change.pk
            transaction.on_commit(lambda: notifications.email_customer_status(order_pk, change_pk))
    return change


def ensure_fulfilment_groups(*, order) -> list[FulfilmentGroup]:
    """Split ``order`` into one fulfilment group per producer of its lines (idempotent)."""
    producer_ids = set(order.lines.exclude(partner__isnull=True).values_list("partner_id", flat=True))
    existing = set(FulfilmentGroup.objects.filter(order=order).values_list("producer_id", flat=True))
    FulfilmentGroup.objects.bulk_create(
        FulfilmentGroup(order=order, producer_id=producer_id) for producer_id in producer_ids - existing
    )
    return list(FulfilmentGroup.objects.filter(order=order).select_related("producer"))


def _lock_group(group) -> FulfilmentGroup:
    """Lock the order first, then the parcel: parcels of one order change one at a time, so the
    last of two parcels shipped at once still sees the other and moves the order on."""
    list(Order.objects.select_for_update().filter(pk=group.order_id).values_list("pk", flat=True))
    locked = FulfilmentGroup.objects.select_for_update().select_related("order").get(pk=group.pk)
    if locked.order.status not in FULFILLABLE:
        raise FulfilmentError(
            _("Order %(number)s is “%(status)s”: its parcels can no longer be packed or shipped.")
            % {"number": locked.order.number, "status": _label(locked.order.status)}
        )
    return locked


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
        if locked.order.status == OrderStatus.PAID:
            change_order_status(order=locked.order, to=OrderStatus.PACKING, by=by, notify=notify)
    _refresh(group, locked)
    return locked


def ship_group(
    *, group, carrier: str, tracking_number: str, by, carrier_name: str = "", notify: bool = True
) -> FulfilmentGroup:
    """Hand one producer's parcel to a carrier with its tracking number.

    A parcel still waiting is packed first. When every parcel of the order has shipped, the
    order becomes "shipped"; otherwise the customer is told that this parcel is on its way.
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
        order = locked.order
        if order.status == OrderStatus.PAID:
            change_order_status(order=order, to=OrderStatus.PACKING, by=by, notify=False)
        unshipped = FulfilmentGroup.objects.filter(order=order).exclude(state=FulfilmentGroup.State.SHIPPED)
        if not unshipped.exists():
            change_order_status(order=order, to=OrderStatus.SHIPPED, by=by, notify=notify)
        elif notify:
            order_pk, group_pk = order.pk, locked.pk
            transaction.on_commit(lambda: notifications.email_customer_parcel_shipped(order_pk, group_pk))
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


def bulk_change_status(*, coop, orders: Iterable, to: str, by) -> int:
    """Apply one status to many of a co-op's orders: all of them or none.

    "packing" packs the co-op's own parcels of each order; "delivered" and "cancelled" move the
    whole order. Cancelling is refused for an order that also holds another co-op's products.
    Raises ForbiddenTransition or FulfilmentError naming the first order that cannot move; then
    nothing has changed.
    """
    if to not in BULK_TARGETS:
        raise FulfilmentError(_("This status cannot be set for many orders at once."))
    orders = list(orders)
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
            change_order_status(order=order, to=to, by=by)
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


def remember_order_language(*, order, language: str) -> OrderLanguage:
    """Keep the language the customer placed ``order`` in (checkout calls this); e-mails use it.

    Raises ValueError for a language the site does not offer.
    """
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unsupported language: {language!r}")
    record, _created = OrderLanguage.objects.update_or_create(order=order, defaults={"language": language})
    return record


def notify_coop_order_paid(*, order) -> None:
    """Tell every co-op whose members' products are in ``order`` that it is paid and waits for them.

    Payments code that moves an order to "paid" with change_order_status need not call this (it
    happens there); call it when an order becomes paid any other way. Sent after commit.
    """
    order_pk = order.pk
    transaction.on_commit(lambda: notifications.email_coops_order_paid(order_pk))

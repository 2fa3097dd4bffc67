"""The names of an order's statuses, shared by checkout, payments, fulfilment and the co-ops.

Statuses are stored as these codes; people see the translated labels. Which move may follow
which is the one pipeline in the settings (``OSCAR_ORDER_STATUS_PIPELINE``, read by Oscar's
``Order.set_status``); ``pipeline()`` reads it from there.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderStatus(models.TextChoices):
    PENDING_PAYMENT = "pending-payment", _("Pending payment")
    PAID = "paid", _("Paid")
    PACKING = "packing", _("Packing")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")
    REFUND_PENDING = "refund-pending", _("Refund pending")
    REFUNDED = "refunded", _("Refunded")
    RETURNED = "returned", _("Returned")


S = OrderStatus

#: Nothing has left the producers yet: the order's stock and lot units are still held.
NOT_SHIPPED = (S.PENDING_PAYMENT, S.PAID, S.PACKING)
#: Moving here from NOT_SHIPPED gives the held stock and lot units back.
RELEASING = (S.CANCELLED, S.EXPIRED, S.REFUND_PENDING, S.REFUNDED)
#: The producers may still pack and ship their parcels.
FULFILLABLE = (S.PAID, S.PACKING)
#: Money was received for the order (cancelling it means refunding it).
PAID_STATUSES = (S.PAID, S.PACKING, S.SHIPPED, S.DELIVERED, S.RETURNED)


def pipeline() -> dict[str, tuple[str, ...]]:
    """The allowed moves: status → statuses that may follow it."""
    return settings.OSCAR_ORDER_STATUS_PIPELINE


def status_label(status: str) -> str:
    """The translated label of a status code (the code itself for an unknown one)."""
    try:
        return str(OrderStatus(status).label)
    except ValueError:
        return status

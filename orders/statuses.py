"""The order status pipeline of a co-op shop, shared by checkout, payments and fulfilment.

Statuses are stored as these codes; people see the translated labels.
"""

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
    REFUNDED = "refunded", _("Refunded")
    RETURNED = "returned", _("Returned")


S = OrderStatus

#: Allowed moves, read by Oscar's Order.set_status (OSCAR_ORDER_STATUS_PIPELINE).
PIPELINE: dict[str, tuple[str, ...]] = {
    S.PENDING_PAYMENT: (S.PAID, S.CANCELLED, S.EXPIRED),
    S.PAID: (S.PACKING, S.CANCELLED, S.REFUNDED),
    S.PACKING: (S.SHIPPED, S.CANCELLED, S.REFUNDED),
    S.SHIPPED: (S.DELIVERED, S.RETURNED),
    S.DELIVERED: (S.RETURNED, S.REFUNDED),
    S.RETURNED: (S.REFUNDED,),
    S.CANCELLED: (),
    S.EXPIRED: (),
    S.REFUNDED: (),
}

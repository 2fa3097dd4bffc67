"""Records of fulfilment: one parcel per producer of an order, with its carrier and tracking number.

An order holding products of several producers is fulfilled as several groups: each producer's
lines are packed and handed to a carrier on their own, with their own tracking number.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Carrier(models.TextChoices):
    VNPOST = "vnpost", _("VNPost")
    VIETTEL_POST = "viettel-post", _("Viettel Post")
    GHN = "ghn", _("GHN (Giao Hàng Nhanh)")
    GHTK = "ghtk", _("GHTK (Giao Hàng Tiết Kiệm)")
    OTHER = "other", _("Other carrier")


class FulfilmentGroup(models.Model):
    """The lines of one order that one producer packs and ships together: one parcel."""

    class State(models.TextChoices):
        TO_PACK = "to-pack", _("To pack")
        PACKED = "packed", _("Packed")
        SHIPPED = "shipped", _("Shipped")

    order = models.ForeignKey(
        "order.Order", verbose_name=_("order"), related_name="fulfilment_groups", on_delete=models.CASCADE
    )
    producer = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("producer"),
        related_name="fulfilment_groups",
        on_delete=models.PROTECT,
    )
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.TO_PACK)
    packed_at = models.DateTimeField(_("packed at"), null=True, blank=True)
    packed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("packed by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    shipped_at = models.DateTimeField(_("shipped at"), null=True, blank=True)
    shipped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("shipped by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    carrier = models.CharField(_("carrier"), max_length=16, choices=Carrier.choices, blank=True)
    carrier_name = models.CharField(
        _("carrier name"), max_length=80, blank=True, help_text=_("Only for “other carrier”.")
    )
    tracking_number = models.CharField(_("tracking number"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("fulfilment group")
        verbose_name_plural = _("fulfilment groups")
        ordering = ["order", "producer__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["order", "producer"], name="one_fulfilment_group_per_producer")
        ]
        indexes = [models.Index(fields=["state", "producer"])]

    def __str__(self) -> str:
        return f"{self.order_id} / {self.producer_id}"

    @property
    def carrier_label(self) -> str:
        if self.carrier == Carrier.OTHER and self.carrier_name:
            return self.carrier_name
        return self.get_carrier_display()

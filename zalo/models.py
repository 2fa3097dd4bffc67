"""What the Zalo channel keeps: the Official Account's tokens, the ZNS template chosen for each
order message, the log of every ZNS message sent about an order, and each buyer's choice of
Zalo for an order."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OAToken(models.Model):
    """The Official Account's current access and refresh tokens (one row), kept encrypted.

    Zalo's refresh token can be used once: each refresh returns a new one that must replace it,
    so every process refreshes under a row lock on this row (see ``zalo.tokens``).
    """

    access_token = models.TextField(_("access token (encrypted)"), blank=True)
    refresh_token = models.TextField(_("refresh token (encrypted)"), blank=True)
    access_expires_at = models.DateTimeField(_("access token expires"), null=True, blank=True)
    refreshed_at = models.DateTimeField(_("last refreshed"), null=True, blank=True)

    class Meta:
        verbose_name = _("Zalo OA token")

    def __str__(self) -> str:
        return f"Zalo OA token (refreshed {self.refreshed_at or 'never'})"


class ZnsTemplate(models.Model):
    """The approved ZNS template sent for one kind of order message, and what fills its parameters.

    ``parameters`` maps each template parameter to a field of the message, e.g.
    ``{"customer_name": "customer_name", "order_code": "order_number", "status": "status_label"}``
    (the fields are listed in ``zalo.channel.MESSAGE_FIELDS``).
    """

    class Event(models.TextChoices):
        PLACED = "placed", _("Order placed, awaiting payment")
        PAID = "paid", _("Order paid")
        SHIPPED = "shipped", _("Order shipped (with tracking)")
        DELIVERED = "delivered", _("Order delivered")
        COOP_PAID = "coop_paid", _("New paid order for the co-op")

    event = models.CharField(_("order message"), max_length=16, choices=Event.choices, unique=True)
    template_id = models.CharField(_("ZNS template id"), max_length=32)
    parameters = models.JSONField(_("template parameters"), default=dict, blank=True)
    active = models.BooleanField(_("send on Zalo"), default=True)

    class Meta:
        verbose_name = _("ZNS template")
        verbose_name_plural = _("ZNS templates")
        ordering = ["event"]

    def __str__(self) -> str:
        return f"{self.get_event_display()} → {self.template_id}"


class ZnsMessage(models.Model):
    """One ZNS message about an order: sent, delivered (Zalo's webhook says so) or failed.

    ``tracking_id`` is ours, sent with the message and echoed back by Zalo's delivery event; it
    is made from the order message it carries, so a message is never sent twice.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed (sent by e-mail instead)")

    order = models.ForeignKey("order.Order", related_name="zns_messages", on_delete=models.CASCADE)
    communication_event = models.ForeignKey(
        "order.CommunicationEvent", related_name="zns_messages", on_delete=models.SET_NULL, null=True
    )
    event = models.CharField(_("order message"), max_length=16, choices=ZnsTemplate.Event.choices)
    phone = models.CharField(_("phone (84…)"), max_length=16)
    template_id = models.CharField(_("ZNS template id"), max_length=32, blank=True)
    tracking_id = models.CharField(_("tracking id"), max_length=48, unique=True)
    msg_id = models.CharField(_("Zalo message id"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    error_code = models.IntegerField(_("Zalo error code"), null=True, blank=True)
    error_message = models.CharField(_("Zalo error"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("ZNS message")
        verbose_name_plural = _("ZNS messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.event} {self.tracking_id} ({self.status})"


class ZaloChoice(models.Model):
    """The buyer's choice of order messages on Zalo for one order, made at checkout or on the
    order page. Without a choice saying yes, the order's messages go by e-mail: sending a phone
    number to Zalo needs the buyer's explicit consent (Decree 13/2023 on personal data)."""

    order = models.OneToOneField("order.Order", related_name="zalo_choice", on_delete=models.CASCADE)
    on_zalo = models.BooleanField(_("order messages on Zalo"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Zalo choice")

    def __str__(self) -> str:
        return f"order {self.order_id}: {'Zalo' if self.on_zalo else 'e-mail only'}"

    @classmethod
    def record(cls, order, *, on_zalo: bool) -> None:
        cls.objects.update_or_create(order=order, defaults={"on_zalo": on_zalo})

    @classmethod
    def wants_zalo(cls, order) -> bool:
        return cls.objects.filter(order=order, on_zalo=True).exists()

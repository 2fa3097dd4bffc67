"""What the shop knows about money: one payment per order, provider notifications, bank transfers, refunds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Payment(models.Model):
    """How an order is being paid: the method chosen at checkout and what the provider told us."""

    class Method(models.TextChoices):
        VIETQR = "vietqr", _("Bank transfer (VietQR)")
        STRIPE = "stripe", _("Card (Stripe)")
        MOMO = "momo", _("MoMo wallet")
        ZALOPAY = "zalopay", _("ZaloPay wallet")

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting payment")
        UNDERPAID = "underpaid", _("Underpaid: check by hand")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")
        REFUNDED = "refunded", _("Refunded")
        PARTIALLY_REFUNDED = "partially-refunded", _("Partly refunded")

    order = models.OneToOneField("order.Order", related_name="payment", on_delete=models.CASCADE)
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    state = models.CharField(_("state"), max_length=24, choices=State.choices, default=State.PENDING)
    amount = models.PositiveBigIntegerField(_("amount due (₫)"))
    amount_received = models.PositiveBigIntegerField(_("amount received (₫)"), default=0)
    amount_refunded = models.PositiveBigIntegerField(_("amount refunded (₫)"), default=0)
    reference = models.CharField(_("transfer memo"), max_length=32, db_index=True)
    provider_reference = models.CharField(_("provider reference"), max_length=128, blank=True, db_index=True)
    created = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return f"{self.order_id} {self.method} {self.state}"

    @property
    def refundable(self) -> int:
        return max(self.amount_received - self.amount_refunded, 0)


class ProviderEvent(models.Model):
    """One notification from a provider, stored once: a redelivery finds it here and changes nothing."""

    provider = models.CharField(max_length=16)
    event_id = models.CharField(max_length=128)
    kind = models.CharField(max_length=64, blank=True)
    payload = models.JSONField()
    received = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="provider_event_once")]

    def __str__(self) -> str:
        return f"{self.provider}:{self.event_id}"


class BankTransfer(models.Model):
    """An incoming transfer reported by the bank; matched to an order automatically or by staff."""

    class Outcome(models.TextChoices):
        MATCHED = "matched", _("Matched")
        UNDERPAID = "underpaid", _("Underpaid")
        UNMATCHED = "unmatched", _("Unmatched")
        TO_REFUND = "to-refund", _("To refund")
        IGNORED = "ignored", _("Ignored")

    notification_id = models.CharField(_("bank notification id"), max_length=64, unique=True)
    gateway = models.CharField(_("bank"), max_length=64, blank=True)
    account_number = models.CharField(_("account"), max_length=32, blank=True)
    content = models.CharField(_("memo"), max_length=255, blank=True)
    amount = models.PositiveBigIntegerField(_("amount (₫)"))
    bank_reference = models.CharField(_("bank reference"), max_length=64, blank=True)
    transferred_at = models.CharField(_("transfer time"), max_length=32, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    payment = models.ForeignKey(
        Payment, related_name="transfers", null=True, blank=True, on_delete=models.SET_NULL
    )
    received = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received"]
        verbose_name = _("bank transfer")
        verbose_name_plural = _("bank transfers")

    def __str__(self) -> str:
        return f"{self.notification_id} {self.amount} {self.outcome}"


class Refund(models.Model):
    """Money sent back to a card, full or partial, as asked by staff."""

    payment = models.ForeignKey(Payment, related_name="refunds", on_delete=models.CASCADE)
    amount = models.PositiveBigIntegerField(_("amount (₫)"))
    provider_reference = models.CharField(max_length=128, blank=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created"]

    def __str__(self) -> str:
        return f"{self.payment_id} −{self.amount}"


class RefundDue(models.Model):
    """Money the shop holds and must send back, a line in the staff's "to refund" queue.

    Settled when a refund of it is recorded (``refund``); the buyer's order page says it is due.
    """

    class Reason(models.TextChoices):
        LATE = "late", _("Arrived after the order expired or was cancelled")
        OVERPAID = "overpaid", _("More than the order's total")
        REPEATED = "repeated", _("Another payment for an order already paid")
        CANCELLED = "cancelled", _("The paid order was cancelled")
        MISMATCH = "mismatch", _("The wallet paid another amount than the order's")

    payment = models.ForeignKey(Payment, related_name="refunds_due", on_delete=models.CASCADE)
    transfer = models.ForeignKey(
        BankTransfer, related_name="refunds_due", null=True, blank=True, on_delete=models.SET_NULL
    )
    amount = models.PositiveBigIntegerField(_("amount to return (₫)"))
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    created = models.DateTimeField(auto_now_add=True)
    refund = models.ForeignKey(Refund, related_name="settles", null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("refund due")
        verbose_name_plural = _("refunds due")

    def __str__(self) -> str:
        return f"{self.payment_id} ↩ {self.amount} ({self.reason})"

    @property
    def settled(self) -> bool:
        return self.refund_id is not None


class RefundUnderWay(models.Model):
    """A refund a wallet accepted but has not finished yet (ZaloPay refunds asynchronously).

    Kept on the order and in the staff's queue until the wallet says it is done (then ``refund``
    records it) or refused (``refused``: the money is still to return). While it waits, its amount
    cannot be refunded a second time.
    """

    payment = models.ForeignKey(Payment, related_name="refunds_under_way", on_delete=models.CASCADE)
    amount = models.PositiveBigIntegerField(_("amount (₫)"))
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    wallet_refund_id = models.CharField(_("wallet refund id"), max_length=64, unique=True)
    provider_reference = models.CharField(max_length=128, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    refund = models.OneToOneField(
        Refund, related_name="under_way", null=True, blank=True, on_delete=models.SET_NULL
    )
    refused = models.BooleanField(_("refused by the wallet"), default=False)

    class Meta:
        verbose_name = _("refund under way")
        verbose_name_plural = _("refunds under way")

    def __str__(self) -> str:
        return f"{self.payment_id} ↩ {self.amount} ({self.wallet_refund_id})"


class WalletRequest(models.Model):
    """The payment request made at a wallet (MoMo, ZaloPay) for an order: what the buyer is sent to.

    Made once per payment, so reloading the order page reuses it instead of asking the wallet again;
    ``wallet_order_id`` is what the wallet's notifications and status queries name.
    """

    payment = models.OneToOneField(Payment, related_name="wallet_request", on_delete=models.CASCADE)
    wallet_order_id = models.CharField(_("wallet order id"), max_length=64, unique=True)
    request_id = models.CharField(max_length=64)
    pay_url = models.URLField(_("payment address"), max_length=1000, blank=True)
    qr_data = models.TextField(_("QR code data"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("wallet payment request")
        verbose_name_plural = _("wallet payment requests")

    def __str__(self) -> str:
        return f"{self.payment_id} {self.wallet_order_id}"

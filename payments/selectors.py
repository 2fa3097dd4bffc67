"""Reads about payments for pages and the dashboard."""

from django.conf import settings
from oscar.core.loading import get_model

from . import vietqr
from .models import BankTransfer, Payment, RefundDue, RefundUnderWay

Order = get_model("order", "Order")
SETTLED_STATES = (Payment.State.PAID, Payment.State.REFUNDED, Payment.State.PARTIALLY_REFUNDED)


def bank_details() -> dict:
    """The account bank transfers go to, as the buyer's page and e-mails show it."""
    return {
        "bank_name": settings.VIETQR_BANK_NAME,
        "bin": settings.VIETQR_BANK_BIN,
        "account": settings.VIETQR_ACCOUNT_NUMBER,
        "account_name": settings.VIETQR_ACCOUNT_NAME,
    }


def payment_of_order(*, order) -> Payment | None:
    return Payment.objects.filter(order=order).first()


def vietqr_payload(*, payment: Payment) -> str:
    """The VietQR payload asking for exactly what the order still owes, with its memo."""
    due = max(payment.amount - payment.amount_received, 0) or payment.amount
    return vietqr.build_payload(
        bank_bin=settings.VIETQR_BANK_BIN,
        account=settings.VIETQR_ACCOUNT_NUMBER,
        amount=due,
        memo=payment.reference,
    )


def payment_status(*, payment: Payment) -> dict:
    """What the status endpoint and the order page report (no personal data)."""
    return {
        "order": payment.order.number,
        "state": payment.state,
        "state_label": str(payment.get_state_display()),
        "order_status": payment.order.status,
        "paid": payment.state in SETTLED_STATES,
        "amount": payment.amount,
        "amount_received": payment.amount_received,
    }


def transfers_needing_staff():
    """Bank transfers nobody could match, and underpaid ones, newest first."""
    return BankTransfer.objects.filter(
        outcome__in=[BankTransfer.Outcome.UNMATCHED, BankTransfer.Outcome.UNDERPAID]
    ).select_related("payment__order")


def refunds_due_open():
    """Money to return that no refund has settled yet, oldest first (the staff's refund queue)."""
    return RefundDue.objects.filter(refund__isnull=True).select_related("payment__order", "transfer")


def refunds_under_way(*, payment: Payment | None = None):
    """Refunds a wallet accepted and has not finished (of one payment, or all: shown beside the
    refund queue), oldest first."""
    waiting = RefundUnderWay.objects.filter(refund__isnull=True, refused=False).order_by("created", "pk")
    waiting = waiting.select_related("payment__order")
    return waiting.filter(payment=payment) if payment is not None else waiting


def money_summary(*, payment: Payment) -> dict:
    """What the buyer's page says about the money: received, still due, to return, returned."""
    dues = list(payment.refunds_due.all())
    awaiting = payment.state in (Payment.State.PENDING, Payment.State.UNDERPAID)
    return {
        "received": payment.amount_received,
        "still_due": max(payment.amount - payment.amount_received, 0) if awaiting else 0,
        "to_return": sum(due.amount for due in dues if not due.settled),
        "returned": payment.amount_refunded,
        "dues": dues,
    }

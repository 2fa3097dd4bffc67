"""Moving payments forward on verified news: bank transfers, card events, expiry, refunds.

Every change runs in one transaction with the payment row locked; the order moves only through
its state machine (``orders.processing.EventHandler``: money in and money back are its payment
events), so a late or repeated notification cannot move it backwards. The buyer's messages are
logged with the change and sent after commit.
"""

import logging
import re
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from orders import notifications
from orders.statuses import OrderStatus
from orders.utils import ALPHABET, LENGTH, PREFIX

from .models import BankTransfer, Payment, ProviderEvent, Refund, RefundDue

Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")
EventHandler = get_class("order.processing", "EventHandler")
CannotRevive = get_class("order.processing", "CannotRevive")

logger = logging.getLogger(__name__)

#: Order references anywhere in a memo, overlapping allowed (banks glue words together).
REFERENCE_PATTERN = re.compile(f"(?=({PREFIX}[{ALPHABET}]{{{LENGTH}}}))")
OPEN_STATES = (Payment.State.PENDING, Payment.State.UNDERPAID)
#: The order expired or was cancelled before any money came.
LAPSED_STATES = (Payment.State.EXPIRED, Payment.State.FAILED)


class PaymentRejected(ValueError):
    """A notification or request that is well-formed but cannot be applied; the message says why."""


def record_provider_event(*, provider: str, event_id: str, kind: str, payload: dict) -> bool:
    """Store a provider's event once; False when it was already stored (a redelivery)."""
    try:
        with transaction.atomic():
            ProviderEvent.objects.create(provider=provider, event_id=event_id, kind=kind, payload=payload)
    except IntegrityError:
        return False
    return True


def _move(order, to: str, *, why: str) -> None:
    """Move the order (not by a payment: expiry, cancelling); the buyer is told."""
    EventHandler().handle_order_status_change(order, to, note_msg=why)


def note_on_order(order, message: str) -> None:
    """A system note in the order's history (what staff read on the dashboard)."""
    OrderNote.objects.create(order=order, note_type="System", message=message)


def mark_paid(payment: Payment, *, source: str) -> None:
    """Payment complete: recorded as the order's "paid" payment event, which moves an order awaiting
    payment to paid (the buyer and the co-ops are told)."""
    payment.state = Payment.State.PAID
    payment.paid_at = timezone.now()
    payment.save(update_fields=["state", "paid_at", "amount_received", "provider_reference"])
    EventHandler().handle_payment_event(payment.order, "paid", payment.amount_received, reference=source)


def owe_refund(*, payment: Payment, amount: int, reason: str, transfer: BankTransfer | None = None) -> RefundDue:
    """Put money the shop must return in the staff's "to refund" queue, note it on the order and
    tell the buyer (after commit) what happened and what happens next."""
    due = RefundDue.objects.create(payment=payment, transfer=transfer, amount=amount, reason=reason)
    order = payment.order
    note_on_order(order, f"{amount} ₫ to return to the buyer: {due.get_reason_display()}.")
    notifications.queue_order_message(
        order=order, code=notifications.REFUND_DUE, context={"amount": amount, "reason": reason}
    )
    return due


def locked_payment(**lookup) -> Payment | None:
    """The payment that matches, with its order, locked until the transaction ends."""
    return Payment.objects.select_for_update().select_related("order").filter(**lookup).first()


# --- Bank transfers (VietQR) -------------------------------------------------


#: Far above any order (a trillion đồng): anything larger is a forged or broken notification.
MAX_TRANSFER_AMOUNT = 10**12


def record_bank_notification(*, notification: dict) -> BankTransfer:
    """Apply one bank notification (SePay-style JSON); a repeated id returns the stored transfer unchanged.

    Exact or larger amount → paid; smaller → underpaid (staff decide); no known reference →
    kept unmatched for staff; money out, or into another account than the shop's, is ignored.
    Raises PaymentRejected for a notification missing its id or amount, or with an absurd amount.
    """
    try:
        notification_id = str(notification["id"])
        amount = int(notification["transferAmount"])
    except (KeyError, TypeError, ValueError) as error:
        raise PaymentRejected("id and transferAmount are required") from error
    if amount < 0:
        raise PaymentRejected("transferAmount must not be negative")
    if amount > MAX_TRANSFER_AMOUNT:
        raise PaymentRejected(f"transferAmount above {MAX_TRANSFER_AMOUNT} is not a real transfer")
    content = str(notification.get("content") or "")[:255]
    with transaction.atomic():
        existing = BankTransfer.objects.select_for_update().filter(notification_id=notification_id).first()
        if existing:
            return existing
        transfer = BankTransfer(
            notification_id=notification_id,
            gateway=str(notification.get("gateway") or "")[:64],
            account_number=str(notification.get("accountNumber") or "")[:32],
            content=content,
            amount=amount,
            bank_reference=str(notification.get("referenceCode") or "")[:64],
            transferred_at=str(notification.get("transactionDate") or "")[:32],
            outcome=BankTransfer.Outcome.UNMATCHED,
        )
        to_another_account = transfer.account_number != settings.VIETQR_ACCOUNT_NUMBER
        if notification.get("transferType", "in") != "in" or to_another_account:
            transfer.outcome = BankTransfer.Outcome.IGNORED
            transfer.save()
            return transfer
        payment = None
        for reference in REFERENCE_PATTERN.findall(content.upper().replace(" ", "")):
            payment = locked_payment(reference=reference, method=Payment.Method.VIETQR)
            if payment:
                break
        try:
            with transaction.atomic():
                transfer.save()
        except IntegrityError:
            return BankTransfer.objects.get(notification_id=notification_id)
        if payment is not None:
            _apply_transfer(transfer=transfer, payment=payment)
        return transfer


def _apply_transfer(*, transfer: BankTransfer, payment: Payment) -> None:
    """Count the transfer towards the payment. What is beyond the order's total — an extra amount,
    a second transfer, money after the order expired or was cancelled — joins the refund queue."""
    transfer.payment = payment
    was_open = payment.state in OPEN_STATES and payment.order.status == OrderStatus.PENDING_PAYMENT
    previously = payment.amount_received
    payment.amount_received += transfer.amount
    if was_open and payment.amount_received >= payment.amount:
        transfer.outcome = BankTransfer.Outcome.MATCHED
        mark_paid(payment, source=f"bank transfer {transfer.notification_id}")
        if payment.amount_received > payment.amount:
            owe_refund(
                payment=payment, amount=payment.amount_received - payment.amount,
                reason=RefundDue.Reason.OVERPAID, transfer=transfer,
            )
    elif was_open:
        transfer.outcome = BankTransfer.Outcome.UNDERPAID
        payment.state = Payment.State.UNDERPAID
        payment.save(update_fields=["state", "amount_received"])
        note_on_order(payment.order, f"Underpaid: received {payment.amount_received} of {payment.amount} ₫.")
    else:
        transfer.outcome = BankTransfer.Outcome.TO_REFUND
        payment.save(update_fields=["amount_received"])
        late = payment.order.status in (OrderStatus.EXPIRED, OrderStatus.CANCELLED) or previously < payment.amount
        owe_refund(
            payment=payment, amount=transfer.amount, transfer=transfer,
            reason=RefundDue.Reason.LATE if late else RefundDue.Reason.REPEATED,
        )
    transfer.save(update_fields=["payment", "outcome"])


def match_bank_transfer(*, transfer_id: int, order_number: str) -> BankTransfer:
    """Staff attach an unmatched transfer to an order by hand; raises PaymentRejected if it cannot apply."""
    with transaction.atomic():
        transfer = BankTransfer.objects.select_for_update().get(pk=transfer_id)
        if transfer.outcome != BankTransfer.Outcome.UNMATCHED:
            raise PaymentRejected("This transfer is already matched.")
        payment = locked_payment(order__number=order_number.strip().upper())
        if payment is None:
            raise PaymentRejected("No order with this number.")
        _apply_transfer(transfer=transfer, payment=payment)
        return transfer


def accept_underpayment(*, order_number: str) -> Payment:
    """Staff accept what an underpaid order received (e.g. the buyer paid the rest in cash)."""
    with transaction.atomic():
        payment = locked_payment(order__number=order_number, state=Payment.State.UNDERPAID)
        if payment is None:
            raise PaymentRejected("This order is not underpaid.")
        mark_paid(payment, source="staff decision")
        return payment


# --- Cards (Stripe) ------------------------------------------------------------


def record_card_payment_intent(*, payment: Payment, intent_id: str) -> None:
    """Remember which PaymentIntent belongs to the payment (first one wins)."""
    Payment.objects.filter(pk=payment.pk, provider_reference="").update(provider_reference=intent_id)


def apply_stripe_event(*, event: dict) -> str:
    """Apply a verified Stripe event once; returns what happened ("duplicate", "paid", "ignored", …).

    Amount and currency must equal the order's; a mismatch is noted for staff and changes nothing.
    """
    kind = event["type"]
    obj = event["data"]["object"]
    with transaction.atomic():
        if not record_provider_event(provider="stripe", event_id=event["id"], kind=kind, payload=event):
            return "duplicate"
        if kind in ("payment_intent.succeeded", "payment_intent.payment_failed"):
            payment = locked_payment(provider_reference=obj["id"]) or locked_payment(
                order__number=(obj.get("metadata") or {}).get("order", "-"), method=Payment.Method.STRIPE
            )
            if payment is None:
                return "unknown"
            if kind == "payment_intent.payment_failed":
                return "failed-noted" if payment.state in OPEN_STATES else "ignored"
            amount = int(obj.get("amount_received") or obj.get("amount") or 0)
            if amount != payment.amount or str(obj.get("currency", "")).lower() != "vnd":
                currency = obj.get("currency")
                note_on_order(payment.order, f"Card payment {obj['id']} of {amount} {currency} does not match.")
                return "mismatch"
            if payment.state not in (*OPEN_STATES, *LAPSED_STATES):
                return "ignored"
            lapsed = payment.state in LAPSED_STATES
            payment.provider_reference = obj["id"]
            payment.amount_received = amount
            if lapsed:
                return _late_card_payment(payment, source=f"card {obj['id']}")
            mark_paid(payment, source=f"card {obj['id']}")
            return "paid"
        if kind == "charge.refunded":
            payment = locked_payment(provider_reference=obj.get("payment_intent") or "-")
            if payment is None:
                return "unknown"
            refunded = int(obj.get("amount_refunded") or 0)
            if refunded > payment.amount_refunded:
                _set_refunded(payment, refunded, reference=f"card refund {obj.get('id', '')}")
                return "refunded"
            return "ignored"
    return "ignored"


def _late_card_payment(payment: Payment, *, source: str) -> str:
    """A card payment that succeeded after its order expired or was cancelled: the order comes
    back if its stock can still be allocated; otherwise the money goes back to the card (after
    commit; a line stays in the staff's refund queue until the refund is recorded)."""
    lapsed_state, order = payment.state, payment.order
    was = order.status
    try:
        with transaction.atomic():
            mark_paid(payment, source=f"{source}, after the order was {was}")
    except CannotRevive:
        payment.state, payment.paid_at = lapsed_state, None
        payment.save(update_fields=["state", "paid_at", "amount_received", "provider_reference"])
        due = owe_refund(payment=payment, amount=payment.amount_received, reason=RefundDue.Reason.LATE)
        transaction.on_commit(partial(_refund_card_quietly, due_id=due.pk), robust=True)
        return "refunding"
    note_on_order(order, f"Revived: {source} arrived after the order was {was}; its stock was allocated again.")
    return "revived"


def _refund_card_quietly(*, due_id: int) -> None:
    """Send a refund due back to the card; a failure is logged and the line stays in the queue."""
    from .stripe_gateway import CardPaymentError, refund_card

    due = RefundDue.objects.select_related("payment__order").get(pk=due_id)
    try:
        refund_card(payment=due.payment, amount=due.amount, reason=due.get_reason_display())
    except CardPaymentError:
        logger.warning("automatic refund of order %s failed; left for staff", due.payment.order.number, exc_info=True)


def on_order_status_changed(sender, order, old_status, new_status, **kwargs) -> None:
    """Oscar's ``order_status_changed`` hook: a paid order cancelled ("refund pending") owes its
    money back — a card is refunded after commit, a bank transfer waits in the staff queue."""
    if new_status != OrderStatus.REFUND_PENDING:
        return
    payment = Payment.objects.filter(order=order).first()
    if payment is None or not payment.refundable:
        return
    due = owe_refund(payment=payment, amount=payment.refundable, reason=RefundDue.Reason.CANCELLED)
    if payment.method == Payment.Method.STRIPE and payment.provider_reference:
        transaction.on_commit(partial(_refund_card_quietly, due_id=due.pk), robust=True)


def _set_refunded(payment: Payment, refunded: int, *, reference: str) -> None:
    """Record that ``refunded`` ₫ in all went back; the order follows once everything has, and
    the buyer is told (after commit) how much was sent and where to."""
    previously = payment.amount_refunded
    payment.amount_refunded = refunded
    full = refunded >= payment.amount_received
    payment.state = Payment.State.REFUNDED if full else Payment.State.PARTIALLY_REFUNDED
    payment.save(update_fields=["amount_refunded", "state"])
    sent = refunded - previously
    # The refund message tells the buyer what the status message would (the order is refunded).
    EventHandler().handle_payment_event(payment.order, "refunded", sent, reference=reference, notify=False)
    notifications.queue_order_message(
        order=payment.order,
        code=notifications.REFUND_SENT,
        context={"amount": sent, "method": payment.method, "in_full": full},
    )


def record_refund(*, payment: Payment, amount: int, provider_reference: str, reason: str = "") -> Refund:
    """Store a refund sent (by the card provider, or a bank transfer staff made) and update the
    payment and the order; it settles the oldest refunds due that it covers."""
    with transaction.atomic():
        locked = locked_payment(pk=payment.pk)
        refund = Refund.objects.create(
            payment=locked, amount=amount, provider_reference=provider_reference, reason=reason
        )
        covered = 0
        for due in RefundDue.objects.filter(payment=locked, refund__isnull=True):
            if covered + due.amount > amount:
                break
            covered += due.amount
            RefundDue.objects.filter(pk=due.pk).update(refund=refund)
        _set_refunded(locked, locked.amount_refunded + amount, reference=provider_reference)
        return refund


# --- Expiry --------------------------------------------------------------------


def expire_unpaid_orders(*, now=None, after: timedelta | None = None) -> list[str]:
    """Expire orders still awaiting payment after the configured time, releasing their stock.

    Underpaid orders are left for staff. Returns the numbers of the orders expired.
    """
    now = now or timezone.now()
    after = after if after is not None else timedelta(minutes=settings.PAYMENT_EXPIRY_MINUTES)
    expired = []
    candidates = Payment.objects.filter(state=Payment.State.PENDING, created__lt=now - after).values_list(
        "pk", flat=True
    )
    for payment_pk in candidates:
        with transaction.atomic():
            payment = locked_payment(pk=payment_pk, state=Payment.State.PENDING)
            if payment is None or payment.order.status != OrderStatus.PENDING_PAYMENT:
                continue
            order = payment.order
            _move(order, OrderStatus.EXPIRED, why="no payment before the deadline")
            payment.state = Payment.State.EXPIRED
            payment.save(update_fields=["state"])
            if payment.method == Payment.Method.STRIPE and payment.provider_reference:
                transaction.on_commit(lambda intent=payment.provider_reference: _cancel_card_intent(intent))
            expired.append(order.number)
    return expired


def _cancel_card_intent(intent_id: str) -> None:
    from .stripe_gateway import cancel_intent_quietly

    cancel_intent_quietly(intent_id=intent_id)


def cancel_order(*, order_number: str) -> Payment:
    """Cancel an order still awaiting payment, releasing its stock; raises PaymentRejected otherwise."""
    with transaction.atomic():
        payment = locked_payment(order__number=order_number)
        if payment is None or payment.state not in OPEN_STATES:
            raise PaymentRejected("Only an order awaiting payment can be cancelled here.")
        order = payment.order
        _move(order, OrderStatus.CANCELLED, why="cancelled before payment")
        payment.state = Payment.State.FAILED
        payment.save(update_fields=["state"])
        return payment


def switch_to_bank_transfer(*, payment: Payment) -> Payment:
    """The buyer gives up on the card and pays the placed order by VietQR instead (same order,
    same memo); the card's PaymentIntent is cancelled after commit so it can no longer be charged.

    Raises PaymentRejected when the order is no longer awaiting a card payment.
    """
    with transaction.atomic():
        locked = locked_payment(pk=payment.pk)
        if (
            locked.method != Payment.Method.STRIPE
            or locked.state != Payment.State.PENDING
            or locked.order.status != OrderStatus.PENDING_PAYMENT
        ):
            raise PaymentRejected("This order is not awaiting a card payment.")
        locked.method = Payment.Method.VIETQR
        locked.save(update_fields=["method"])
        note_on_order(locked.order, "The buyer switched from card to bank transfer (VietQR).")
        if locked.provider_reference:
            transaction.on_commit(partial(_cancel_card_intent, locked.provider_reference), robust=True)
    return locked

"""Applying what a wallet (MoMo, ZaloPay) says about a payment: notifications and status answers alike.

Both kinds of news go through ``apply_wallet_result`` under one event id built from the wallet's
own transaction id, so a notification and a status query reporting the same payment count once,
and a redelivered notification changes nothing. Nothing here checks signatures: the wallet
modules call it only with verified messages or with answers to our own signed queries.
"""

import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from orders.statuses import OrderStatus

from . import services
from .models import Payment, RefundDue, WalletRequest

logger = logging.getLogger(__name__)


class WalletError(Exception):
    """A wallet request failed; ``message`` is for the buyer or the staff, ``retry`` says whether to retry."""

    def __init__(self, message: str, *, retry: bool = True):
        super().__init__(message)
        self.message = message
        self.retry = retry


class RefundStillProcessing(WalletError):
    """The wallet accepted a refund but has not finished it; it is kept as a refund under way."""


@dataclass(frozen=True)
class WalletResult:
    """One verified statement from a wallet: "transaction ``transaction_id`` for ``wallet_order_id``
    paid ``amount`` ₫" (``succeeded``) or "it failed" (``succeeded`` False)."""

    provider: str
    wallet_order_id: str
    transaction_id: str
    amount: int
    succeeded: bool
    code: str
    payload: dict


def _event_id(result: WalletResult) -> str:
    outcome = "paid" if result.succeeded else f"failed-{result.code}"
    return f"{result.wallet_order_id}:{result.transaction_id or '-'}:{outcome}"


def apply_wallet_result(*, result: WalletResult) -> str:
    """Apply a verified wallet result once; returns what happened.

    "duplicate" (seen before), "unknown" (no such wallet order), "failed-noted" (the order stays
    awaiting payment, the buyer may try again), "ignored" (a failure after a success, or news about
    a payment already settled by this transaction), "mismatch" (the amount differs from the order's:
    the money waits in the staff's refund queue, the order does not move), "paid", "late" (paid after
    the order expired or was cancelled: refund queue) or "repeated" (a second payment: refund queue).
    """
    with transaction.atomic():
        recorded = services.record_provider_event(
            provider=result.provider, event_id=_event_id(result), kind="paid" if result.succeeded else "failed",
            payload=result.payload,
        )
        if not recorded:
            return "duplicate"
        payment = services.locked_payment(
            wallet_request__wallet_order_id=result.wallet_order_id, method=result.provider
        )
        if payment is None:
            logger.warning("%s result for unknown wallet order %s", result.provider, result.wallet_order_id)
            return "unknown"
        order = payment.order
        if not result.succeeded:
            if payment.state in services.OPEN_STATES:
                services.note_on_order(order, f"{result.provider} payment did not go through (code {result.code}).")
                return "failed-noted"
            return "ignored"
        if payment.provider_reference == result.transaction_id and payment.state != Payment.State.PENDING:
            return "ignored"
        if result.amount != payment.amount:
            services.note_on_order(
                order,
                f"{result.provider} transaction {result.transaction_id} paid {result.amount} ₫, "
                f"the order is {payment.amount} ₫: left for staff.",
            )
            payment.amount_received += result.amount
            payment.provider_reference = payment.provider_reference or result.transaction_id
            payment.save(update_fields=["amount_received", "provider_reference"])
            services.owe_refund(payment=payment, amount=result.amount, reason=RefundDue.Reason.MISMATCH)
            return "mismatch"
        source = f"{result.provider} {result.transaction_id}"
        open_order = payment.state == Payment.State.PENDING and order.status == OrderStatus.PENDING_PAYMENT
        if open_order:
            payment.amount_received = result.amount
            payment.provider_reference = result.transaction_id
            services.mark_paid(payment, source=source)
            return "paid"
        late = payment.state in services.LAPSED_STATES
        payment.amount_received += result.amount
        if not payment.provider_reference:
            payment.provider_reference = result.transaction_id
        payment.save(update_fields=["amount_received", "provider_reference"])
        services.note_on_order(order, f"{source} arrived after the order was {order.status}: to refund.")
        services.owe_refund(
            payment=payment, amount=result.amount,
            reason=RefundDue.Reason.LATE if late else RefundDue.Reason.REPEATED,
        )
        return "late" if late else "repeated"


def wallet_requests_to_query(*, older_than, now):
    """Wallet requests whose payment is still pending (or lapsed within a day, to catch late money)
    and that are older than ``older_than``: the notification may have been lost."""
    return WalletRequest.objects.filter(
        created__lt=now - older_than,
        payment__method__in=[Payment.Method.MOMO, Payment.Method.ZALOPAY],
        payment__state__in=[*services.OPEN_STATES, *services.LAPSED_STATES],
        payment__created__gt=now - timedelta(days=1) - older_than,
    ).select_related("payment__order")


def post_to_wallet(url: str, *, body: dict, form: bool = False, timeout: float = 30) -> dict:
    """POST a request to a wallet and return its JSON answer; raises WalletError when the wallet
    cannot be reached or answers something that is not JSON (the caller's state is left as it was).

    ``form`` sends ``application/x-www-form-urlencoded`` (ZaloPay accepts it), else JSON (MoMo).
    The timeout follows MoMo's advice of at least 30 s.
    """
    if form:
        data, content_type = urllib.parse.urlencode(body).encode(), "application/x-www-form-urlencoded"
    else:
        data, content_type = json.dumps(body).encode(), "application/json; charset=UTF-8"
    request = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answer = json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        try:
            answer = json.loads(error.read() or b"{}")
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            logger.warning("wallet %s answered HTTP %s", url, error.code)
            raise WalletError(_("The wallet did not answer. Please try again in a moment.")) from error
    except (OSError, ValueError) as error:
        logger.warning("wallet %s unreachable: %s", url, error)
        raise WalletError(_("The wallet did not answer. Please try again in a moment.")) from error
    if not isinstance(answer, dict):
        raise WalletError(_("The wallet did not answer. Please try again in a moment."))
    return answer


def remember_wallet_page(wallet_request: WalletRequest, *, pay_url: str, qr_data: str) -> WalletRequest:
    """Keep where the wallet sends the buyer (its page and its QR data) so the order page reuses them."""
    wallet_request.pay_url, wallet_request.qr_data = pay_url, qr_data or ""
    wallet_request.save(update_fields=["pay_url", "qr_data"])
    return wallet_request

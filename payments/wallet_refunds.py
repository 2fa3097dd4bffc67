"""Refunds a wallet accepted but has not finished (ZaloPay answers "processing" for a while).

``note_refund_under_way`` keeps such a refund on the order (a note in its history) and in the
staff's queue; ``settle_refund_under_way`` records it once the wallet says it is done, or notes
that the wallet refused it so staff refund again. ``query_wallet_payments`` asks the wallet about
every refund still waiting.
"""

from django.db import transaction
from django.db.models import Sum

from . import selectors, services
from .models import Payment, RefundUnderWay


def waiting_amount(*, payment: Payment) -> int:
    """Đồng of this payment in refunds the wallet has not finished: not refundable again meanwhile."""
    return selectors.refunds_under_way(payment=payment).aggregate(total=Sum("amount"))["total"] or 0


def note_refund_under_way(
    *, payment: Payment, amount: int, reason: str, wallet_refund_id: str, provider_reference: str
) -> RefundUnderWay:
    """Keep a refund the wallet is still processing, and say so on the order for staff."""
    with transaction.atomic():
        under_way = RefundUnderWay.objects.create(
            payment=payment, amount=amount, reason=reason, wallet_refund_id=wallet_refund_id,
            provider_reference=provider_reference,
        )
        services.note_on_order(
            payment.order,
            f"{payment.get_method_display()} refund {wallet_refund_id} of {amount} ₫ is still being processed "
            "by the wallet: recorded when the wallet confirms it.",
        )
    return under_way


def settle_refund_under_way(*, under_way: RefundUnderWay, succeeded: bool) -> None:
    """The wallet finished the refund: record it (settling the refunds due it covers), or note
    that it was refused and its money is still to return."""
    with transaction.atomic():
        locked = RefundUnderWay.objects.select_for_update().select_related("payment__order").get(pk=under_way.pk)
        if locked.refund_id is not None or locked.refused:
            return
        if succeeded:
            refund = services.record_refund(
                payment=locked.payment, amount=locked.amount, provider_reference=locked.provider_reference,
                reason=locked.reason,
            )
            locked.refund = refund
            locked.save(update_fields=["refund"])
            return
        locked.refused = True
        locked.save(update_fields=["refused"])
        services.note_on_order(
            locked.payment.order,
            f"The wallet refused refund {locked.wallet_refund_id} of {locked.amount} ₫: refund it again.",
        )

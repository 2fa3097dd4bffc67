"""Staff pages in the dashboard: unmatched bank transfers, an order's payment, refunds."""

from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services, stripe_gateway
from .forms import MatchTransferForm, RefundForm
from .models import BankTransfer, Payment, RefundDue
from .registry import wallet_of
from .wallet_results import RefundStillProcessing, WalletError

#: Methods whose money goes back through the provider's own refund call (no reference typed by staff).
PROVIDER_REFUNDED = (Payment.Method.STRIPE, Payment.Method.MOMO, Payment.Method.ZALOPAY)


class RefundFailed(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def refund_through_provider(*, payment: Payment, amount: int, reason: str) -> None:
    """Refund by the card provider or the wallet the payment came through; raises RefundFailed, or
    RefundStillProcessing when the wallet is still finishing it (it is kept as a refund under way)."""
    wallet = wallet_of(payment.method)
    try:
        if wallet is not None:
            wallet.refund(payment=payment, amount=amount, reason=reason)
        else:
            stripe_gateway.refund_card(payment=payment, amount=amount, reason=reason)
    except RefundStillProcessing:
        raise
    except (WalletError, stripe_gateway.CardPaymentError) as error:
        raise RefundFailed(error.message) from error

staff_member_required = user_passes_test(lambda user: user.is_active and user.is_staff)


@staff_member_required
def transfer_list(request):
    """Transfers to match by hand (unknown memo, short) and money to return (the refund queue)."""
    return render(
        request,
        "payments/dashboard/transfer_list.html",
        {
            "transfers": selectors.transfers_needing_staff()[:200],
            "form": MatchTransferForm(),
            "refunds_due": selectors.refunds_due_open()[:200],
            "refunds_under_way": selectors.refunds_under_way()[:200],
        },
    )


@staff_member_required
@require_POST
def transfer_match(request, pk: int):
    transfer = get_object_or_404(BankTransfer, pk=pk)
    form = MatchTransferForm(request.POST)
    if form.is_valid():
        try:
            number = form.cleaned_data["order_number"]
            services.match_bank_transfer(transfer_id=transfer.pk, order_number=number)
        except services.PaymentRejected as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Transfer matched."))
    else:
        messages.error(request, _("Enter an order number."))
    return redirect("payments_dashboard:transfers")


@staff_member_required
@require_POST
@transaction.non_atomic_requests
def refund_due_settle(request, pk: int):
    """Staff return money due: a card is refunded through Stripe; a bank refund they sent is recorded."""
    due = get_object_or_404(RefundDue.objects.select_related("payment__order"), pk=pk, refund__isnull=True)
    payment = due.payment
    try:
        if payment.method in PROVIDER_REFUNDED and payment.provider_reference:
            refund_through_provider(payment=payment, amount=due.amount, reason=str(due.get_reason_display()))
        else:
            reference = request.POST.get("reference", "").strip()[:128]
            if not reference:
                messages.error(request, _("Enter the reference of the bank transfer you sent back."))
                return redirect("payments_dashboard:transfers")
            services.record_refund(
                payment=payment, amount=due.amount, provider_reference=reference, reason=due.get_reason_display()
            )
    except RefundStillProcessing as error:
        messages.warning(request, error.message)
    except RefundFailed as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Refund recorded."))
    return redirect("payments_dashboard:transfers")


@staff_member_required
@transaction.non_atomic_requests
def order_payment_admin(request, number: str):
    """An order's payment: state, provider references, transfers, refunds, and staff actions."""
    payment = get_object_or_404(Payment.objects.select_related("order"), order__number=number)
    refund_form = RefundForm(refundable=payment.refundable)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "refund" and payment.method in PROVIDER_REFUNDED:
            refund_form = RefundForm(request.POST, refundable=payment.refundable)
            if refund_form.is_valid():
                try:
                    refund_through_provider(
                        payment=payment,
                        amount=refund_form.cleaned_data["amount"],
                        reason=refund_form.cleaned_data["reason"],
                    )
                except RefundStillProcessing as error:
                    messages.warning(request, error.message)
                    return redirect("payments_dashboard:order-admin", number=number)
                except RefundFailed as error:
                    messages.error(request, error.message)
                else:
                    messages.success(request, _("Refund sent."))
                    return redirect("payments_dashboard:order-admin", number=number)
        elif action in ("accept-underpayment", "cancel"):
            try:
                if action == "cancel":
                    services.cancel_order(order_number=number)
                else:
                    services.accept_underpayment(order_number=number)
            except services.PaymentRejected as error:
                messages.error(request, str(error))
            return redirect("payments_dashboard:order-admin", number=number)
    context = {
        "payment": payment,
        "order": payment.order,
        "transfers": payment.transfers.all(),
        "refunds": payment.refunds.all(),
        "refunds_under_way": selectors.refunds_under_way(payment=payment),
        "refund_form": refund_form,
        "provider_refunds": payment.method in PROVIDER_REFUNDED,
    }
    return render(request, "payments/dashboard/order_payment.html", context)

"""The wallets' side of the buyer's order page, and the wallets' notification endpoints.

The notification endpoints verify each message (MoMo: the IPN signature; ZaloPay: the callback's
mac with key2) before anything is stored; a forged message changes nothing and a repeated one is
answered as already applied. The browser returning from the wallet is never trusted: its arrival
only prompts a signed status query to the wallet, server to server.
"""

import json
import logging

from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import momo, services, vietqr, zalopay
from .models import Payment
from .wallet_results import WalletError, apply_wallet_result

logger = logging.getLogger(__name__)

#: Query parameters the wallets add when they send the buyer back (MoMo, ZaloPay).
RETURN_PARAMETERS = ("resultCode", "apptransid")


def query_and_apply(*, payment: Payment, wallet) -> str:
    """Ask the wallet about the payment's request and apply a final answer; "pending" while none."""
    request = getattr(payment, "wallet_request", None)
    if request is None:
        return "no-request"
    result = wallet.query(wallet_request=request)
    if result is None:
        return "pending"
    return apply_wallet_result(result=result)


def wallet_context(request, *, payment: Payment, wallet) -> dict:
    """What the order page shows for a wallet payment: the wallet's page and its QR code.

    A buyer coming back from the wallet makes the shop ask the wallet once (the notification may
    be slower than the buyer); failures to reach the wallet are shown, never raised.
    """
    context = {"wallet_method": payment.method}
    if payment.state != Payment.State.PENDING:
        return context
    if any(name in request.GET for name in RETURN_PARAMETERS):
        try:
            query_and_apply(payment=payment, wallet=wallet)
        except WalletError:
            logger.info("status query on return failed for order %s", payment.order.number, exc_info=True)
        payment.refresh_from_db()
        if payment.state != Payment.State.PENDING:
            return context
    try:
        wallet_request = wallet.ensure_request(payment=payment)
    except WalletError as error:
        context["wallet_error"] = error.message
        return context
    context["wallet_pay_url"] = wallet_request.pay_url
    if wallet_request.qr_data:
        context["wallet_qr_svg"] = vietqr.qr_svg(wallet_request.qr_data, scale=4)
    return context


def _json_object(request) -> dict:
    """The request's JSON body, which must be an object; raises ValueError."""
    body = json.loads(request.body)
    if not isinstance(body, dict):
        raise ValueError("not an object")
    return body


@csrf_exempt
@transaction.non_atomic_requests
@require_POST
def momo_ipn(request):
    """MoMo's IPN: JSON signed with our secret key; answered 204 as MoMo asks, 400 when unverifiable."""
    try:
        result = momo.verified_ipn(body=_json_object(request))
    except (ValueError, momo.SignatureMismatch):
        return HttpResponse("invalid signature", status=400)
    outcome = apply_wallet_result(result=result)
    logger.info("momo IPN %s %s: %s", result.wallet_order_id, result.code, outcome)
    return HttpResponse(status=204)


@csrf_exempt
@transaction.non_atomic_requests
@require_POST
def zalopay_callback(request):
    """ZaloPay's callback ``{data, mac}``: verified with key2; the answer tells ZaloPay whether to retry."""
    try:
        result = zalopay.verified_callback(body=_json_object(request))
    except (ValueError, zalopay.SignatureMismatch):
        return JsonResponse({"return_code": -1, "return_message": "mac not equal"})
    try:
        outcome = apply_wallet_result(result=result)
    except services.PaymentRejected:
        logger.exception("zalopay callback %s could not be applied", result.wallet_order_id)
        return JsonResponse({"return_code": 0, "return_message": "retry"})
    logger.info("zalopay callback %s: %s", result.wallet_order_id, outcome)
    if outcome == "duplicate":
        return JsonResponse({"return_code": 2, "return_message": "duplicate"})
    return JsonResponse({"return_code": 1, "return_message": "success"})

"""Order payment pages (QR, card), their status endpoint, and the providers' webhooks.

Webhooks answer 400 for anything unverifiable and 200 for a repeat; they never trust the browser.
"""

import hmac
import json
import logging

import stripe
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, ensure_csrf_cookie
from django.views.decorators.http import require_GET, require_POST
from oscar.core.loading import get_model

from orders.links import order_from_token

from . import selectors, services, stripe_gateway, vietqr, wallet_views
from .models import Payment
from .registry import wallet_of

Order = get_model("order", "Order")
logger = logging.getLogger(__name__)


def _payment_for_token(token: str) -> Payment:
    try:
        order = order_from_token(token)
    except Order.DoesNotExist as error:
        raise Http404("unknown order link") from error
    payment = selectors.payment_of_order(order=order)
    if payment is None:
        raise Http404("order has no payment")
    return payment


@transaction.non_atomic_requests
@ensure_csrf_cookie
@require_GET
def order_payment(request, token: str):
    """The buyer's order page: how to pay (QR or card) and a status that updates itself."""
    payment = _payment_for_token(token)
    status = selectors.payment_status(payment=payment)
    context = {
        "payment": payment,
        "order": payment.order,
        "lines": payment.order.lines.select_related("trace_lot__lot"),
        "token": token,
        "status": status,
        "money": selectors.money_summary(payment=payment),
        "payment_methods": settings.PAYMENT_METHODS,
    }
    if payment.method == Payment.Method.VIETQR and payment.state in services.OPEN_STATES:
        payload = selectors.vietqr_payload(payment=payment)
        context.update(
            qr_payload=payload,
            qr_svg=vietqr.qr_svg(payload),
            qr_amount=vietqr.parse_payload(payload).amount,
            bank=selectors.bank_details(),
        )
    if payment.method == Payment.Method.STRIPE and payment.state in services.OPEN_STATES:
        try:
            stripe_gateway.ensure_payment_intent(payment=payment)
        except stripe_gateway.CardPaymentError as error:
            context["card_error"] = error.message
        context.update(
            stripe_publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
            stripe_js_url=settings.STRIPE_JS_URL,
        )
    wallet = wallet_of(payment.method)
    if wallet is not None:
        context.update(wallet_views.wallet_context(request, payment=payment, wallet=wallet))
        payment = Payment.objects.select_related("order").get(pk=payment.pk)
        context.update(
            payment=payment, order=payment.order, status=selectors.payment_status(payment=payment),
            money=selectors.money_summary(payment=payment),
        )
    return render(request, "payments/order_payment.html", context)


@transaction.non_atomic_requests
@require_GET
def order_status(request, token: str):
    """JSON the order page polls until the payment is settled."""
    payment = _payment_for_token(token)
    response = JsonResponse(selectors.payment_status(payment=payment))
    response["Cache-Control"] = "no-store"
    return response


@transaction.non_atomic_requests
@require_POST
def card_confirm(request, token: str):
    """Confirm the card payment with a PaymentMethod id made by Stripe.js (card data never reaches us)."""
    payment = _payment_for_token(token)
    if payment.method != Payment.Method.STRIPE or payment.state not in services.OPEN_STATES:
        return JsonResponse({"error": _("This order is not awaiting a card payment.")}, status=409)
    try:
        body = json.loads(request.body or b"{}")
        payment_method_id = str(body["payment_method"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": _("A payment_method id is required.")}, status=400)
    try:
        attempt = stripe_gateway.confirm_card(payment=payment, payment_method_id=payment_method_id)
    except stripe_gateway.CardPaymentError as error:
        return JsonResponse({"error": error.message, "retry": error.retry}, status=402)
    return JsonResponse({"status": attempt.status, "client_secret": attempt.client_secret})


@transaction.non_atomic_requests
@require_POST
def switch_to_vietqr(request, token: str):
    """The buyer's "pay by bank transfer instead" button under a card that failed."""
    payment = _payment_for_token(token)
    try:
        services.switch_to_bank_transfer(payment=payment)
    except services.PaymentRejected:
        messages.error(request, _("This order can no longer switch to a bank transfer."))
    return redirect("payments:order", token=token)


@csrf_exempt
@transaction.non_atomic_requests
@require_POST
def bank_webhook(request):
    """SePay-style bank notification: ``Authorization: Apikey <BANK_WEBHOOK_KEY>``, JSON body."""
    expected = settings.BANK_WEBHOOK_KEY
    given = request.headers.get("Authorization", "")
    if not expected or not hmac.compare_digest(given.encode(), f"Apikey {expected}".encode()):
        return JsonResponse({"success": False, "error": "bad key"}, status=401)
    try:
        notification = json.loads(request.body)
        if not isinstance(notification, dict):
            raise ValueError("not an object")
        transfer = services.record_bank_notification(notification=notification)
    except (ValueError, services.PaymentRejected) as error:
        return JsonResponse({"success": False, "error": str(error)}, status=400)
    return JsonResponse({"success": True, "outcome": transfer.outcome}, status=200)


@csrf_exempt
@transaction.non_atomic_requests
@require_POST
def stripe_webhook(request):
    """Stripe events, verified on the raw body; each event id is applied once."""
    try:
        event = stripe_gateway.verified_event(
            payload=request.body, signature=request.headers.get("Stripe-Signature", "")
        )
    except (ValueError, stripe.SignatureVerificationError):
        return HttpResponse("invalid signature", status=400)
    outcome = services.apply_stripe_event(event=event)
    logger.info("stripe event %s %s: %s", event["id"], event["type"], outcome)
    return JsonResponse({"received": True, "outcome": outcome})


momo_ipn = wallet_views.momo_ipn
zalopay_callback = wallet_views.zalopay_callback

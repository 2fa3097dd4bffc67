"""MoMo wallet payments (the ``captureWallet`` flow of MoMo's payment gateway v2).

As published at developers.momo.vn (v3 docs, "One-Time Payments", "Payment Notification",
"Check Transaction Status", "Reverse & Refund"); every signature is HMAC-SHA256 with the
secret key over ``key=value`` pairs joined by ``&``, keys sorted a–z:

- create, ``POST /v2/gateway/api/create``, requestType ``captureWallet``:
  ``accessKey=$accessKey&amount=$amount&extraData=$extraData&ipnUrl=$ipnUrl&orderId=$orderId&orderInfo=$orderInfo&partnerCode=$partnerCode&redirectUrl=$redirectUrl&requestId=$requestId&requestType=$requestType``;
  the answer carries ``payUrl`` (MoMo's page, the buyer is sent there) and ``qrCodeUrl`` (the data
  of a QR code the MoMo app scans; the shop draws it itself).
- IPN (MoMo → ``ipnUrl``, JSON, answered with HTTP 204 within 15 s):
  ``accessKey=$accessKey&amount=$amount&extraData=$extraData&message=$message&orderId=$orderId&orderInfo=$orderInfo&orderType=$orderType&partnerCode=$partnerCode&payType=$payType&requestId=$requestId&responseTime=$responseTime&resultCode=$resultCode&transId=$transId``.
- status, ``POST /v2/gateway/api/query``:
  ``accessKey=$accessKey&orderId=$orderId&partnerCode=$partnerCode&requestId=$requestId``.
- refund, ``POST /v2/gateway/api/refund`` with a new orderId for the refund:
  ``accessKey=$accessKey&amount=$amount&description=$description&orderId=$orderId&partnerCode=$partnerCode&requestId=$requestId&transId=$transId``.

Result codes (MoMo's list): 0 paid (final); 1000, 7000, 7002, 8000, 9000 still under way; anything
else is a final failure. MoMo has no call to cancel an unpaid ``captureWallet`` request: its
``/v2/gateway/api/confirm`` with ``requestType=cancel`` only releases money held under
``autoCapture=false`` (result 9000, https://developers.momo.vn/v3/docs/payment/api/payment-api/confirm),
and no field setting the one-time request's expiry was found in
https://developers.momo.vn/v3/docs/payment/api/wallet/onetime. So when the order expires the shop
stops showing MoMo's page and QR, keeps asking MoMo about the request for a day
(``wallet_requests_to_query``), and money that still arrives, by IPN or by that query, goes to the
staff's refund queue (``RefundDue.Reason.LATE``); the order stays expired.
Amounts are whole đồng (1,000 to 50,000,000 ₫ per request). Nothing here marks an order paid
except through ``wallet_results.apply_wallet_result`` with a verified IPN or a status answer.
"""

import hashlib
import hmac
import logging
import uuid

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from orders.links import order_token

from . import services
from .models import Payment, WalletRequest
from .wallet_results import WalletError, WalletResult, post_to_wallet, remember_wallet_page

logger = logging.getLogger(__name__)

PROVIDER = Payment.Method.MOMO
CREATE_FIELDS = (
    "accessKey", "amount", "extraData", "ipnUrl", "orderId", "orderInfo",
    "partnerCode", "redirectUrl", "requestId", "requestType",
)
IPN_FIELDS = (
    "accessKey", "amount", "extraData", "message", "orderId", "orderInfo", "orderType",
    "partnerCode", "payType", "requestId", "responseTime", "resultCode", "transId",
)
QUERY_FIELDS = ("accessKey", "orderId", "partnerCode", "requestId")
REFUND_FIELDS = ("accessKey", "amount", "description", "orderId", "partnerCode", "requestId", "transId")
PAID = 0
UNDER_WAY = {1000, 7000, 7002, 8000, 9000}
MIN_AMOUNT, MAX_AMOUNT = 1_000, 50_000_000


class SignatureMismatch(ValueError):
    """A message that does not carry our partner's valid signature."""


def configured() -> bool:
    """MoMo is offered only with its partner code and both keys set in the environment."""
    return bool(settings.MOMO_PARTNER_CODE and settings.MOMO_ACCESS_KEY and settings.MOMO_SECRET_KEY)


def raw_signature(values: dict, fields: tuple[str, ...]) -> str:
    """The string MoMo signs: ``field=value`` in the documented order, joined by ``&``."""
    return "&".join(f"{field}={'' if values.get(field) is None else values[field]}" for field in fields)


def sign(values: dict, fields: tuple[str, ...]) -> str:
    raw = raw_signature({**values, "accessKey": settings.MOMO_ACCESS_KEY}, fields)
    return hmac.new(settings.MOMO_SECRET_KEY.encode(), raw.encode(), hashlib.sha256).hexdigest()


def _url(path: str) -> str:
    return settings.MOMO_ENDPOINT.rstrip("/") + path


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def ensure_request(*, payment: Payment) -> WalletRequest:
    """The order's MoMo payment request, made once (a retry reuses the same requestId, which MoMo
    treats as the same request). Raises WalletError when MoMo cannot be reached or refuses."""
    existing = WalletRequest.objects.filter(payment=payment).first()
    if existing and existing.pay_url:
        return existing
    if not MIN_AMOUNT <= payment.amount <= MAX_AMOUNT:
        raise WalletError(_("MoMo accepts payments from 1.000 ₫ to 50.000.000 ₫; please choose another way to pay."),
                          retry=False)
    order = payment.order
    body = {
        "partnerCode": settings.MOMO_PARTNER_CODE,
        "requestType": "captureWallet",
        "ipnUrl": _absolute(reverse("payments_webhooks:momo-ipn")),
        "redirectUrl": _absolute(reverse("payments:order", kwargs={"token": order_token(order)})),
        "orderId": order.number,
        "amount": payment.amount,
        "orderInfo": _("Order %(number)s") % {"number": order.number},
        "requestId": existing.request_id if existing else f"{order.number}-{uuid.uuid4().hex[:12]}",
        "extraData": "",
        "lang": "vi" if (order.language or "vi").startswith("vi") else "en",
    }
    body["signature"] = sign(body, CREATE_FIELDS)
    if existing is None:
        existing = WalletRequest.objects.create(
            payment=payment, wallet_order_id=body["orderId"], request_id=body["requestId"]
        )
    answer = post_to_wallet(_url("/v2/gateway/api/create"), body=body)
    if answer.get("resultCode") != PAID or not answer.get("payUrl"):
        logger.warning("MoMo refused the request for order %s: %s", order.number, answer.get("resultCode"))
        raise WalletError(_("MoMo could not start the payment. Please try again, or choose another way to pay."))
    return remember_wallet_page(existing, pay_url=answer["payUrl"], qr_data=answer.get("qrCodeUrl"))


def verified_ipn(*, body: dict) -> WalletResult:
    """The result an IPN reports, after checking its signature and partner code; raises SignatureMismatch."""
    given = str(body.get("signature") or "")
    expected = sign(body, IPN_FIELDS) if configured() else ""
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        raise SignatureMismatch("bad MoMo signature")
    if body.get("partnerCode") != settings.MOMO_PARTNER_CODE:
        raise SignatureMismatch("another partner's notification")
    return _result(body)


def _result(values: dict) -> WalletResult:
    try:
        code, amount = int(values["resultCode"]), int(values["amount"])
    except (KeyError, TypeError, ValueError) as error:
        raise SignatureMismatch("resultCode and amount are required") from error
    return WalletResult(
        provider=PROVIDER,
        wallet_order_id=str(values.get("orderId") or ""),
        transaction_id=str(values.get("transId") or ""),
        amount=amount,
        succeeded=code == PAID,
        code=str(code),
        payload=values,
    )


def query(*, wallet_request: WalletRequest) -> WalletResult | None:
    """Ask MoMo how the request ended; None while it is still under way. Raises WalletError."""
    body = {
        "partnerCode": settings.MOMO_PARTNER_CODE,
        "requestId": f"{wallet_request.wallet_order_id}-q{uuid.uuid4().hex[:10]}",
        "orderId": wallet_request.wallet_order_id,
        "lang": "en",
    }
    body["signature"] = sign(body, QUERY_FIELDS)
    answer = post_to_wallet(_url("/v2/gateway/api/query"), body=body)
    if answer.get("orderId") != wallet_request.wallet_order_id:
        raise WalletError("MoMo answered about another order")
    result = _result(answer)
    if int(result.code) in UNDER_WAY:
        return None
    return result


def refund(*, payment: Payment, amount: int, reason: str = "") -> None:
    """Send ``amount`` ₫ of a MoMo payment back to the buyer's wallet and record it.

    Raises WalletError when the amount is not refundable, or MoMo refuses or cannot be reached.
    """
    if amount <= 0 or amount > payment.refundable or not payment.provider_reference:
        raise WalletError(_("Refund must be between 1 and %(max)s ₫.") % {"max": payment.refundable}, retry=False)
    refund_order_id = f"{payment.order.number}-R{payment.refunds.count() + 1}"
    body = {
        "partnerCode": settings.MOMO_PARTNER_CODE,
        "orderId": refund_order_id,
        "requestId": refund_order_id,
        "amount": amount,
        "transId": int(payment.provider_reference),
        "lang": "en",
        "description": (reason or "refund")[:255],
    }
    body["signature"] = sign(body, REFUND_FIELDS)
    answer = post_to_wallet(_url("/v2/gateway/api/refund"), body=body)
    if answer.get("resultCode") != PAID:
        logger.warning("MoMo refused the refund for order %s: %s", payment.order.number, answer.get("resultCode"))
        raise WalletError(_("MoMo did not accept the refund; try again later."))
    services.record_refund(
        payment=payment, amount=amount, provider_reference=f"momo {answer.get('transId', refund_order_id)}",
        reason=reason,
    )

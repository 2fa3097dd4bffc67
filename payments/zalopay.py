"""ZaloPay wallet payments (ZaloPay's payment gateway, API v2).

As published at docs.zalopay.vn ("Create a new order", "Callback", "Query status of an order",
"Refund for a transaction", "Query for refund status"); every ``mac`` is HMAC-SHA256, hex:

- create, ``POST /v2/create``: ``mac = HMAC(key1, app_id|app_trans_id|app_user|amount|app_time|embed_data|item)``;
  ``app_trans_id`` starts with the date ``yymmdd`` in Vietnam time (GMT+7); ``expire_duration_seconds``
  (300 to 2,592,000) makes ZaloPay drop the order when the shop's own deadline passes. The answer
  (``return_code`` 1) carries ``order_url`` (ZaloPay's page) and ``qr_code`` (the data of a QR code).
- callback (ZaloPay → ``callback_url``, sent only when the money was taken): ``{data, mac, type}`` with
  ``mac = HMAC(key2, data)`` over the raw ``data`` string; answered ``{return_code, return_message}``:
  1 applied, 2 already applied (a repeat), -1 a bad mac; 0 asks ZaloPay to call again.
- status, ``POST /v2/query``: ``mac = HMAC(key1, app_id|app_trans_id|key1)``; ``return_code`` 1 paid,
  2 failed, 3 not paid yet or under way.
- refund, ``POST /v2/refund``: ``m_refund_id`` = ``yymmdd_appid_xxx``,
  ``mac = HMAC(key1, app_id|zp_trans_id|amount|description|timestamp)``; it is asynchronous
  (``return_code`` 3 = under way), settled by ``POST /v2/query_refund`` with
  ``mac = HMAC(key1, app_id|m_refund_id|timestamp)`` (1 done, 2 refused, 3 still processing). A
  refund still processing after a few checks is kept as a refund under way (``wallet_refunds``)
  and asked about again by ``query_wallet_payments`` until ZaloPay finishes it.

Amounts are whole đồng. Nothing here marks an order paid except through
``wallet_results.apply_wallet_result`` with a verified callback or a status answer.
"""

import hashlib
import hmac
import json
import logging
import time
from datetime import UTC, datetime, timedelta, timezone

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from orders.links import order_token

from . import services, wallet_refunds
from .models import Payment, RefundUnderWay, WalletRequest
from .wallet_results import (
    RefundStillProcessing,
    WalletError,
    WalletResult,
    post_to_wallet,
    remember_wallet_page,
)

logger = logging.getLogger(__name__)

PROVIDER = Payment.Method.ZALOPAY
VIETNAM = timezone(timedelta(hours=7))
SUCCESS, FAILED, UNDER_WAY = 1, 2, 3
MIN_EXPIRY, MAX_EXPIRY = 300, 2_592_000
#: How often, and how far apart, a refund ZaloPay answered "under way" is asked about at once.
REFUND_CHECKS, REFUND_CHECK_PAUSE = 3, 0.5


class SignatureMismatch(ValueError):
    """A callback whose mac does not verify with key2."""


def configured() -> bool:
    """ZaloPay is offered only with its app id and both keys set in the environment."""
    return bool(settings.ZALOPAY_APP_ID and settings.ZALOPAY_KEY1 and settings.ZALOPAY_KEY2)


def mac(key: str, *parts) -> str:
    """HMAC-SHA256 (hex) with ``key`` over the parts joined by ``|``."""
    return hmac.new(key.encode(), "|".join(str(part) for part in parts).encode(), hashlib.sha256).hexdigest()


def _now_ms() -> int:
    return int(time.time() * 1000)


def _today_in_vietnam() -> str:
    return datetime.now(VIETNAM).strftime("%y%m%d")


def _url(path: str) -> str:
    return settings.ZALOPAY_ENDPOINT.rstrip("/") + path


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _expiry_seconds(payment: Payment) -> int:
    deadline = payment.created + timedelta(minutes=settings.PAYMENT_EXPIRY_MINUTES)
    left = int((deadline - datetime.now(UTC)).total_seconds())
    return max(MIN_EXPIRY, min(MAX_EXPIRY, left))


def ensure_request(*, payment: Payment) -> WalletRequest:
    """The order's ZaloPay order, made once; raises WalletError when ZaloPay cannot be reached or refuses."""
    existing = WalletRequest.objects.filter(payment=payment).first()
    if existing and existing.pay_url:
        return existing
    order = payment.order
    app_trans_id = existing.wallet_order_id if existing else f"{_today_in_vietnam()}_{order.number}"
    app_time = _now_ms()
    embed_data = json.dumps({"redirecturl": _absolute(reverse("payments:order", kwargs={"token": order_token(order)}))})
    item = json.dumps([{"itemid": line.partner_sku, "itemname": line.title, "itemprice": int(line.unit_price_incl_tax),
                        "itemquantity": line.quantity} for line in order.lines.all()], ensure_ascii=False)
    app_user = "ocop-shop"
    body = {
        "app_id": settings.ZALOPAY_APP_ID,
        "app_user": app_user,
        "app_trans_id": app_trans_id,
        "app_time": app_time,
        "expire_duration_seconds": _expiry_seconds(payment),
        "amount": payment.amount,
        "item": item,
        "embed_data": embed_data,
        "description": _("Order %(number)s") % {"number": order.number},
        "callback_url": _absolute(reverse("payments_webhooks:zalopay-callback")),
        "bank_code": "",
    }
    body["mac"] = mac(
        settings.ZALOPAY_KEY1, settings.ZALOPAY_APP_ID, app_trans_id, app_user, payment.amount, app_time,
        embed_data, item,
    )
    if existing is None:
        existing = WalletRequest.objects.create(payment=payment, wallet_order_id=app_trans_id, request_id=str(app_time))
    answer = post_to_wallet(_url("/v2/create"), body=body, form=True)
    if answer.get("return_code") != SUCCESS or not answer.get("order_url"):
        logger.warning("ZaloPay refused the order %s: %s", order.number, answer.get("sub_return_code"))
        raise WalletError(_("ZaloPay could not start the payment. Please try again, or choose another way to pay."))
    return remember_wallet_page(existing, pay_url=answer["order_url"], qr_data=answer.get("qr_code"))


def verified_callback(*, body: dict) -> WalletResult:
    """The payment a callback reports, after checking its mac with key2; raises SignatureMismatch."""
    data, given = body.get("data"), str(body.get("mac") or "")
    if not configured() or not isinstance(data, str):
        raise SignatureMismatch("no data to verify")
    expected = hmac.new(settings.ZALOPAY_KEY2.encode(), data.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise SignatureMismatch("mac not equal")
    try:
        values = json.loads(data)
        amount = int(values["amount"])
    except (ValueError, KeyError, TypeError) as error:
        raise SignatureMismatch("data is not an order callback") from error
    if str(values.get("app_id")) != str(settings.ZALOPAY_APP_ID):
        raise SignatureMismatch("another app's callback")
    return WalletResult(
        provider=PROVIDER, wallet_order_id=str(values.get("app_trans_id") or ""),
        transaction_id=str(values.get("zp_trans_id") or ""), amount=amount, succeeded=True, code="1",
        payload=values,
    )


def query(*, wallet_request: WalletRequest) -> WalletResult | None:
    """Ask ZaloPay how the order stands; None while it is not paid yet. Raises WalletError."""
    app_id, app_trans_id = settings.ZALOPAY_APP_ID, wallet_request.wallet_order_id
    body = {"app_id": app_id, "app_trans_id": app_trans_id,
            "mac": mac(settings.ZALOPAY_KEY1, app_id, app_trans_id, settings.ZALOPAY_KEY1)}
    answer = post_to_wallet(_url("/v2/query"), body=body, form=True)
    code = answer.get("return_code")
    if code not in (SUCCESS, FAILED):
        return None
    return WalletResult(
        provider=PROVIDER, wallet_order_id=app_trans_id, transaction_id=str(answer.get("zp_trans_id") or ""),
        amount=int(answer.get("amount") or 0), succeeded=code == SUCCESS, code=str(answer.get("sub_return_code", code)),
        payload=answer,
    )


def _refund_status(m_refund_id: str) -> int | None:
    """ZaloPay's ``return_code`` for one refund: 1 done, 2 refused, 3 still processing."""
    app_id, asked_at = settings.ZALOPAY_APP_ID, _now_ms()
    status = post_to_wallet(_url("/v2/query_refund"), form=True, body={
        "app_id": app_id, "m_refund_id": m_refund_id, "timestamp": asked_at,
        "mac": mac(settings.ZALOPAY_KEY1, app_id, m_refund_id, asked_at),
    })
    return status.get("return_code")


def refund(*, payment: Payment, amount: int, reason: str = "") -> None:
    """Send ``amount`` ₫ of a ZaloPay payment back and record it once ZaloPay confirms it.

    A refund ZaloPay still reports "processing" after a few checks is kept as a refund under way
    (noted on the order, listed in the staff's queue, settled by ``check_refund``) and
    RefundStillProcessing is raised. Raises WalletError when the amount is not refundable (money
    already on its way back counts) or ZaloPay refuses or cannot be reached.
    """
    refundable = payment.refundable - wallet_refunds.waiting_amount(payment=payment)
    if amount <= 0 or amount > refundable or not payment.provider_reference:
        raise WalletError(_("Refund must be between 1 and %(max)s ₫.") % {"max": max(refundable, 0)}, retry=False)
    app_id, timestamp = settings.ZALOPAY_APP_ID, _now_ms()
    serial = payment.refunds.count() + payment.refunds_under_way.count() + 1
    m_refund_id = f"{_today_in_vietnam()}_{app_id}_{payment.order.number}R{serial}"
    description = (reason or "Hoàn tiền")[:100]
    body = {
        "app_id": app_id, "m_refund_id": m_refund_id, "zp_trans_id": payment.provider_reference,
        "amount": amount, "timestamp": timestamp, "description": description,
        "mac": mac(settings.ZALOPAY_KEY1, app_id, payment.provider_reference, amount, description, timestamp),
    }
    answer = post_to_wallet(_url("/v2/refund"), body=body, form=True)
    code = answer.get("return_code")
    reference = f"zalopay {answer.get('refund_id') or m_refund_id}"
    for _attempt in range(REFUND_CHECKS):
        if code != UNDER_WAY:
            break
        time.sleep(REFUND_CHECK_PAUSE)
        code = _refund_status(m_refund_id)
    if code == UNDER_WAY:
        wallet_refunds.note_refund_under_way(
            payment=payment, amount=amount, reason=reason, wallet_refund_id=m_refund_id, provider_reference=reference
        )
        raise RefundStillProcessing(
            _("ZaloPay is still processing the refund; it is noted on the order and recorded when ZaloPay confirms it.")
        )
    if code != SUCCESS:
        logger.warning("ZaloPay refund %s for order %s ended with %s", m_refund_id, payment.order.number, code)
        raise WalletError(_("ZaloPay did not accept the refund; try again later."))
    services.record_refund(payment=payment, amount=amount, provider_reference=reference, reason=reason)


def check_refund(*, under_way: RefundUnderWay) -> str:
    """Ask ZaloPay about a refund still under way and settle it when ZaloPay has finished it;
    returns "refunded", "refused" or "processing". Raises WalletError when ZaloPay cannot be reached."""
    code = _refund_status(under_way.wallet_refund_id)
    if code == UNDER_WAY:
        return "processing"
    wallet_refunds.settle_refund_under_way(under_way=under_way, succeeded=code == SUCCESS)
    return "refunded" if code == SUCCESS else "refused"

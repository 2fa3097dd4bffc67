"""Sending one ZNS (Zalo Notification Service) template message.

Zalo's ZNS API ("Gửi thông báo ZNS", https://developers.zalo.me/docs/zalo-notification-service/):
``POST https://business.openapi.zalo.me/message/template`` with the header
``access_token: <OA access token>`` and the JSON body ``phone`` (international form without
``+``: 84xxxxxxxxx), ``template_id``, ``template_data`` (the template's parameters) and our
``tracking_id``. Zalo answers ``{"error": 0, "message": "Success", "data": {"msg_id": …,
"sent_time": …}}``, or a negative ``error`` with its ``message``; -124 means the access token is
invalid or expired, which is answered with one token refresh and one retry.
"""

import logging
from dataclasses import dataclass

import requests
from django.conf import settings

from . import tokens
from .tokens import ZaloUnavailable

logger = logging.getLogger(__name__)

#: Zalo's error for an invalid or expired access token.
INVALID_ACCESS_TOKEN = -124


@dataclass(frozen=True)
class Sent:
    msg_id: str


def international_phone(phone: str) -> str:
    """``0912345678`` or ``+84912345678`` → ``84912345678``; "" for anything not a Vietnamese number."""
    digits = "".join(ch for ch in str(phone or "") if ch.isdigit())
    if digits.startswith("84") and len(digits) == 11:
        return digits
    if digits.startswith("0") and len(digits) == 10:
        return "84" + digits[1:]
    return ""


def _post(*, token: str, body: dict) -> dict:
    try:
        response = requests.post(
            settings.ZALO_ZNS_URL,
            headers={"access_token": token, "Content-Type": "application/json"},
            json=body,
            timeout=tokens.TIMEOUT_SECONDS,
        )
        return response.json()
    except (requests.RequestException, ValueError) as error:
        raise ZaloUnavailable(f"ZNS request failed: {type(error).__name__}") from error


def send_template(*, phone: str, template_id: str, template_data: dict, tracking_id: str) -> Sent:
    """Send one template message; raises ZaloUnavailable (with Zalo's code) when it is not accepted."""
    body = {"phone": phone, "template_id": template_id, "template_data": template_data, "tracking_id": tracking_id}
    token = tokens.access_token()
    answer = _post(token=token, body=body)
    if answer.get("error") == INVALID_ACCESS_TOKEN:
        answer = _post(token=tokens.refresh(stale=token), body=body)
    code = answer.get("error")
    if code != 0:
        raise ZaloUnavailable(str(answer.get("message") or "ZNS refused")[:255], code=code)
    return Sent(msg_id=str((answer.get("data") or {}).get("msg_id", "")))

"""Zalo's webhook: ZNS delivery events (``user_received_message``) mark a message delivered.

Zalo signs each event (Official Account API → Webhook, "Xác thực dữ liệu",
https://developers.zalo.me/docs/official-account/webhook/tong-quan; restated in
https://hainh.me/zalo-api-php-webhook-callback-official-account.html): the header
``X-ZEvent-Signature`` carries ``mac=<hex>`` where ``<hex>`` is
``sha256(appId + data + timeStamp + OAsecretKey)`` — the app id, the raw JSON body exactly as
sent, the ``timestamp`` field of that JSON, and the OA secret key (not the app secret), joined
without separators. Some deliveries omit the ``mac=`` prefix; both are accepted. An event that
is unsigned, signed for another app or wrongly signed is refused with 403 and changes nothing;
Zalo retries anything that is not answered 200, so a known event is answered 200 every time.

The same event name also reports a chat message of the OA reaching the user; the ZNS form carries
``message.delivery_time`` and the ``msg_id`` Zalo gave when the message was sent, and usually our
``tracking_id``. A message is found by its tracking id, else by that ``msg_id``.
"""

import hashlib
import hmac
import json
import logging
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import ZnsMessage

logger = logging.getLogger(__name__)

DELIVERED_EVENT = "user_received_message"


def event_signature(*, app_id: str, body: str, timestamp: str, oa_secret_key: str) -> str:
    """The hex digest Zalo puts in X-ZEvent-Signature for one event."""
    return hashlib.sha256(f"{app_id}{body}{timestamp}{oa_secret_key}".encode()).hexdigest()


def verified_event(request: HttpRequest) -> dict | None:
    """The event's JSON when Zalo signed it for this shop's app; None otherwise."""
    secret = settings.ZALO_OA_SECRET_KEY
    supplied = request.headers.get("X-ZEvent-Signature", "").strip()
    if supplied.lower().startswith("mac="):
        supplied = supplied[4:].strip()
    if not secret or not supplied:
        return None
    try:
        body = request.body.decode()
        payload = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(payload, dict) or str(payload.get("app_id", "")) != settings.ZALO_APP_ID:
        return None
    expected = event_signature(
        app_id=settings.ZALO_APP_ID, body=body, timestamp=str(payload.get("timestamp", "")), oa_secret_key=secret
    )
    return payload if hmac.compare_digest(expected, supplied.lower()) else None


def _delivered_at(message: dict) -> datetime:
    try:
        return datetime.fromtimestamp(int(message.get("delivery_time")) / 1000, tz=UTC)
    except (TypeError, ValueError):
        return datetime.now(tz=UTC)


@csrf_exempt
@require_POST
def zalo_event(request: HttpRequest) -> HttpResponse:
    payload = verified_event(request)
    if payload is None:
        logger.warning("Zalo webhook refused: missing or wrong signature")
        return JsonResponse({"error": "invalid signature"}, status=403)
    if payload.get("event_name") == DELIVERED_EVENT:
        message = payload.get("message") or {}
        tracking_id, msg_id = str(message.get("tracking_id") or ""), str(message.get("msg_id") or "")
        found = Q(tracking_id=tracking_id) if tracking_id else Q(msg_id=msg_id) if msg_id else None
        if found is not None:
            ZnsMessage.objects.filter(
                found, status__in=[ZnsMessage.Status.SENT, ZnsMessage.Status.QUEUED]
            ).update(status=ZnsMessage.Status.DELIVERED, delivered_at=_delivered_at(message))
    return JsonResponse({"error": 0})

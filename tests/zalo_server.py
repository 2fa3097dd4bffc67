"""A Zalo stand-in on localhost speaking the OA token and ZNS APIs as Zalo documents them.

- ``POST /v4/oa/access_token`` (form ``refresh_token``, ``app_id``, ``grant_type=refresh_token``,
  header ``secret_key``): a new access token and a NEW refresh token; the used refresh token is
  dead from then on (Zalo's refresh tokens are single-use).
- ``POST /message/template`` (header ``access_token``, JSON ``phone``, ``template_id``,
  ``template_data``, ``tracking_id``): ``{"error": 0, "data": {"msg_id": …}}``; ``error: -124``
  for an access token it did not issue or has retired; ``refuse_next`` makes it answer a ZNS
  error (e.g. -108 "Phone number is invalid") instead.
- ``delivery_event(tracking_id)``: the body and ``X-ZEvent-Signature`` header of the
  ``user_received_message`` webhook event, signed ``mac=sha256(appId + body + timestamp +
  OAsecretKey)`` — and ``post_delivery`` sends it to the shop over HTTP.
"""

import hashlib
import itertools
import json
import re
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

APP_ID = "1234567890123456789"
APP_SECRET = "stand-in-app-secret"
OA_SECRET_KEY = "stand-in-oa-secret"
FIRST_REFRESH_TOKEN = "rt-initial"
PHONE = re.compile(r"^84[35789]\d{8}$")


class ZaloStandIn:
    def __init__(self):
        self.refresh_tokens = {FIRST_REFRESH_TOKEN}
        self.access_tokens: set[str] = set()
        self.messages: list[dict] = []
        self.refreshes: list[str] = []
        self.rejected_tokens: list[str] = []
        self.refuse_next: tuple[int, str] | None = None
        self._serial = itertools.count(1)
        self._token_serial = itertools.count(1)
        self._lock = threading.Lock()
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, payload: dict):
                body = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path == "/v4/oa/access_token":
                    self._answer(stand_in._refresh(self.headers, parse_qs(raw.decode())))
                elif self.path == "/message/template":
                    self._answer(stand_in._send(self.headers, raw))
                else:
                    self.send_error(404)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    # --- the API ---------------------------------------------------------------

    def _refresh(self, headers, form: dict) -> dict:
        token = (form.get("refresh_token") or [""])[0]
        with self._lock:
            if headers.get("secret_key") != APP_SECRET or (form.get("app_id") or [""])[0] != APP_ID:
                return {"error": -14004, "error_name": "Invalid app", "error_description": "app id or secret"}
            if (form.get("grant_type") or [""])[0] != "refresh_token" or token not in self.refresh_tokens:
                return {"error": -14014, "error_name": "Invalid refresh token", "error_description": "expired"}
            self.refresh_tokens.discard(token)
            serial = next(self._token_serial)
            access, refresh = f"at-{serial}", f"rt-{serial}"
            self.access_tokens = {access}
            self.refresh_tokens.add(refresh)
            self.refreshes.append(token)
        return {"access_token": access, "refresh_token": refresh, "expires_in": "90000"}

    def _send(self, headers, raw: bytes) -> dict:
        token = headers.get("access_token", "")
        if token not in self.access_tokens:
            self.rejected_tokens.append(token)
            return {"error": -124, "message": "Access token is invalid"}
        body = json.loads(raw)
        if not PHONE.match(str(body.get("phone", ""))):
            return {"error": -108, "message": "Phone number is invalid"}
        if not body.get("template_id") or not isinstance(body.get("template_data"), dict):
            return {"error": -1123, "message": "Template data is invalid"}
        if self.refuse_next:
            code, message = self.refuse_next
            self.refuse_next = None
            return {"error": code, "message": message}
        msg_id = f"zns-{next(self._serial)}"
        self.messages.append({**body, "msg_id": msg_id})
        return {"error": 0, "message": "Success",
                "data": {"msg_id": msg_id, "sent_time": str(int(time.time() * 1000)),
                         "quota": {"dailyQuota": "500", "remainingQuota": "499"}}}

    def retire_access_tokens(self) -> None:
        """Zalo's side expires every access token it issued (the shop still holds one)."""
        self.access_tokens = set()

    # --- the webhook -----------------------------------------------------------

    def delivery_event(self, tracking_id: str, *, secret: str = OA_SECRET_KEY,
                       with_tracking_id: bool = True) -> tuple[str, dict]:
        sent = next(message for message in self.messages if message["tracking_id"] == tracking_id)
        timestamp = str(int(time.time() * 1000))
        message = {"msg_id": sent["msg_id"], "delivery_time": timestamp}
        if with_tracking_id:
            message["tracking_id"] = tracking_id
        body = json.dumps({
            "app_id": APP_ID, "oa_id": "579745863508352884", "event_name": "user_received_message",
            "sender": {"id": "579745863508352884"}, "recipient": {"id": "user-in-zalo"},
            "message": message, "timestamp": timestamp,
        })
        mac = hashlib.sha256(f"{APP_ID}{body}{timestamp}{secret}".encode()).hexdigest()
        return body, {"X-ZEvent-Signature": f"mac={mac}"}

    def post_delivery(self, webhook_url: str, tracking_id: str) -> int:
        body, headers = self.delivery_event(tracking_id)
        request = urllib.request.Request(
            webhook_url, data=body.encode(), headers={**headers, "Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def zalo_server(settings):
    """A fresh Zalo stand-in, and the shop's Zalo settings pointing at it."""
    stand_in = ZaloStandIn()
    settings.ZALO_APP_ID = APP_ID
    settings.ZALO_APP_SECRET = APP_SECRET
    settings.ZALO_OA_REFRESH_TOKEN = FIRST_REFRESH_TOKEN
    settings.ZALO_OA_SECRET_KEY = OA_SECRET_KEY
    settings.ZALO_OAUTH_URL = f"{stand_in.url}/v4/oa/access_token"
    settings.ZALO_ZNS_URL = f"{stand_in.url}/message/template"
    yield stand_in
    stand_in.stop()

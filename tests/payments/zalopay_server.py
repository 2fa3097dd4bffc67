"""A ZaloPay gateway stand-in on localhost, speaking ZaloPay's API v2.

Written from ZaloPay's published mac inputs (docs.zalopay.vn), not from the shop's code: it checks
each request's mac with key1, keeps the orders it accepted, and — when the buyer pays — sends the
signed callback ``{data, mac, type}`` (mac = HMAC(key2, data)). Refunds answer "under way" first,
as ZaloPay's asynchronous refunds do, and settle at the refund status query — after
``refund_processing_checks`` more answers of "processing", done or (``refund_refused``) refused.
"""

import hashlib
import hmac
import itertools
import json
import time

import pytest

from .stand_in_http import Reply, StandInServer, serving_the_test_client

#: ZaloPay's public sandbox application, as its documentation and samples publish it.
APP_ID, KEY1, KEY2 = "2553", "PcY4iZIKFCIdgZvA6ueMcMHHUbRLYjPL", "kLtgPl8HHhfvMuDHPwKfgfsY4Ydm9eIz"
_zp_trans_ids = itertools.count(251201000000389)


def zalopay_mac(key: str, *parts) -> str:
    return hmac.new(key.encode(), "|".join(str(part) for part in parts).encode(), hashlib.sha256).hexdigest()


class ZaloPayStandIn(StandInServer):
    def __init__(self):
        super().__init__()
        self.orders: dict[str, dict] = {}
        self.refunds: dict[str, dict] = {}
        self.deliver_callback = True
        self.rejected = 0
        self.refund_processing_checks = 0
        self.refund_refused = False

    def _check(self, body: dict, *parts) -> bool:
        good = hmac.compare_digest(str(body.get("mac", "")), zalopay_mac(KEY1, *parts))
        self.rejected += not good
        return good and str(body.get("app_id")) == APP_ID

    def handle(self, method, path, query, body):
        if path == "/v2/create":
            return self.create(body)
        if path == "/v2/query":
            return self.query(body)
        if path == "/v2/refund":
            return self.refund(body)
        if path == "/v2/query_refund":
            return self.query_refund(body)
        return Reply(404, body={"return_code": 2})

    def create(self, body):
        parts = (body.get(name) for name in
                 ("app_id", "app_trans_id", "app_user", "amount", "app_time", "embed_data", "item"))
        if not self._check(body, *parts):
            return Reply(body={"return_code": 2, "sub_return_code": -402, "return_message": "mac invalid"})
        if not 300 <= int(body.get("expire_duration_seconds", 900)) <= 2592000:
            return Reply(body={"return_code": 2, "sub_return_code": -401})
        trans_id = body["app_trans_id"]
        self.orders.setdefault(trans_id, {**body, "amount": int(body["amount"]), "state": "unpaid", "zp_trans_id": 0})
        return Reply(body={
            "return_code": 1, "return_message": "Giao dịch thành công", "sub_return_code": 1,
            "zp_trans_token": f"AC{trans_id}", "order_token": f"AC{trans_id}",
            "order_url": f"{self.url}/pay/{trans_id}",
            "qr_code": f"00020101021226520010vn.zalopay0203001{trans_id}",
        })

    def callback(self, app_trans_id: str, *, amount: int | None = None, key: str = KEY2,
                 zp_trans_id: int | None = None) -> dict:
        """The callback ZaloPay sends when the money for ``app_trans_id`` is taken, signed with ``key``."""
        order = self.orders[app_trans_id]
        data = json.dumps({
            "app_id": int(APP_ID), "app_trans_id": app_trans_id, "app_time": int(order["app_time"]),
            "app_user": order["app_user"], "amount": order["amount"] if amount is None else amount,
            "embed_data": order["embed_data"], "item": order["item"],
            "zp_trans_id": zp_trans_id or next(_zp_trans_ids), "server_time": int(time.time() * 1000),
            "channel": 38, "merchant_user_id": "7ZMSl3nEg5sOUJzOLSoUFT8xKNQVaLOLXHB--8Eytqc",
            "user_fee_amount": 0, "discount_amount": 0,
        }, separators=(",", ":"), ensure_ascii=False)
        return {"data": data, "mac": hmac.new(key.encode(), data.encode(), hashlib.sha256).hexdigest(), "type": 1}

    def send_callback(self, body: dict) -> int:
        trans_id = json.loads(body["data"])["app_trans_id"]
        return self.deliver(self.orders[trans_id]["callback_url"], body)

    def buyer_pays(self, app_trans_id: str) -> dict:
        callback = self.callback(app_trans_id)
        data = json.loads(callback["data"])
        self.orders[app_trans_id].update(state="paid", zp_trans_id=data["zp_trans_id"])
        if self.deliver_callback:
            self.send_callback(callback)
        return callback

    def query(self, body):
        if not self._check(body, body.get("app_id"), body.get("app_trans_id"), KEY1):
            return Reply(body={"return_code": 2, "sub_return_code": -402})
        order = self.orders.get(body["app_trans_id"])
        if order is None:
            return Reply(body={"return_code": 2, "sub_return_code": -101, "return_message": "not found"})
        paid = order["state"] == "paid"
        return Reply(body={
            "return_code": 1 if paid else 3, "return_message": "", "sub_return_code": 1 if paid else -1,
            "is_processing": not paid, "amount": order["amount"] if paid else 0, "zp_trans_id": order["zp_trans_id"],
            "server_time": int(time.time() * 1000), "discount_amount": 0,
        })

    def refund(self, body):
        parts = [body.get(name) for name in ("app_id", "zp_trans_id", "amount", "description", "timestamp")]
        if not self._check(body, *parts):
            return Reply(body={"return_code": 2, "sub_return_code": -402})
        paid = [
            order for order in self.orders.values()
            if order["state"] == "paid" and str(order["zp_trans_id"]) == body["zp_trans_id"]
        ]
        refunded = sum(
            r["amount"] for r in self.refunds.values()
            if r["zp_trans_id"] == body["zp_trans_id"] and r["state"] != "refused"
        )
        if not paid or refunded + int(body["amount"]) > paid[0]["amount"] or body["m_refund_id"] in self.refunds:
            return Reply(body={"return_code": 2, "sub_return_code": -13})
        self.refunds[body["m_refund_id"]] = {**body, "amount": int(body["amount"]), "state": "processing"}
        return Reply(body={"return_code": 3, "return_message": "processing", "refund_id": next(_zp_trans_ids)})

    def query_refund(self, body):
        if not self._check(body, body.get("app_id"), body.get("m_refund_id"), body.get("timestamp")):
            return Reply(body={"return_code": 2, "sub_return_code": -402})
        refund = self.refunds.get(body["m_refund_id"])
        if refund is None:
            return Reply(body={"return_code": 2, "sub_return_code": -101})
        if refund["state"] == "processing" and self.refund_processing_checks > 0:
            self.refund_processing_checks -= 1
            return Reply(body={"return_code": 3, "return_message": "processing", "sub_return_code": 2})
        if self.refund_refused:
            refund["state"] = "refused"
            return Reply(body={"return_code": 2, "return_message": "refund failed", "sub_return_code": -3})
        refund["state"] = "done"
        return Reply(body={"return_code": 1, "return_message": "Giao dịch thành công", "sub_return_code": 1})


def zalopay_settings(settings, server) -> None:
    settings.ZALOPAY_ENDPOINT = server.url
    settings.ZALOPAY_APP_ID, settings.ZALOPAY_KEY1, settings.ZALOPAY_KEY2 = APP_ID, KEY1, KEY2
    settings.PAYMENT_METHODS = ["vietqr", "stripe", "momo", "zalopay"]


@pytest.fixture
def zalopay_stand_in(settings, client):
    """A fresh stand-in whose callbacks reach the shop through the test client."""
    yield from serving_the_test_client(ZaloPayStandIn(), settings=settings, client=client, configure=zalopay_settings)

"""A MoMo payment gateway stand-in on localhost, speaking MoMo's v2 protocol (captureWallet).

Written from MoMo's published field orders (developers.momo.vn), not from the shop's code: it checks
every request's signature itself, keeps the requests it accepted, draws a pay page for the buyer,
and — when the buyer pays — sends a signed IPN to the request's ``ipnUrl`` and the buyer back to
its ``redirectUrl``. Tests can also build IPNs by hand (forged, repeated, late, wrong amount).
"""

import hashlib
import hmac
import itertools
import time
import urllib.parse

import pytest

from .stand_in_http import Reply, StandInServer, serving_the_test_client

PARTNER_CODE, ACCESS_KEY, SECRET_KEY = "MOMO", "F8BBA842ECF85", "K951B6PE1waDMi640xX08PD3vg6EkVlz"

CREATE = "accessKey amount extraData ipnUrl orderId orderInfo partnerCode redirectUrl requestId requestType"
IPN = (
    "accessKey amount extraData message orderId orderInfo orderType partnerCode payType requestId "
    "responseTime resultCode transId"
)
QUERY = "accessKey orderId partnerCode requestId"
REFUND = "accessKey amount description orderId partnerCode requestId transId"
_trans_ids = itertools.count(4088878653)


def momo_signature(values: dict, fields: str, *, secret: str = SECRET_KEY) -> str:
    raw = "&".join(f"{name}={ACCESS_KEY if name == 'accessKey' else values.get(name, '')}" for name in fields.split())
    return hmac.new(secret.encode(), raw.encode(), hashlib.sha256).hexdigest()


class MoMoStandIn(StandInServer):
    def __init__(self):
        super().__init__()
        self.requests: dict[str, dict] = {}
        self.refunds: list[dict] = []
        self.deliver_ipn = True
        self.rejected = 0

    def _signed(self, body: dict, fields: str) -> bool:
        good = hmac.compare_digest(str(body.get("signature", "")), momo_signature(body, fields))
        if not good:
            self.rejected += 1
        return good and body.get("partnerCode") == PARTNER_CODE

    def handle(self, method, path, query, body):
        if path == "/v2/gateway/api/create":
            return self.create(body)
        if path == "/v2/gateway/api/query":
            return self.query(body)
        if path == "/v2/gateway/api/refund":
            return self.refund(body)
        if path.startswith("/pay/"):
            order_id = path.removeprefix("/pay/")
            if method == "GET":
                return Reply(body=self.pay_page(order_id))
            return self.buyer_returns(self.buyer_pays(order_id))
        return Reply(404, body={"resultCode": 99})

    def create(self, body):
        if not self._signed(body, CREATE) or body.get("requestType") != "captureWallet":
            return Reply(400, body={"resultCode": 13, "message": "Merchant authentication failed."})
        known = self.requests.get(body["orderId"])
        if known and known["requestId"] != body["requestId"]:
            return Reply(body={"resultCode": 41, "message": "Duplicated orderId."})
        self.requests[body["orderId"]] = known or {**body, "state": "pending", "transId": None}
        order_id = urllib.parse.quote(body["orderId"])
        return Reply(body={
            "partnerCode": PARTNER_CODE, "orderId": body["orderId"], "requestId": body["requestId"],
            "amount": body["amount"], "responseTime": int(time.time() * 1000), "message": "Successful.",
            "resultCode": 0, "payUrl": f"{self.url}/pay/{order_id}",
            "deeplink": f"momo://app?action=payWithApp&orderId={order_id}",
            "qrCodeUrl": f"momo://app?action=payWithApp&isScanQR=true&orderId={order_id}",
        })

    def ipn(self, order_id: str, *, result_code: int = 0, amount: int | None = None, trans_id: int | None = None,
            secret: str = SECRET_KEY) -> dict:
        """The IPN MoMo would send for the request ``order_id``, signed (with ``secret``)."""
        request = self.requests[order_id]
        body = {
            "partnerCode": PARTNER_CODE, "orderId": order_id, "requestId": request["requestId"],
            "amount": request["amount"] if amount is None else amount, "orderInfo": request["orderInfo"],
            "orderType": "momo_wallet", "transId": trans_id or next(_trans_ids), "resultCode": result_code,
            "message": "Successful." if result_code == 0 else "Transaction denied by user.",
            "payType": "qr", "responseTime": int(time.time() * 1000), "extraData": request["extraData"],
        }
        body["signature"] = momo_signature(body, IPN, secret=secret)
        return body

    def send_ipn(self, body: dict) -> int:
        return self.deliver(self.requests[body["orderId"]]["ipnUrl"], body)

    def pay_page(self, order_id):
        request = self.requests.get(order_id)
        if request is None:
            return "<p>unknown order</p>"
        return (
            f"<!doctype html><title>MoMo</title><h1>MoMo</h1><p id='momo-amount'>{request['amount']}</p>"
            f"<form method='post'><button id='momo-confirm' type='submit'>Xác nhận thanh toán</button></form>"
        )

    def buyer_pays(self, order_id: str) -> dict:
        """The buyer confirms in MoMo: the money is taken and the IPN sent (unless switched off)."""
        request = self.requests[order_id]
        ipn = self.ipn(order_id)
        request.update(state="paid", transId=ipn["transId"], paidAmount=ipn["amount"])
        if self.deliver_ipn:
            self.send_ipn(ipn)
        return ipn

    def buyer_returns(self, ipn: dict) -> Reply:
        request = self.requests[ipn["orderId"]]
        back = {key: ipn[key] for key in ("partnerCode", "orderId", "requestId", "amount", "resultCode", "transId")}
        separator = "&" if "?" in request["redirectUrl"] else "?"
        return Reply(302, headers={"Location": request["redirectUrl"] + separator + urllib.parse.urlencode(back)})

    def query(self, body):
        if not self._signed(body, QUERY):
            return Reply(400, body={"resultCode": 13})
        request = self.requests.get(body["orderId"])
        if request is None:
            return Reply(body={"orderId": body["orderId"], "resultCode": 42, "amount": 0, "message": "Not found"})
        paid = request["state"] == "paid"
        return Reply(body={
            "partnerCode": PARTNER_CODE, "orderId": body["orderId"], "requestId": body["requestId"],
            "extraData": request["extraData"], "amount": request.get("paidAmount", request["amount"]),
            "transId": request["transId"] or 0, "payType": "qr" if paid else "", "resultCode": 0 if paid else 1000,
            "message": "Successful." if paid else "Waiting for users to confirm.",
            "responseTime": int(time.time() * 1000), "refundTrans": [],
        })

    def refund(self, body):
        if not self._signed(body, REFUND):
            return Reply(400, body={"resultCode": 13})
        paid = [r for r in self.requests.values() if r["state"] == "paid" and r["transId"] == int(body["transId"])]
        already = sum(r["amount"] for r in self.refunds if r["transId"] == int(body["transId"]))
        if not paid or body["orderId"] in self.requests or already + int(body["amount"]) > paid[0]["paidAmount"]:
            return Reply(body={"resultCode": 1080, "message": "Refund rejected."})
        self.refunds.append({**body, "amount": int(body["amount"]), "transId": int(body["transId"])})
        return Reply(body={
            "partnerCode": PARTNER_CODE, "orderId": body["orderId"], "requestId": body["requestId"],
            "amount": body["amount"], "transId": next(_trans_ids), "resultCode": 0, "message": "Successful.",
            "responseTime": int(time.time() * 1000),
        })


def momo_settings(settings, server) -> None:
    """The shop talks to ``server`` with MoMo's public sandbox credentials."""
    settings.MOMO_ENDPOINT = server.url
    settings.MOMO_PARTNER_CODE = PARTNER_CODE
    settings.MOMO_ACCESS_KEY, settings.MOMO_SECRET_KEY = ACCESS_KEY, SECRET_KEY
    settings.PAYMENT_METHODS = ["vietqr", "stripe", "momo", "zalopay"]


@pytest.fixture
def momo_stand_in(settings, client):
    """A fresh stand-in whose IPNs reach the shop through the test client."""
    yield from serving_the_test_client(MoMoStandIn(), settings=settings, client=client, configure=momo_settings)

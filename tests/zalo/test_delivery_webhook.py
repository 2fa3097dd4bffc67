"""Zalo's delivery event marks the ZNS message delivered only when signed as Zalo documents:
X-ZEvent-Signature = mac=sha256(appId + body + timestamp + OA secret key); anything else is
refused with 403 and changes nothing."""

import hashlib
import json

import pytest
from django.urls import reverse

from tests.checkout_support import pay_by_bank
from tests.fulfilment_orders import place_order, product
from tests.zalo_server import APP_ID, OA_SECRET_KEY, zalo_server  # noqa: F401  (fixture)
from zalo.models import ZnsMessage, ZnsTemplate
from zalo.webhook import event_signature

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_message(zalo_server, django_capture_on_commit_callbacks):  # noqa: F811
    ZnsTemplate.objects.create(event="paid", template_id="302", parameters={"order_code": "order_number"})
    order = place_order(product(), on_zalo=True)
    with django_capture_on_commit_callbacks(execute=True):
        pay_by_bank(order)
    return order.zns_messages.get(event="paid")


def post(client, body: str, headers: dict):
    return client.post(reverse("zalo_webhooks:event"), data=body, content_type="application/json",
                       headers=headers)


def test_the_signature_is_the_documented_sha256_of_app_id_body_timestamp_and_oa_secret():
    body = '{"app_id":"1","timestamp":"1700000000000"}'
    expected = hashlib.sha256(f"1{body}1700000000000secret".encode()).hexdigest()
    assert event_signature(app_id="1", body=body, timestamp="1700000000000", oa_secret_key="secret") == expected


def test_a_signed_delivery_event_marks_the_message_delivered(client, zalo_server, paid_message):  # noqa: F811
    body, headers = zalo_server.delivery_event(paid_message.tracking_id)
    assert post(client, body, headers).status_code == 200
    paid_message.refresh_from_db()
    assert paid_message.status == ZnsMessage.Status.DELIVERED and paid_message.delivered_at is not None
    assert post(client, body, headers).status_code == 200  # Zalo's retry: answered, nothing new
    staff_page = paid_message.order  # shown on the dashboard's order page (see test_dashboard)
    assert staff_page.zns_messages.get().status == ZnsMessage.Status.DELIVERED


def test_a_delivery_event_without_our_tracking_id_is_matched_by_zalos_message_id(
    client, zalo_server, paid_message  # noqa: F811
):
    body, headers = zalo_server.delivery_event(paid_message.tracking_id, with_tracking_id=False)
    assert post(client, body, headers).status_code == 200
    paid_message.refresh_from_db()
    assert paid_message.status == ZnsMessage.Status.DELIVERED


@pytest.mark.parametrize("forge", ["unsigned", "wrong-secret", "other-app", "body-changed"])
def test_forged_or_unsigned_events_are_refused_and_change_nothing(client, zalo_server, paid_message, forge):  # noqa: F811
    body, headers = zalo_server.delivery_event(paid_message.tracking_id)
    if forge == "unsigned":
        headers = {}
    elif forge == "wrong-secret":
        body, headers = zalo_server.delivery_event(paid_message.tracking_id, secret="guessed")
    elif forge == "other-app":
        payload = json.loads(body)
        payload["app_id"] = "999"
        body = json.dumps(payload)
        mac = hashlib.sha256(f"999{body}{payload['timestamp']}{OA_SECRET_KEY}".encode()).hexdigest()
        headers = {"X-ZEvent-Signature": f"mac={mac}"}
    else:
        body = body.replace(APP_ID, APP_ID, 1).replace('"user-in-zalo"', '"someone-else"')
    response = post(client, body, headers)
    assert 400 <= response.status_code < 500
    paid_message.refresh_from_db()
    assert paid_message.status == ZnsMessage.Status.SENT and paid_message.delivered_at is None


def test_the_dashboard_order_page_shows_the_zalo_log(client, zalo_server, paid_message, admin_user):  # noqa: F811
    body, headers = zalo_server.delivery_event(paid_message.tracking_id)
    post(client, body, headers)
    client.force_login(admin_user)
    page = client.get(reverse("dashboard:order-detail", args=[paid_message.order.number])).content.decode()
    assert 'data-zns="paid" data-zns-status="delivered"' in page and paid_message.phone in page

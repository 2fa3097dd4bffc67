"""Stripe webhooks: signed with Stripe's own library, verified on the raw body; applied once, in order."""

import json
import time

import pytest
import stripe
from django.core import mail
from oscar.core.loading import get_model

from orders.statuses import OrderStatus
from payments.models import Payment, ProviderEvent
from tests.checkout_support import basket_with, place, stocked_product

pytestmark = pytest.mark.django_db
SECRET = "whsec_test_secret"
URL = "/payments/stripe/webhook/"
Order = get_model("order", "Order")


@pytest.fixture(autouse=True)
def webhook_secret(settings):
    settings.STRIPE_WEBHOOK_SECRET = SECRET


@pytest.fixture
def order():
    placed = place(basket_with((stocked_product(stock=5), 1)), method="stripe", language="en")
    Payment.objects.filter(order=placed.order).update(provider_reference="pi_test_123")
    return placed.order


def event(event_id, kind, *, amount=250000, currency="vnd", intent="pi_test_123", **extra):
    obj = {
        "id": intent,
        "object": "payment_intent",
        "amount": amount,
        "amount_received": amount,
        "currency": currency,
        "metadata": {"order": "?"},
        **extra,
    }
    return {
        "id": event_id,
        "object": "event",
        "type": kind,
        "created": int(time.time()),
        "data": {"object": obj},
        "livemode": False,
        "api_version": "2024-06-20",
    }


def post(client, body: dict, *, secret=SECRET, tamper=False):
    payload = json.dumps(body)
    header = stripe.WebhookSignature.generate_signature_header(payload, secret)
    if tamper:
        payload = payload.replace("250000", "1")
    return client.post(URL, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)


def test_a_verified_success_marks_the_order_paid(client, order, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, event("evt_1", "payment_intent.succeeded"))
    assert response.status_code == 200 and response.json()["outcome"] == "paid"
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID and order.payment.amount_received == 250000
    assert len(mail.outbox) == 1 and "Paid" in mail.outbox[0].subject


@pytest.mark.parametrize(
    "kwargs", [{"secret": "whsec_forged"}, {"tamper": True}], ids=["wrong-secret", "body-changed"]
)
def test_a_bad_signature_gets_400_and_changes_nothing(client, order, kwargs):
    response = post(client, event("evt_2", "payment_intent.succeeded"), **kwargs)
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert not ProviderEvent.objects.exists()


def test_a_stale_signature_is_refused(client, order):
    payload = json.dumps(event("evt_3", "payment_intent.succeeded"))
    header = stripe.WebhookSignature.generate_signature_header(
        payload, SECRET, timestamp=int(time.time()) - 3600
    )
    response = client.post(URL, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)
    assert response.status_code == 400


def test_no_configured_secret_refuses_everything(client, order, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    assert post(client, event("evt_4", "payment_intent.succeeded"), secret="").status_code == 400


def test_a_replayed_event_is_stored_once_with_no_second_effect(
    client, order, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, event("evt_5", "payment_intent.succeeded"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = post(client, event("evt_5", "payment_intent.succeeded"))
    assert again.status_code == 200 and again.json()["outcome"] == "duplicate"
    assert ProviderEvent.objects.filter(event_id="evt_5").count() == 1
    assert order.status_changes.count() == 1 and mail.outbox == []


def test_a_late_failure_cannot_move_a_paid_order_backwards(client, order):
    post(client, event("evt_6", "payment_intent.succeeded"))
    late = post(client, event("evt_7", "payment_intent.payment_failed"))
    assert late.status_code == 200 and late.json()["outcome"] == "ignored"
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID and order.payment.state == Payment.State.PAID


def test_a_failure_then_a_success_pays(client, order):
    post(client, event("evt_8", "payment_intent.payment_failed"))
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    post(client, event("evt_9", "payment_intent.succeeded"))
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


@pytest.mark.parametrize("kwargs", [{"amount": 2500}, {"amount": 25000000}, {"currency": "usd"}])
def test_amount_or_currency_not_matching_the_order_does_not_pay(client, order, kwargs):
    response = post(client, event("evt_10", "payment_intent.succeeded", **kwargs))
    assert response.status_code == 200 and response.json()["outcome"] == "mismatch"
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert order.notes.filter(message__contains="does not match").exists()


def test_an_event_for_an_unknown_intent_is_acknowledged_without_effect(client, order):
    response = post(client, event("evt_11", "payment_intent.succeeded", intent="pi_other"))
    assert response.json()["outcome"] == "unknown"
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT


def test_a_refund_event_updates_the_refunded_amount(client, order):
    post(client, event("evt_12", "payment_intent.succeeded"))
    refund = {
        "id": "evt_13",
        "object": "event",
        "type": "charge.refunded",
        "created": int(time.time()),
        "data": {
            "object": {
                "id": "ch_1",
                "object": "charge",
                "payment_intent": "pi_test_123",
                "amount": 250000,
                "amount_refunded": 250000,
                "currency": "vnd",
            }
        },
    }
    assert post(client, refund).json()["outcome"] == "refunded"
    order.refresh_from_db()
    assert order.payment.state == Payment.State.REFUNDED and order.status == OrderStatus.REFUNDED

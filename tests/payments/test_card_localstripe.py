"""Card payments against localstripe over HTTP; timeouts at the network edge via an injected HTTP client."""

import json
import re
import time

import pytest
import stripe
from django.urls import reverse

from orders.links import order_token
from orders.statuses import OrderStatus
from payments import stripe_gateway
from payments.models import Payment, Refund, RefundDue
from tests.checkout_support import basket_with, place, stocked_product

pytestmark = pytest.mark.django_db


class EdgeClient(stripe.HTTPClient):
    """Stripe's own HTTP client, with a switch to fail like a network timeout, and a log of what was sent."""

    def __init__(self, *, fail_on: str = ""):
        super().__init__()
        self.real = stripe.new_default_http_client()
        self.fail_on = fail_on
        self.sent = []

    name = "edge"

    def request(self, method, url, headers, post_data=None):
        self.sent.append((method, url, dict(headers or {}), post_data))
        if self.fail_on and self.fail_on in url:
            raise stripe.APIConnectionError("Request timed out", should_retry=False)
        return self.real.request(method, url, headers, post_data)

    def close(self):
        self.real.close()


@pytest.fixture
def edge(monkeypatch):
    def install(**kwargs):
        client = EdgeClient(**kwargs)
        monkeypatch.setattr(stripe_gateway, "HTTP_CLIENT", client)
        return client

    return install


@pytest.fixture
def card_order():
    order = place(
        basket_with((stocked_product(stock=5, price=250000), 2)), method="stripe", language="en"
    ).order
    return Payment.objects.get(order=order)


def card(number: str) -> str:
    method = stripe_gateway.client().v1.payment_methods.create(
        params={"type": "card", "card": {"number": number, "exp_month": 12, "exp_year": 2031, "cvc": "123"}}
    )
    return method.id


def test_the_intent_asks_for_whole_dong_never_times_100(localstripe, card_order):
    attempt = stripe_gateway.ensure_payment_intent(payment=card_order)
    intent = stripe_gateway.client().v1.payment_intents.retrieve(attempt.intent_id)
    assert intent.amount == 500000 == card_order.amount
    assert intent.currency == "vnd" and intent.metadata["order"] == card_order.order.number
    card_order.refresh_from_db()
    assert card_order.provider_reference == attempt.intent_id


def test_the_order_page_creates_the_intent_once(localstripe, client, card_order):
    url = reverse("payments:order", kwargs={"token": order_token(card_order.order)})
    assert client.get(url).status_code == 200
    first = Payment.objects.get(pk=card_order.pk).provider_reference
    page = client.get(url)
    assert Payment.objects.get(pk=card_order.pk).provider_reference == first
    html = page.content.decode()
    assert 'id="card-element"' in html and localstripe.url in html


def test_a_good_card_is_charged_but_only_the_webhook_marks_paid(localstripe, card_order):
    attempt = stripe_gateway.confirm_card(payment=card_order, payment_method_id=card("4242424242424242"))
    assert attempt.status == "succeeded"
    card_order.refresh_from_db()
    assert card_order.state == Payment.State.PENDING
    assert card_order.order.status == OrderStatus.PENDING_PAYMENT


def test_a_declined_card_leaves_the_order_pending_and_payable(localstripe, client, card_order):
    token = order_token(card_order.order)
    url = reverse("payments:card-confirm", kwargs={"token": token})
    declined = client.post(
        url, data=json.dumps({"payment_method": card("4000000000000341")}), content_type="application/json"
    )
    assert declined.status_code == 402 and re.search("declined|từ chối", declined.json()["error"], re.I)
    card_order.refresh_from_db()
    assert card_order.state == Payment.State.PENDING
    assert card_order.order.status == OrderStatus.PENDING_PAYMENT
    intent = stripe_gateway.client().v1.payment_intents.retrieve(card_order.provider_reference)
    assert intent.status == "requires_payment_method"
    page = client.get(reverse("payments:order", kwargs={"token": token}))
    assert 'id="card-pay"' in page.content.decode()


def test_a_timeout_leaves_the_order_pending_and_the_retry_reuses_the_idempotency_key(
    localstripe, edge, card_order
):
    failing = edge(fail_on="/v1/payment_intents")
    with pytest.raises(stripe_gateway.CardPaymentError):
        stripe_gateway.ensure_payment_intent(payment=card_order)
    card_order.refresh_from_db()
    assert card_order.provider_reference == "" and card_order.order.status == OrderStatus.PENDING_PAYMENT
    working = edge()
    attempt = stripe_gateway.ensure_payment_intent(payment=card_order)
    key = f"ocop-order-{card_order.order.number}-intent"
    assert failing.sent[0][2]["Idempotency-Key"] == key == working.sent[0][2]["Idempotency-Key"]
    assert attempt.intent_id.startswith("pi_")


def test_a_timeout_on_confirm_is_reported_as_retryable(localstripe, edge, client, card_order):
    stripe_gateway.ensure_payment_intent(payment=card_order)
    edge(fail_on="/confirm")
    url = reverse("payments:card-confirm", kwargs={"token": order_token(card_order.order)})
    response = client.post(
        url, data=json.dumps({"payment_method": "pm_any"}), content_type="application/json"
    )
    assert response.status_code == 402 and response.json()["retry"] is True
    card_order.refresh_from_db()
    assert card_order.state == Payment.State.PENDING


def test_card_confirm_refuses_bad_input(localstripe, client, card_order):
    url = reverse("payments:card-confirm", kwargs={"token": order_token(card_order.order)})
    assert client.post(url, data="{}", content_type="application/json").status_code == 400
    assert (
        client.post(
            url.replace(order_token(card_order.order), "forged"), data="{}", content_type="application/json"
        ).status_code
        == 404
    )


def paid_by_webhook(client, settings, payment):
    settings.STRIPE_WEBHOOK_SECRET = "whsec_refunds"
    body = json.dumps(
        {
            "id": f"evt_paid_{payment.pk}",
            "object": "event",
            "type": "payment_intent.succeeded",
            "created": int(time.time()),
            "data": {
                "object": {
                    "id": payment.provider_reference,
                    "object": "payment_intent",
                    "amount": payment.amount,
                    "amount_received": payment.amount,
                    "currency": "vnd",
                    "metadata": {},
                }
            },
        }
    )
    header = stripe.WebhookSignature.generate_signature_header(body, "whsec_refunds")
    response = client.post(
        "/payments/stripe/webhook/", data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )
    assert response.json()["outcome"] == "paid"


def test_partial_then_full_refund_from_the_dashboard(localstripe, client, admin_client, settings, card_order):
    stripe_gateway.confirm_card(payment=card_order, payment_method_id=card("4242424242424242"))
    card_order.refresh_from_db()
    paid_by_webhook(client, settings, card_order)
    url = reverse("payments_dashboard:order-admin", kwargs={"number": card_order.order.number})
    assert 'id="refund-form"' in admin_client.get(url).content.decode()
    number = card_order.order.number
    order_page = admin_client.get(reverse("dashboard:order-detail", kwargs={"number": number}))
    assert 'id="order-refund-form"' in order_page.content.decode()
    admin_client.post(url, {"action": "refund", "amount": 100000, "reason": "one jar broken"})
    card_order.refresh_from_db()
    assert card_order.state == Payment.State.PARTIALLY_REFUNDED and card_order.amount_refunded == 100000
    refund = Refund.objects.get(payment=card_order)
    remote = stripe_gateway.client().v1.refunds.retrieve(refund.provider_reference)
    assert remote.amount == 100000 and remote.currency == "vnd"
    too_much = admin_client.post(url, {"action": "refund", "amount": 400001})
    assert too_much.status_code == 200 and Refund.objects.count() == 1
    admin_client.post(url, {"action": "refund", "amount": 400000})
    card_order.refresh_from_db()
    assert card_order.state == Payment.State.REFUNDED
    assert card_order.order.status == OrderStatus.REFUNDED


def test_dashboard_order_page_shows_payment_state_and_reference(localstripe, admin_client, card_order):
    stripe_gateway.ensure_payment_intent(payment=card_order)
    card_order.refresh_from_db()
    page = admin_client.get(reverse("dashboard:order-detail", kwargs={"number": card_order.order.number}))
    html = page.content.decode()
    assert page.status_code == 200 and 'id="order-payment-panel"' in html
    assert card_order.provider_reference in html


def test_expiry_cancels_the_card_intent_so_it_cannot_be_charged_later(
    localstripe, card_order, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from payments.services import expire_unpaid_orders

    attempt = stripe_gateway.ensure_payment_intent(payment=card_order)
    with django_capture_on_commit_callbacks(execute=True):
        assert expire_unpaid_orders(after=timedelta(seconds=-1)) == [card_order.order.number]
    assert stripe_gateway.client().v1.payment_intents.retrieve(attempt.intent_id).status == "canceled"


def late_success(client, settings, payment, event_id: str) -> str:
    """Stripe tells us, signed, that the card payment succeeded (e.g. long after the order expired)."""
    settings.STRIPE_WEBHOOK_SECRET = "whsec_late"
    body = json.dumps(
        {
            "id": event_id, "object": "event", "type": "payment_intent.succeeded", "created": int(time.time()),
            "data": {"object": {"id": payment.provider_reference, "object": "payment_intent",
                                "amount": payment.amount, "amount_received": payment.amount,
                                "currency": "vnd", "metadata": {}}},
        }
    )
    header = stripe.WebhookSignature.generate_signature_header(body, "whsec_late")
    response = client.post(
        "/payments/stripe/webhook/", data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )
    return response.json()["outcome"]


def _expire(payment):
    from datetime import timedelta

    from django.utils import timezone

    from payments.services import expire_unpaid_orders

    stripe_gateway.ensure_payment_intent(payment=payment)
    payment.refresh_from_db()
    assert expire_unpaid_orders(now=timezone.now() + timedelta(days=2)) == [payment.order.number]
    payment.refresh_from_db()


def test_a_late_card_success_revives_the_expired_order_while_stock_allows(localstripe, client, settings, card_order):
    _expire(card_order)
    stripe_gateway.confirm_card(payment=card_order, payment_method_id=card("4242424242424242"))  # a page left open
    record = card_order.order.lines.get().stockrecord
    record.refresh_from_db()
    assert record.num_allocated == 0
    assert late_success(client, settings, card_order, "evt_late_ok") == "revived"
    card_order.refresh_from_db()
    order = card_order.order
    record.refresh_from_db()
    assert order.status == OrderStatus.PAID and card_order.state == Payment.State.PAID
    assert set(order.lines.values_list("status", flat=True)) == {OrderStatus.PAID}
    assert record.num_allocated == 2 and not RefundDue.objects.exists()
    assert order.notes.filter(message__contains="Revived").exists()


def test_a_late_card_success_without_stock_is_refunded_to_the_card(
    localstripe, client, admin_client, settings, card_order, django_capture_on_commit_callbacks, mailoutbox
):
    _expire(card_order)
    rival = place(basket_with((card_order.order.lines.get().product, 5))).order  # the last 5 jars went
    stripe_gateway.confirm_card(payment=card_order, payment_method_id=card("4242424242424242"))  # a page left open
    assert rival.status == OrderStatus.PENDING_PAYMENT
    with django_capture_on_commit_callbacks(execute=True):
        assert late_success(client, settings, card_order, "evt_late_gone") == "refunding"
    card_order.refresh_from_db()
    assert card_order.order.status == OrderStatus.EXPIRED
    assert (card_order.amount_received, card_order.amount_refunded) == (500000, 500000)
    due = RefundDue.objects.get(payment=card_order)
    assert due.reason == RefundDue.Reason.LATE and due.settled
    remote = stripe_gateway.client().v1.refunds.retrieve(due.refund.provider_reference)
    assert remote.amount == 500000 and remote.payment_intent == card_order.provider_reference
    assert card_order.order.notes.filter(message__contains="500000 ₫ to return").exists()
    page = client.get(reverse("payments:order", kwargs={"token": order_token(card_order.order)})).content.decode()
    assert 'data-due="late"' in page and 'data-settled="true"' in page
    # no exception text and no address of the card provider (the demo's e-mail domain is not one)
    assert not re.search(r"Traceback|localhost:\d|//localhost|127\.0\.0\.1", page)
    sent = card_order.order.communication_events.get(event_type__code="REFUND_SENT")
    assert sent.context == {"amount": 500000, "method": "stripe", "in_full": True} and sent.is_sent
    # an English buyer: told in English, in the order's language
    (mail,) = [m for m in mailoutbox if m.subject == f"Order {card_order.order.number}: ₫500,000 sent back to you"]
    assert mail.to == [card_order.order.email] and "back to the card you paid with" in mail.body


def test_card_errors_reach_the_buyer_in_plain_words_without_hosts(localstripe, edge, client, card_order):
    edge(fail_on="/v1/payment_intents")
    page = client.get(reverse("payments:order", kwargs={"token": order_token(card_order.order)}))
    html = page.content.decode()
    assert page.status_code == 200 and 'id="card-error-initial"' in html
    message = html.split('id="card-error-initial">', 1)[1].split("</p>", 1)[0]
    assert "try again" in message.lower() or "thử lại" in message.lower()
    assert not re.search(r"https?://|127\.0\.0\.1|localhost|Error", message)
    assert 'id="switch-to-vietqr"' in html


def test_the_buyer_switches_a_failed_card_order_to_vietqr_on_the_same_page(
    localstripe, client, card_order, django_capture_on_commit_callbacks
):
    stripe_gateway.ensure_payment_intent(payment=card_order)
    token = order_token(card_order.order)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("payments:switch-to-vietqr", kwargs={"token": token}))
    assert response.status_code == 302
    card_order.refresh_from_db()
    assert card_order.method == Payment.Method.VIETQR and card_order.state == Payment.State.PENDING
    html = client.get(reverse("payments:order", kwargs={"token": token})).content.decode()
    assert 'id="vietqr"' in html and card_order.reference in html
    intent = stripe_gateway.client().v1.payment_intents.retrieve(card_order.provider_reference)
    assert intent.status == "canceled"

"""The bank's notifications (SePay-style): authenticated, de-duplicated, matched by memo and amount."""

import json

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from orders.links import order_token
from orders.statuses import OrderStatus
from payments.models import BankTransfer, Payment
from tests.checkout_support import basket_with, place, stocked_product

pytestmark = pytest.mark.django_db
KEY = "bank-test-key"
URL = "/payments/bank/webhook/"
Order = get_model("order", "Order")


@pytest.fixture(autouse=True)
def bank_key(settings):
    settings.BANK_WEBHOOK_KEY = KEY


@pytest.fixture
def order():
    return place(basket_with((stocked_product(stock=5), 2))).order  # 500.000 ₫


def notify(client, *, id, amount, content, key=KEY, transfer_type="in"):
    body = {
        "id": id,
        "gateway": "Vietcombank",
        "transactionDate": "2026-11-28 10:15:00",
        "accountNumber": "1023456789",
        "code": None,
        "content": content,
        "transferType": transfer_type,
        "transferAmount": amount,
        "accumulated": 9_000_000,
        "subAccount": None,
        "referenceCode": f"FT{id}",
        "description": f"BankAPINotify {content}",
    }
    return client.post(
        URL, data=json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Apikey {key}"
    )


def test_exact_amount_with_the_memo_marks_the_order_paid(client, order, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = notify(client, id=9001, amount=500000, content=f"MBVCB.123.{order.number}.CT tu LE VAN A")
    assert response.status_code == 200 and response.json()["outcome"] == "matched"
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID and order.payment.state == Payment.State.PAID
    assert len(mail.outbox) == 1 and order.number in mail.outbox[0].subject
    status = client.get(reverse("payments:status", kwargs={"token": order_token(order)})).json()
    assert status["paid"] is True and status["state"] == "paid"


def test_memo_is_found_in_lower_case_and_with_spaces(client, order):
    spaced = f"thanh toan {order.number[:4].lower()} {order.number[4:].lower()}"
    assert notify(client, id=9002, amount=500000, content=spaced).json()["outcome"] == "matched"


def test_a_repeated_notification_changes_nothing(client, order, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(client, id=9003, amount=500000, content=order.number)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = notify(client, id=9003, amount=500000, content=order.number)
    assert again.status_code == 200
    assert BankTransfer.objects.count() == 1
    assert Payment.objects.get(order=order).amount_received == 500000
    assert mail.outbox == []


def test_less_than_due_is_flagged_underpaid_for_staff(client, order):
    response = notify(client, id=9004, amount=300000, content=order.number)
    assert response.json()["outcome"] == "underpaid"
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert order.payment.state == Payment.State.UNDERPAID and order.payment.amount_received == 300000
    assert order.notes.filter(message__contains="Underpaid").exists()
    # the rest arrives later with the same memo
    assert notify(client, id=9005, amount=200000, content=order.number).json()["outcome"] == "matched"
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_unknown_reference_is_kept_unmatched_and_staff_match_it(client, admin_client, order):
    response = notify(client, id=9006, amount=500000, content="chuyen tien mua che")
    assert response.json()["outcome"] == "unmatched"
    page = admin_client.get(reverse("payments_dashboard:transfers"))
    assert page.status_code == 200 and "chuyen tien mua che" in page.content.decode()
    transfer = BankTransfer.objects.get(notification_id="9006")
    admin_client.post(
        reverse("payments_dashboard:transfer-match", args=[transfer.pk]), {"order_number": order.number}
    )
    order.refresh_from_db()
    transfer.refresh_from_db()
    assert order.status == OrderStatus.PAID and transfer.outcome == BankTransfer.Outcome.MATCHED


@pytest.mark.parametrize("key", ["wrong", ""])
def test_a_wrong_key_is_refused_and_nothing_is_stored(client, order, key):
    response = notify(client, id=9007, amount=500000, content=order.number, key=key)
    assert response.status_code == 401
    assert BankTransfer.objects.count() == 0
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT


def test_without_a_configured_key_every_notification_is_refused(client, order, settings):
    settings.BANK_WEBHOOK_KEY = ""
    assert notify(client, id=9008, amount=500000, content=order.number, key="").status_code == 401


@pytest.mark.parametrize(
    "body", ["not json", "[1, 2]", '{"content": "x"}', '{"id": 1, "transferAmount": "abc"}']
)
def test_malformed_notifications_get_400_with_a_reason(client, body):
    response = client.post(
        URL, data=body, content_type="application/json", HTTP_AUTHORIZATION=f"Apikey {KEY}"
    )
    assert response.status_code == 400 and response.json()["error"]
    assert BankTransfer.objects.count() == 0


def test_outgoing_transfers_are_ignored(client, order):
    assert (
        notify(client, id=9009, amount=500000, content=order.number, transfer_type="out").json()["outcome"]
        == "ignored"
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT


def test_a_transfer_after_expiry_does_not_revive_the_order_but_is_noted(client, order):
    from datetime import timedelta

    from payments.services import expire_unpaid_orders

    expire_unpaid_orders(after=timedelta(seconds=-1))
    notify(client, id=9010, amount=500000, content=order.number)
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED
    assert order.notes.filter(message__contains="500000 ₫ to return").exists()


def test_staff_accept_an_underpayment(client, admin_client, order):
    notify(client, id=9011, amount=450000, content=order.number)
    url = reverse("payments_dashboard:order-admin", kwargs={"number": order.number})
    assert "450.000" in admin_client.get(url).content.decode()
    admin_client.post(url, {"action": "accept-underpayment"})
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_staff_cancel_an_unpaid_order_and_its_stock_returns(
    admin_client, order, django_capture_on_commit_callbacks
):
    record = order.lines.get().stockrecord
    assert record.num_allocated == 2
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("payments_dashboard:order-admin", kwargs={"number": order.number}),
                          {"action": "cancel"})
    order.refresh_from_db()
    record.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED and record.num_allocated == 0
    # The buyer placed the order in Vietnamese, so that is the language of the e-mail.
    assert len(mail.outbox) == 1 and "hủy" in mail.outbox[0].subject.lower() + mail.outbox[0].body.lower()


def test_the_transfer_list_costs_the_same_queries_however_many_transfers(client, admin_client, query_budget):
    def grow():
        for index in range(5):
            paid = place(basket_with((stocked_product(stock=5), 1))).order
            notify(client, id=9100 + index, amount=100000, content=paid.number)  # underpaid, linked
            notify(client, id=9200 + index, amount=5000, content=f"unknown {index}")

    notify(client, id=9300, amount=5000, content="unknown first")
    query_budget.assert_constant(lambda: admin_client.get(reverse("payments_dashboard:transfers")), grow)


def test_only_staff_see_the_transfer_list(client):
    response = client.get(reverse("payments_dashboard:transfers"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_paid_order_reaches_its_co_op(client, demo_world, django_capture_on_commit_callbacks):
    """Payment moves the order and its lines to paid: to pack for the co-op, history, the co-op told."""
    from coops import selectors as coop_selectors

    get_model("order", "Order").objects.all().delete()
    tea = get_model("catalogue", "Product").objects.get(upc="8930000000019")  # a member of HTX Cù Vân
    order = place(basket_with((tea, 1))).order
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notify(client, id=9100, amount=int(order.total_incl_tax), content=order.number)
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert set(order.lines.values_list("status", flat=True)) == {OrderStatus.PAID}
    coop = tea.producer.coop
    assert order in coop_selectors.todays_work(coop=coop).to_pack
    change = order.status_changes.get()
    assert (change.old_status, change.new_status) == (OrderStatus.PENDING_PAYMENT, OrderStatus.PAID)
    assert order.communication_events.filter(event_type__code="COOP_ORDER_PAID", sent_at__isnull=False).exists()
    recipients = [address for message in mail.outbox for address in message.to]
    assert "cuvan@ocop.localhost" in recipients

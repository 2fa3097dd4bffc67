"""Money that does not fit the order: too much, twice, too late, too little, or an order cancelled
after payment. Each ends in the staff's refund queue with the amount to return, the buyer's page
saying what happens next, and nothing lost."""

import binascii
import io
import re
from datetime import timedelta

import pytest
import zxingcpp
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model
from PIL import Image

from orders.links import order_token
from orders.statuses import OrderStatus
from payments import services
from payments.models import BankTransfer, Payment, RefundDue
from tests.checkout_support import basket_with, pay_by_bank, place, stocked_product
from tests.factories import CoopFactory, ProducerFactory
from tests.fulfilment_orders import paid_order, product

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db
S = OrderStatus


@pytest.fixture
def order():
    return place(basket_with((stocked_product(stock=5), 2))).order  # 500.000 ₫, VietQR


def buyer_page(client, order) -> str:
    response = client.get(reverse("payments:order", kwargs={"token": order_token(order)}))
    assert response.status_code == 200
    return response.content.decode()


def queue(admin_client) -> str:
    return admin_client.get(reverse("payments_dashboard:transfers")).content.decode()


def due_row(html: str, number: str) -> str:
    return html.split(f'data-refund-due="{number}"', 1)[1].split("</tr>", 1)[0]


def test_an_overpayment_pays_the_order_and_queues_the_excess(client, admin_client, order):
    pay_by_bank(order, amount=600_000)
    assert order.status == S.PAID and order.payment.amount_received == 600_000
    due = RefundDue.objects.get(payment=order.payment)
    assert (due.amount, due.reason) == (100_000, RefundDue.Reason.OVERPAID)
    assert "100.000" in due_row(queue(admin_client), order.number)
    page = buyer_page(client, order)
    assert "100.000" in page and 'data-due="overpaid"' in page
    assert order.communication_events.filter(event_type__code="REFUND_DUE", context__amount=100_000).exists()


def test_a_second_transfer_for_a_paid_order_is_queued_whole(client, admin_client, order):
    pay_by_bank(order)
    second = pay_by_bank(order)
    assert second.outcome == BankTransfer.Outcome.TO_REFUND
    due = RefundDue.objects.get(payment=order.payment)
    assert (due.amount, due.reason, due.transfer) == (500_000, RefundDue.Reason.REPEATED, second)
    assert order.status == S.PAID and order.payment.amount_received == 1_000_000
    assert "500.000" in due_row(queue(admin_client), order.number)
    assert 'data-due="repeated"' in buyer_page(client, order)


def test_money_after_expiry_is_queued_and_staff_record_the_refund_sent(client, admin_client, order):
    services.expire_unpaid_orders(now=timezone.now() + timedelta(days=2))
    late = pay_by_bank(order)
    assert order.status == S.EXPIRED and late.outcome == BankTransfer.Outcome.TO_REFUND
    due = RefundDue.objects.get(payment=order.payment)
    assert (due.amount, due.reason) == (500_000, RefundDue.Reason.LATE)
    assert "500.000" in due_row(queue(admin_client), order.number)
    assert "We will return" in buyer_page(client, order) or "hoàn lại" in buyer_page(client, order)

    admin_client.post(reverse("payments_dashboard:refund-due-settle", args=[due.pk]), {"reference": "FT-BACK-1"})
    due.refresh_from_db()
    payment = Payment.objects.get(pk=order.payment.pk)
    assert due.settled and due.refund.provider_reference == "FT-BACK-1"
    assert (payment.amount_received, payment.amount_refunded) == (500_000, 500_000)
    assert f'data-refund-due="{order.number}"' not in queue(admin_client)
    assert 'data-due="late"' in buyer_page(client, order)


def test_a_bank_refund_needs_its_reference(admin_client, order):
    pay_by_bank(order, amount=600_000)
    due = RefundDue.objects.get()
    admin_client.post(reverse("payments_dashboard:refund-due-settle", args=[due.pk]), {"reference": " "})
    due.refresh_from_db()
    assert not due.settled


def _tlv(payload: str) -> dict[str, str]:
    fields, position = {}, 0
    while position < len(payload):
        tag, length = payload[position:position + 2], int(payload[position + 2:position + 4])
        fields[tag] = payload[position + 4:position + 4 + length]
        position += 4 + length
    return fields


def test_an_underpayment_shows_the_remainder_and_a_vietqr_for_exactly_it(client, order, chromium):
    pay_by_bank(order, amount=200_000)
    assert order.status == S.PENDING_PAYMENT and order.payment.state == Payment.State.UNDERPAID
    html = buyer_page(client, order)
    assert re.search(r"data-still-due>300\.000", html)
    svg = re.search(r"<svg.*?</svg>", html.split('class="vietqr-code"', 1)[1], re.S).group(0)
    page = chromium.new_page()
    page.set_content(f'<body style="margin:0;background:#fff">{svg}</body>')
    image = Image.open(io.BytesIO(page.locator("svg").screenshot()))
    page.close()
    (barcode,) = zxingcpp.read_barcodes(image)
    payload = barcode.text
    fields = _tlv(payload)
    assert fields["54"] == "300000" and fields["53"] == "704" and fields["58"] == "VN"
    assert _tlv(fields["62"])["08"] == order.number
    assert f"{binascii.crc_hqx(payload[:-4].encode(), 0xFFFF):04X}" == fields["63"]


def test_a_co_op_cancelling_a_paid_order_asks_for_its_refund(client, admin_client, django_user_model):
    coop = CoopFactory(email="")
    clerk = django_user_model.objects.create_user(username="htx2", email="", password="pw")
    coop.users.add(clerk)
    order = paid_order(product(producer=ProducerFactory(coop=coop)))
    client.force_login(clerk)
    client.post(reverse("coops:order-status", args=[coop.slug, order.number]), {"to": "cancelled"})
    order.refresh_from_db()
    assert order.status == S.REFUND_PENDING
    assert set(order.lines.values_list("status", flat=True)) == {S.REFUND_PENDING}
    due = RefundDue.objects.get(payment=order.payment)
    assert (due.amount, due.reason) == (order.payment.amount, RefundDue.Reason.CANCELLED)
    client.logout()
    assert 'id="refund-pending"' in buyer_page(client, order)

    admin_client.post(reverse("payments_dashboard:refund-due-settle", args=[due.pk]), {"reference": "FT-BACK-2"})
    order.refresh_from_db()
    assert order.status == S.REFUNDED
    assert Payment.objects.get(order=order).amount_refunded == order.payment.amount


def test_the_buyer_is_told_when_staff_send_a_bank_refund(admin_client, order, mailoutbox,
                                                          django_capture_on_commit_callbacks):
    pay_by_bank(order, amount=600_000)
    due = RefundDue.objects.get(payment=order.payment)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("payments_dashboard:refund-due-settle", args=[due.pk]), {"reference": "FT-BACK-9"})
    told = order.communication_events.get(event_type__code="REFUND_SENT")
    assert told.context == {"amount": 100_000, "method": "vietqr", "in_full": False} and told.is_sent
    (mail,) = mailoutbox
    assert mail.to == [order.email] and order.number in mail.subject and "100.000" in mail.subject
    assert "tài khoản" in mail.body  # back to the bank account the transfer came from
    assert Order.objects.get(pk=order.pk).status == S.PAID  # only the extra went back


def test_a_full_refund_sends_one_message_not_two(admin_client, order, mailoutbox, django_capture_on_commit_callbacks):
    services.expire_unpaid_orders(now=timezone.now() + timedelta(days=2))
    pay_by_bank(order)
    due = RefundDue.objects.get(payment=order.payment)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("payments_dashboard:refund-due-settle", args=[due.pk]), {"reference": "FT-BACK-8"})
    (mail,) = mailoutbox
    assert "500.000" in mail.subject and order.number in mail.subject
    assert order.communication_events.filter(event_type__code="REFUND_SENT", context__in_full=True).exists()

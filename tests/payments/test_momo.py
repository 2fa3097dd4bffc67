"""MoMo wallet payments against the MoMo stand-in over HTTP: the request, the buyer paying, the IPN
(forged, repeated, late, out of order, wrong amount), the status query when no IPN comes, refunds."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from orders.links import order_token
from orders.statuses import OrderStatus
from payments import momo
from payments.models import Payment, ProviderEvent, Refund, RefundDue
from payments.services import expire_unpaid_orders
from tests.checkout_support import basket_with, place, stocked_product
from tests.payments.momo_server import SECRET_KEY, momo_signature, momo_stand_in  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def momo_order(momo_stand_in, client):  # noqa: F811
    """An order placed through checkout with MoMo, whose page the buyer opened (the request is made)."""
    order = place(basket_with((stocked_product(stock=5, price=250000), 2)), method="momo").order
    page = client.get(reverse("payments:order", kwargs={"token": order_token(order)}))
    assert page.status_code == 200
    return Payment.objects.select_related("order", "wallet_request").get(order=order), page


def snapshot(payment):
    payment.refresh_from_db()
    payment.order.refresh_from_db()
    return (payment.state, payment.amount_received, payment.order.status, RefundDue.objects.count())


def test_the_request_is_signed_as_momo_documents_and_the_page_links_to_momo(momo_stand_in, momo_order):  # noqa: F811
    payment, page = momo_order
    created = [body for method, path, body in momo_stand_in.log if path == "/v2/gateway/api/create"]
    assert len(created) == 1 and momo_stand_in.rejected == 0
    request = created[0]
    assert request["amount"] == 500000 == payment.amount and request["orderId"] == payment.order.number
    assert request["requestType"] == "captureWallet" and request["ipnUrl"].endswith("/payments/momo/ipn/")
    html = page.content.decode()
    assert f'href="{momo_stand_in.url}/pay/{payment.order.number}"' in html and 'id="wallet-qr"' in html
    assert "<script>" not in html.split('id="wallet-payment"')[1].split("</section>")[0]


def test_reloading_the_page_reuses_the_request(momo_stand_in, momo_order, client):  # noqa: F811
    payment, _ = momo_order
    client.get(reverse("payments:order", kwargs={"token": order_token(payment.order)}))
    assert sum(1 for _, path, _ in momo_stand_in.log if path == "/v2/gateway/api/create") == 1


def test_the_buyer_pays_at_momo_and_the_ipn_marks_the_order_paid(momo_stand_in, momo_order, client):  # noqa: F811
    payment, _ = momo_order
    momo_stand_in.buyer_pays(payment.order.number)
    payment.refresh_from_db()
    assert payment.state == Payment.State.PAID and payment.amount_received == 500000
    assert payment.provider_reference == str(momo_stand_in.requests[payment.order.number]["transId"])
    status = client.get(reverse("payments:status", kwargs={"token": order_token(payment.order)})).json()
    assert status["paid"] is True and status["order_status"] == OrderStatus.PAID


def test_a_forged_ipn_is_refused_and_changes_nothing(momo_stand_in, momo_order):  # noqa: F811
    payment, _ = momo_order
    before, events = snapshot(payment), ProviderEvent.objects.count()
    forged = momo_stand_in.ipn(payment.order.number, secret="not-the-secret-key")
    assert momo_stand_in.send_ipn(forged) == 400
    tampered = momo_stand_in.ipn(payment.order.number)
    tampered["amount"] = 1000
    assert momo_stand_in.send_ipn(tampered) == 400
    assert snapshot(payment) == before and ProviderEvent.objects.count() == events


def test_a_repeated_ipn_changes_nothing(momo_stand_in, momo_order):  # noqa: F811
    payment, _ = momo_order
    ipn = momo_stand_in.ipn(payment.order.number)
    assert momo_stand_in.send_ipn(ipn) == 204
    paid = snapshot(payment)
    assert paid[0] == Payment.State.PAID
    assert momo_stand_in.send_ipn(ipn) == 204
    assert snapshot(payment) == paid and payment.order.status_changes.count() == 1


def test_a_failure_after_the_success_changes_nothing(momo_stand_in, momo_order):  # noqa: F811
    payment, _ = momo_order
    momo_stand_in.send_ipn(momo_stand_in.ipn(payment.order.number))
    paid = snapshot(payment)
    assert momo_stand_in.send_ipn(momo_stand_in.ipn(payment.order.number, result_code=1006)) == 204
    assert snapshot(payment) == paid


def test_a_failure_leaves_the_order_awaiting_payment(momo_stand_in, momo_order):  # noqa: F811
    payment, _ = momo_order
    assert momo_stand_in.send_ipn(momo_stand_in.ipn(payment.order.number, result_code=1006)) == 204
    assert snapshot(payment)[:3] == (Payment.State.PENDING, 0, OrderStatus.PENDING_PAYMENT)


def test_a_wrong_amount_goes_to_the_staff_queue_and_the_order_does_not_move(momo_stand_in, momo_order):  # noqa: F811
    payment, _ = momo_order
    assert momo_stand_in.send_ipn(momo_stand_in.ipn(payment.order.number, amount=1000)) == 204
    payment.refresh_from_db()
    assert payment.state == Payment.State.PENDING and payment.order.status == OrderStatus.PENDING_PAYMENT
    due = RefundDue.objects.get(payment=payment)
    assert due.reason == RefundDue.Reason.MISMATCH and due.amount == 1000


def test_money_after_expiry_goes_to_the_refund_queue(momo_stand_in, momo_order):  # noqa: F811
    payment, _ = momo_order
    assert expire_unpaid_orders(after=timedelta(seconds=-1)) == [payment.order.number]
    assert momo_stand_in.send_ipn(momo_stand_in.ipn(payment.order.number)) == 204
    payment.refresh_from_db()
    assert payment.state == Payment.State.EXPIRED and payment.order.status == OrderStatus.EXPIRED
    due = RefundDue.objects.get(payment=payment)
    assert due.reason == RefundDue.Reason.LATE and due.amount == 500000


def test_an_expired_order_no_longer_offers_momos_page_or_qr(momo_stand_in, momo_order, client):  # noqa: F811
    payment, page = momo_order
    assert 'id="wallet-pay"' in page.content.decode()
    expire_unpaid_orders(after=timedelta(seconds=-1))
    later = client.get(reverse("payments:order", kwargs={"token": order_token(payment.order)})).content.decode()
    assert 'id="wallet-pay"' not in later and 'id="wallet-qr"' not in later
    assert len([path for _, path, _ in momo_stand_in.log if path == "/v2/gateway/api/create"]) == 1


def test_money_at_an_expired_request_whose_ipn_is_lost_is_found_by_the_status_query(
    momo_stand_in, momo_order  # noqa: F811
):
    """MoMo has no call to cancel an unpaid captureWallet request, so the buyer can still pay it
    after the shop's deadline: the status query keeps asking for a day and queues the refund."""
    payment, _ = momo_order
    expire_unpaid_orders(after=timedelta(seconds=-1))
    momo_stand_in.deliver_ipn = False
    momo_stand_in.buyer_pays(payment.order.number)
    call_command("query_wallet_payments", after_seconds=0)
    assert snapshot(payment) == (Payment.State.EXPIRED, 500000, OrderStatus.EXPIRED, 1)
    assert RefundDue.objects.get(payment=payment).reason == RefundDue.Reason.LATE
    call_command("query_wallet_payments", after_seconds=0)
    assert RefundDue.objects.count() == 1


def test_the_status_query_settles_a_payment_whose_ipn_never_came(momo_stand_in, momo_order):  # noqa: F811
    payment, _ = momo_order
    momo_stand_in.deliver_ipn = False
    call_command("query_wallet_payments", after_seconds=0)
    assert snapshot(payment)[0] == Payment.State.PENDING
    momo_stand_in.buyer_pays(payment.order.number)
    call_command("query_wallet_payments", after_seconds=0)
    assert snapshot(payment)[:3] == (Payment.State.PAID, 500000, OrderStatus.PAID)
    queried = [body for _, path, body in momo_stand_in.log if path == "/v2/gateway/api/query"]
    assert len(queried) == 2 and momo_stand_in.rejected == 0
    momo_stand_in.send_ipn(momo_stand_in.ipn(payment.order.number, trans_id=int(payment.provider_reference)))
    assert RefundDue.objects.count() == 0


def test_refunds_from_the_dashboard_reach_momo(momo_stand_in, momo_order, admin_client):  # noqa: F811
    payment, _ = momo_order
    momo_stand_in.buyer_pays(payment.order.number)
    url = reverse("payments_dashboard:order-admin", kwargs={"number": payment.order.number})
    assert 'id="refund-form"' in admin_client.get(url).content.decode()
    admin_client.post(url, {"action": "refund", "amount": 100000, "reason": "một hũ bị vỡ"})
    admin_client.post(url, {"action": "refund", "amount": 400000})
    payment.refresh_from_db()
    assert payment.state == Payment.State.REFUNDED and payment.order.status == OrderStatus.REFUNDED
    assert [refund["amount"] for refund in momo_stand_in.refunds] == [100000, 400000]
    assert Refund.objects.filter(payment=payment).count() == 2 and momo_stand_in.rejected == 0


def test_a_late_payment_is_refunded_from_the_staff_queue(momo_stand_in, momo_order, admin_client):  # noqa: F811
    payment, _ = momo_order
    expire_unpaid_orders(after=timedelta(seconds=-1))
    momo_stand_in.buyer_pays(payment.order.number)
    due = RefundDue.objects.get(payment=payment)
    admin_client.post(reverse("payments_dashboard:refund-due-settle", kwargs={"pk": due.pk}))
    due.refresh_from_db()
    assert due.settled and momo_stand_in.refunds[0]["amount"] == 500000


def test_our_signature_matches_the_documented_field_order():
    values = {"amount": 50000, "extraData": "", "ipnUrl": "https://shop.example/ipn", "orderId": "OC23456789",
              "orderInfo": "pay with MoMo", "partnerCode": "MOMO", "redirectUrl": "https://shop.example/back",
              "requestId": "OC23456789-1", "requestType": "captureWallet"}
    from django.test import override_settings

    with override_settings(MOMO_ACCESS_KEY="F8BBA842ECF85", MOMO_SECRET_KEY=SECRET_KEY):
        assert momo.sign(values, momo.CREATE_FIELDS) == momo_signature(values, "accessKey amount extraData ipnUrl "
                                                                       "orderId orderInfo partnerCode redirectUrl "
                                                                       "requestId requestType")


def test_without_keys_momo_is_not_offered(settings):
    from payments.registry import enabled_methods

    settings.PAYMENT_METHODS = ["vietqr", "momo", "zalopay"]
    settings.MOMO_PARTNER_CODE = settings.ZALOPAY_APP_ID = ""
    assert [method.code for method in enabled_methods(country_code="VN")] == ["vietqr"]

"""ZaloPay wallet payments against the ZaloPay stand-in over HTTP, and against ZaloPay's published
callback sample: the order, the callback (forged, repeated, late, wrong amount), the status query
when no callback comes, asynchronous refunds from the dashboard."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from orders.links import order_token
from orders.statuses import OrderStatus
from payments import zalopay
from payments.models import Payment, ProviderEvent, Refund, RefundDue, RefundUnderWay
from payments.services import expire_unpaid_orders
from tests.checkout_support import basket_with, place, stocked_product
from tests.payments.zalopay_server import APP_ID, KEY1, KEY2, zalopay_mac, zalopay_stand_in  # noqa: F401

pytestmark = pytest.mark.django_db

#: The callback sample published in ZaloPay's documentation ("Callback"), for its sandbox app 2553.
PUBLISHED_CALLBACK = {
    "data": (
        '{"app_id":2553,"app_trans_id":"200904_2553_1598435687208","app_time":1599189392817,"app_user":"demo",'
        '"amount":10000,"embed_data":"{\\"merchantinfo\\":\\"embeddata123\\",\\"promotioninfo\\":\\"\\"}",'
        '"item":"[{\\"itemid\\":\\"knb\\",\\"itemname\\":\\"kim nguyen bao\\",\\"itemprice\\":198400,'
        '\\"itemquantity\\":1}]","zp_trans_id":200904000000389,"server_time":1599189413498,"channel":38,'
        '"merchant_user_id":"7ZMSl3nEg5sOUJzOLSoUFT8xKNQVaLOLXHB--8Eytqc","user_fee_amount":0,"discount_amount":0}'
    ),
    "mac": "d8d33baf449b31d7f9b94fa50d7c942c08cd4d83f28fa185557da21acb104f67",
    "type": 1,
}


def answer(client, body) -> dict:
    response = client.post("/payments/zalopay/callback/", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def zalopay_order(zalopay_stand_in, client):  # noqa: F811
    order = place(basket_with((stocked_product(stock=5, price=250000), 2)), method="zalopay").order
    page = client.get(reverse("payments:order", kwargs={"token": order_token(order)}))
    assert page.status_code == 200
    payment = Payment.objects.select_related("order", "wallet_request").get(order=order)
    return payment, payment.wallet_request.wallet_order_id, page


def snapshot(payment):
    payment.refresh_from_db()
    payment.order.refresh_from_db()
    return payment.state, payment.amount_received, payment.order.status, RefundDue.objects.count()


def test_the_published_callback_sample_verifies_with_key2(settings):
    settings.ZALOPAY_APP_ID, settings.ZALOPAY_KEY1, settings.ZALOPAY_KEY2 = APP_ID, KEY1, KEY2
    result = zalopay.verified_callback(body=PUBLISHED_CALLBACK)
    assert (result.wallet_order_id, result.transaction_id, result.amount) == (
        "200904_2553_1598435687208", "200904000000389", 10000,
    )
    with pytest.raises(zalopay.SignatureMismatch):
        zalopay.verified_callback(body={**PUBLISHED_CALLBACK, "data": PUBLISHED_CALLBACK["data"].replace("10000", "1")})
    settings.ZALOPAY_KEY2 = KEY1
    with pytest.raises(zalopay.SignatureMismatch):
        zalopay.verified_callback(body=PUBLISHED_CALLBACK)


def test_the_order_is_made_with_a_valid_mac_and_the_page_links_to_zalopay(zalopay_stand_in, zalopay_order):  # noqa: F811
    payment, app_trans_id, page = zalopay_order
    assert zalopay_stand_in.rejected == 0
    sent = zalopay_stand_in.orders[app_trans_id]
    assert sent["amount"] == 500000 and app_trans_id.endswith("_" + payment.order.number)
    assert len(app_trans_id.split("_")[0]) == 6 and sent["callback_url"].endswith("/payments/zalopay/callback/")
    assert f'href="{zalopay_stand_in.url}/pay/{app_trans_id}"' in page.content.decode()


def test_the_callback_marks_the_order_paid_and_a_repeat_changes_nothing(zalopay_stand_in, zalopay_order, client):  # noqa: F811
    payment, app_trans_id, _ = zalopay_order
    zalopay_stand_in.deliver_callback = False
    callback = zalopay_stand_in.buyer_pays(app_trans_id)
    assert answer(client, callback)["return_code"] == 1
    paid = snapshot(payment)
    assert paid[:3] == (Payment.State.PAID, 500000, OrderStatus.PAID)
    assert answer(client, callback)["return_code"] == 2
    assert snapshot(payment) == paid
    status = client.get(reverse("payments:status", kwargs={"token": order_token(payment.order)})).json()
    assert status["paid"] is True


def test_a_forged_callback_is_refused_and_changes_nothing(zalopay_stand_in, zalopay_order, client):  # noqa: F811
    payment, app_trans_id, _ = zalopay_order
    before, events = snapshot(payment), ProviderEvent.objects.count()
    assert answer(client, zalopay_stand_in.callback(app_trans_id, key="not-key2"))["return_code"] == -1
    assert answer(client, zalopay_stand_in.callback(app_trans_id, key=KEY1))["return_code"] == -1
    assert answer(client, {"data": "not json", "mac": "00"})["return_code"] == -1
    assert snapshot(payment) == before and ProviderEvent.objects.count() == events


def test_a_wrong_amount_goes_to_the_staff_queue(zalopay_stand_in, zalopay_order, client):  # noqa: F811
    payment, app_trans_id, _ = zalopay_order
    assert answer(client, zalopay_stand_in.callback(app_trans_id, amount=499000))["return_code"] == 1
    payment.refresh_from_db()
    assert payment.state == Payment.State.PENDING and payment.order.status == OrderStatus.PENDING_PAYMENT
    assert RefundDue.objects.get(payment=payment).reason == RefundDue.Reason.MISMATCH


def test_money_after_expiry_goes_to_the_refund_queue(zalopay_stand_in, zalopay_order, client):  # noqa: F811
    payment, app_trans_id, _ = zalopay_order
    expire_unpaid_orders(after=timedelta(seconds=-1))
    assert answer(client, zalopay_stand_in.callback(app_trans_id))["return_code"] == 1
    payment.refresh_from_db()
    assert payment.order.status == OrderStatus.EXPIRED
    assert RefundDue.objects.get(payment=payment).reason == RefundDue.Reason.LATE


def test_the_order_expires_at_zalopay_with_the_shops_deadline(zalopay_stand_in, zalopay_order, settings):  # noqa: F811
    payment, app_trans_id, _ = zalopay_order
    seconds = int(zalopay_stand_in.orders[app_trans_id]["expire_duration_seconds"])
    assert settings.PAYMENT_EXPIRY_MINUTES * 60 - 60 <= seconds <= settings.PAYMENT_EXPIRY_MINUTES * 60


def test_the_status_query_settles_a_payment_whose_callback_never_came(zalopay_stand_in, zalopay_order):  # noqa: F811
    payment, app_trans_id, _ = zalopay_order
    zalopay_stand_in.deliver_callback = False
    call_command("query_wallet_payments", after_seconds=0)
    assert snapshot(payment)[0] == Payment.State.PENDING
    callback = zalopay_stand_in.buyer_pays(app_trans_id)
    call_command("query_wallet_payments", after_seconds=0)
    assert snapshot(payment)[:3] == (Payment.State.PAID, 500000, OrderStatus.PAID)
    assert zalopay_stand_in.rejected == 0
    zalopay_stand_in.deliver_callback = True
    zalopay_stand_in.send_callback(callback)
    assert RefundDue.objects.count() == 0


def test_the_buyer_returning_from_zalopay_prompts_a_status_query(zalopay_stand_in, zalopay_order, client):  # noqa: F811
    payment, app_trans_id, _ = zalopay_order
    zalopay_stand_in.deliver_callback = False
    zalopay_stand_in.buyer_pays(app_trans_id)
    url = reverse("payments:order", kwargs={"token": order_token(payment.order)})
    page = client.get(url, {"appid": APP_ID, "apptransid": app_trans_id, "status": 1})
    assert 'data-paid="true"' in page.content.decode()
    assert snapshot(payment)[0] == Payment.State.PAID


def test_refunds_from_the_dashboard_reach_zalopay(zalopay_stand_in, zalopay_order, admin_client):  # noqa: F811
    payment, app_trans_id, _ = zalopay_order
    zalopay_stand_in.buyer_pays(app_trans_id)
    url = reverse("payments_dashboard:order-admin", kwargs={"number": payment.order.number})
    admin_client.post(url, {"action": "refund", "amount": 200000, "reason": "thiếu hàng"})
    payment.refresh_from_db()
    assert payment.state == Payment.State.PARTIALLY_REFUNDED and payment.amount_refunded == 200000
    [(refund_id, refund)] = zalopay_stand_in.refunds.items()
    assert refund["state"] == "done" and refund["amount"] == 200000 and refund_id.split("_")[1] == APP_ID
    assert zalopay_stand_in.rejected == 0


@pytest.fixture
def slow_refund(zalopay_stand_in, zalopay_order, admin_client):  # noqa: F811
    """A paid ZaloPay order whose 200.000 ₫ refund ZaloPay still reports "processing" after the
    checks, and once more after them."""
    payment, app_trans_id, _ = zalopay_order
    zalopay_stand_in.buyer_pays(app_trans_id)
    zalopay_stand_in.refund_processing_checks = zalopay.REFUND_CHECKS + 1
    url = reverse("payments_dashboard:order-admin", kwargs={"number": payment.order.number})
    response = admin_client.post(url, {"action": "refund", "amount": 200000, "reason": "thiếu hàng"}, follow=True)
    return payment, url, response


def test_a_refund_still_processing_is_kept_on_the_order_and_in_the_staff_queue(
    zalopay_stand_in, slow_refund, admin_client  # noqa: F811
):
    payment, url, response = slow_refund
    assert "ZaloPay vẫn đang xử lý lệnh hoàn tiền" in response.content.decode()
    payment.refresh_from_db()
    assert payment.amount_refunded == 0 and payment.state == Payment.State.PAID
    [under_way] = RefundUnderWay.objects.filter(payment=payment)
    assert under_way.refund is None and under_way.amount == 200000
    assert under_way.wallet_refund_id in zalopay_stand_in.refunds
    assert payment.order.notes.filter(message__contains=under_way.wallet_refund_id).exists()
    queue = admin_client.get(reverse("payments_dashboard:transfers")).content.decode()
    assert f'data-refund-under-way="{payment.order.number}"' in queue
    assert 'id="refunds-under-way"' in admin_client.get(url).content.decode()


def test_money_on_its_way_back_cannot_be_refunded_twice(zalopay_stand_in, slow_refund, admin_client):  # noqa: F811
    payment, url, _ = slow_refund
    admin_client.post(url, {"action": "refund", "amount": 400000})
    assert len(zalopay_stand_in.refunds) == 1
    admin_client.post(url, {"action": "refund", "amount": 300000})
    assert len(zalopay_stand_in.refunds) == 2 and zalopay_stand_in.rejected == 0


def test_the_periodic_query_records_the_refund_once_zalopay_finishes_it(zalopay_stand_in, slow_refund):  # noqa: F811
    payment, _, _ = slow_refund
    call_command("query_wallet_payments", after_seconds=0)
    assert RefundUnderWay.objects.get(payment=payment).refund is None
    call_command("query_wallet_payments", after_seconds=0)
    under_way = RefundUnderWay.objects.get(payment=payment)
    payment.refresh_from_db()
    assert under_way.refund.amount == 200000
    assert payment.state == Payment.State.PARTIALLY_REFUNDED and payment.amount_refunded == 200000
    assert Refund.objects.filter(payment=payment).count() == 1
    call_command("query_wallet_payments", after_seconds=0)
    assert Refund.objects.filter(payment=payment).count() == 1


def test_a_refund_zalopay_refuses_in_the_end_is_noted_and_can_be_sent_again(
    zalopay_stand_in, slow_refund, admin_client  # noqa: F811
):
    payment, url, _ = slow_refund
    zalopay_stand_in.refund_processing_checks = 0
    zalopay_stand_in.refund_refused = True
    call_command("query_wallet_payments", after_seconds=0)
    under_way = RefundUnderWay.objects.get(payment=payment)
    assert under_way.refused and under_way.refund is None
    assert payment.order.notes.filter(message__contains="refused refund").exists()
    zalopay_stand_in.refund_refused = False
    admin_client.post(url, {"action": "refund", "amount": 500000})
    payment.refresh_from_db()
    assert payment.state == Payment.State.REFUNDED and payment.amount_refunded == 500000


def test_our_mac_is_the_documented_one(settings):
    settings.ZALOPAY_KEY1 = KEY1
    assert zalopay.mac(KEY1, APP_ID, "251201_OC1", "u", 1000, 1, "{}", "[]") == zalopay_mac(
        KEY1, APP_ID, "251201_OC1", "u", 1000, 1, "{}", "[]"
    )

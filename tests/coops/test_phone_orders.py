"""A buyer calls the co-op: staff place the order through the checkout's own path, send the
payment link by e-mail and for SMS/Zalo, and the bank's notification pays it."""

import json
import re
from urllib.parse import unquote, urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from checkout import addresses
from orders.links import order_from_token
from orders.statuses import OrderStatus
from tests.checkout_support import bank_notification, vietnam
from tests.factories import CoopFactory, ProducerFactory, ProductFactory
from tests.zalo_server import zalo_server  # noqa: F401  (fixture)
from zalo.models import ZaloChoice

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
KEY = "bank-test-key"
HANOI = addresses.province_code_by_name()["Thành phố Hà Nội"]
HOAN_KIEM = next(code for code, name in addresses.wards_of(HANOI) if name == "Phường Hoàn Kiếm")


@pytest.fixture(autouse=True)
def bank_key(settings):
    settings.BANK_WEBHOOK_KEY = KEY


@pytest.fixture
def shop(django_user_model):
    vietnam()
    coop, other = CoopFactory(name="HTX Chè An Khánh"), CoopFactory()
    clerk = django_user_model.objects.create_user("nv-htx", "nv@htx.vn", "mat-khau-htx", first_name="Hoa")
    coop.users.add(clerk)
    tea = ProductFactory(producer=ProducerFactory(coop=coop), title="Chè Tôm búp", is_public=True, categories=None)
    foreign = ProductFactory(producer=ProducerFactory(coop=other), title="Mật ong nơi khác", is_public=True,
                             categories=None)
    client = Client()
    client.force_login(clerk)
    return {"coop": coop, "clerk": clerk, "tea": tea, "foreign": foreign, "client": client}


def _order_form(shop, **overrides):
    page = shop["client"].get(reverse("coops:phone-order-new", kwargs={"slug": shop["coop"].slug}))
    shipping = page.context["form"].fields["shipping"].choices[0][0]
    data = {
        f"qty_{shop['tea'].pk}": "2",
        "first_name": "Lan", "last_name": "Nguyễn", "phone": "0912 345 678", "email": "lan@example.vn",
        "province": str(HANOI), "ward": str(HOAN_KIEM), "street": "12 Hàng Bông",
        "shipping": shipping, "language": "vi",
    }
    data.update(overrides)
    return data


def _place(shop, **overrides):
    url = reverse("coops:phone-order-new", kwargs={"slug": shop["coop"].slug})
    return shop["client"].post(url, _order_form(shop, **overrides))


def test_staff_place_a_phone_order_that_the_bank_notification_pays(shop, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _place(shop)
    assert response.status_code == 302, response.context["form"].errors
    order = Order.objects.get(placed_by=shop["clerk"])
    assert response["Location"] == reverse(
        "coops:phone-order", kwargs={"slug": shop["coop"].slug, "number": order.number}
    )
    # Placed through the checkout's path: pending payment, stock allocated, "order received" mailed.
    assert order.status == OrderStatus.PENDING_PAYMENT and order.payment.method == "vietqr"
    assert order.user is None and order.email == "lan@example.vn"
    assert order.shipping_address.phone_number.as_national.replace(" ", "") == "0912345678"
    assert order.shipping_address.line4 == "Phường Hoàn Kiếm"
    assert StockRecord.objects.get(product=shop["tea"]).num_allocated == 2
    assert [m.to for m in mail.outbox] == [["lan@example.vn"]]
    # Marked as placed by staff, on the order and in its history.
    assert order.placed_by == shop["clerk"]
    first = order.status_changes.order_by("pk").first()
    assert first.changed_by == shop["clerk"] and first.new_status == OrderStatus.PENDING_PAYMENT
    assert "HTX Chè An Khánh" in first.note

    page = shop["client"].get(response["Location"]).content.decode()
    link = re.search(r'data-payment-link value="([^"]+)"|value="([^"]+)"[^>]*data-payment-link', page)
    payment_url = next(group for group in link.groups() if group)
    assert "/payments/order/" in payment_url
    sms = re.search(r'href="(sms:[^"]+)"', page).group(1)
    assert sms.startswith("sms:+84912345678?body=") and payment_url in unquote(sms)
    assert order.payment.reference in unquote(sms)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = shop["client"].post(
            reverse("coops:phone-order-send-link", kwargs={"slug": shop["coop"].slug, "number": order.number}),
            {"email": "lan@example.vn"},
        )
    assert sent.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lan@example.vn"]
    assert order.number in mail.outbox[0].subject
    mailed = re.search(r"https?://\S+/payments/order/([^/\s]+)/", mail.outbox[0].body).group(1)
    assert order_from_token(mailed) == order  # the signed link names the order (its time stamp may differ)
    logged = order.communication_events.get(event_type__code="PAYMENT_LINK")
    assert logged.is_sent and logged.recipient == "lan@example.vn"
    assert "data-link-sent" in shop["client"].get(response["Location"]).content.decode()

    # The buyer opens the link and transfers the money; the bank's notification pays the order.
    assert Client().get(urlsplit(payment_url).path).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        paid = Client().post(
            "/payments/bank/webhook/", data=json.dumps(bank_notification(order)),
            content_type="application/json", HTTP_AUTHORIZATION=f"Apikey {KEY}",
        )
    assert paid.status_code == 200 and paid.json()["outcome"] == "matched"
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID and order.placed_by == shop["clerk"]


def test_without_an_email_the_link_is_for_sms_and_zalo(shop):
    assert _place(shop, email="").status_code == 302
    order = Order.objects.get(placed_by=shop["clerk"])
    url = reverse("coops:phone-order-send-link", kwargs={"slug": shop["coop"].slug, "number": order.number})
    page = shop["client"].get(reverse("coops:phone-order", kwargs={"slug": shop["coop"].slug, "number": order.number}))
    assert 'data-copy="sms-text"' in page.content.decode()
    assert shop["client"].post(url, {"email": ""}).status_code == 302
    assert not order.communication_events.filter(event_type__code="PAYMENT_LINK").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"qty_{tea}": "0"}, "Hãy chọn ít nhất một sản phẩm"),
        ({"qty_{tea}": "999"}, "Chè Tôm búp"),
        ({"phone": "12345"}, "số di động"),
        ({"ward": "1"}, "không thuộc tỉnh đã chọn"),
        ({"province": "", "ward": ""}, "Chọn tỉnh hoặc thành phố"),
        ({"ward": ""}, "Chọn xã hoặc phường"),
        ({"shipping": "no-such-method"}, "lựa chọn hợp lệ"),
    ],
)
def test_bad_orders_are_refused_with_a_plain_message_and_nothing_placed(shop, overrides, message):
    data = {key.replace("{tea}", str(shop["tea"].pk)): value for key, value in overrides.items()}
    response = _place(shop, **data)
    assert response.status_code == 400
    assert message.lower() in response.content.decode().lower()
    assert not Order.objects.filter(placed_by=shop["clerk"]).exists()


def test_another_coops_product_cannot_be_ordered_and_other_coops_get_404(shop, django_user_model):
    response = _place(shop, **{f"qty_{shop['foreign'].pk}": "1"})
    assert response.status_code == 302  # the foreign field is not part of the form: only the tea is ordered
    order = Order.objects.get(placed_by=shop["clerk"])
    assert [line.product for line in order.lines.all()] == [shop["tea"]]
    stranger = django_user_model.objects.create_user("nv-khac", "nv@khac.vn", "mat-khau-khac")
    CoopFactory().users.add(stranger)
    other = Client()
    other.force_login(stranger)
    slug = shop["coop"].slug
    for url in (
        reverse("coops:phone-order-new", kwargs={"slug": slug}),
        reverse("coops:phone-order", kwargs={"slug": slug, "number": order.number}),
    ):
        assert other.get(url).status_code == 404
    send = reverse("coops:phone-order-send-link", kwargs={"slug": slug, "number": order.number})
    assert other.post(send, {"email": "x@example.vn"}).status_code == 404


@pytest.mark.parametrize(("ticked", "on_zalo"), [({"zalo_updates": "on"}, True), ({}, False)])
def test_with_zalo_set_up_staff_record_the_buyers_yes_or_no_to_zalo_messages(
    shop, zalo_server, ticked, on_zalo  # noqa: F811
):
    page = shop["client"].get(reverse("coops:phone-order-new", kwargs={"slug": shop["coop"].slug}))
    assert 'name="zalo_updates"' in page.content.decode() and not page.context["form"]["zalo_updates"].value()
    assert _place(shop, **ticked).status_code == 302
    order = Order.objects.get(placed_by=shop["clerk"])
    assert order.zalo_choice.on_zalo is on_zalo and ZaloChoice.wants_zalo(order) is on_zalo


def test_without_zalo_the_phone_order_form_does_not_ask(shop, settings):
    settings.ZALO_APP_ID = ""
    page = shop["client"].get(reverse("coops:phone-order-new", kwargs={"slug": shop["coop"].slug}))
    assert 'name="zalo_updates"' not in page.content.decode()
    assert _place(shop, zalo_updates="on").status_code == 302
    assert not ZaloChoice.objects.filter(order__placed_by=shop["clerk"]).exists()

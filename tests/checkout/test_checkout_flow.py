"""A guest walks through Oscar's checkout: Vietnamese address, shipping rate, payment method, order page."""

import re
from html import unescape

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from orders.links import order_from_token
from orders.statuses import OrderStatus
from payments import vietqr
from payments.models import Payment
from tests.checkout_support import stocked_product

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")

HANOI, HOAN_KIEM = 1, 70
THAI_NGUYEN, AN_KHANH = 19, 5809


def address(**overrides):
    data = {
        "first_name": "Lan", "last_name": "Nguyễn", "country": "VN", "province": HANOI, "ward": HOAN_KIEM,
        "line1": "12 Hàng Bông", "phone_number": "0912 345 678", "notes": "Gọi trước khi giao",
        "accepts_privacy": "on",
    }
    data.update(overrides)
    return data


def start_checkout(client, *products):
    for product, quantity in products:
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})
    client.post(reverse("checkout:index"), {"username": "lan@example.com", "options": "anonymous"})


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"phone_number": "0212345678"}, "phone_number"),
        ({"phone_number": "091234567"}, "phone_number"),
        ({"ward": AN_KHANH}, "ward"),
        ({"province": ""}, "province"),
        ({"ward": ""}, "ward"),
        ({"accepts_privacy": ""}, "accepts_privacy"),
    ],
)
def test_bad_vietnamese_addresses_are_shown_again_with_errors(client, demo_world, overrides, field):
    start_checkout(client, (stocked_product(stock=3), 1))
    response = client.post(reverse("checkout:shipping-address"), address(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors


@pytest.mark.parametrize("phone", ["0912345678", "+84912345678", "+84 38 123 4567"])
def test_vietnamese_mobiles_are_accepted(client, demo_world, phone):
    start_checkout(client, (stocked_product(stock=3), 1))
    response = client.post(reverse("checkout:shipping-address"), address(phone_number=phone))
    assert response.status_code == 302


def test_wards_of_a_province_are_served_for_the_address_form(client):
    data = client.get(reverse("checkout:wards", kwargs={"province": THAI_NGUYEN})).json()
    assert [AN_KHANH, "Xã An Khánh"] in data["wards"]


def test_guest_checkout_to_the_vietqr_page(client, demo_world):
    tea, honey = stocked_product(stock=3, price=250000), stocked_product(stock=3, price=180000)
    start_checkout(client, (tea, 1), (honey, 1))
    assert client.post(reverse("checkout:shipping-address"), address()).status_code == 302
    methods = client.get(reverse("checkout:shipping-method"))
    codes = [m.code for m in methods.context["methods"]]
    assert "domestic-north" in codes and "international" not in codes
    client.post(reverse("checkout:shipping-method"), {"method_code": "domestic-north"})
    choices = client.get(reverse("checkout:payment-method"))
    assert [code for code, _ in choices.context["form"].fields["method"].choices] == ["vietqr", "stripe"]
    preview = client.post(reverse("checkout:payment-method"), {"method": "vietqr"}, follow=True)
    assert "Chuyển khoản" in preview.content.decode() or "VietQR" in preview.content.decode()
    placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert placed.status_code == 302 and "/payments/order/" in placed["Location"]

    order = Order.objects.get()
    assert order.status == OrderStatus.PENDING_PAYMENT and order.guest_email == "lan@example.com"
    assert order.shipping_address.state == "Thành phố Hà Nội"
    assert order.shipping_address.line4 == "Phường Hoàn Kiếm"
    # 430.000 ₫ of goods, under the 500.000 ₫ threshold: north rate for 2 × 0.5 kg
    assert int(order.shipping_incl_tax) == 25000 and int(order.total_incl_tax) == 455000

    page = client.get(placed["Location"])
    html = page.content.decode()
    payload = unescape(re.search(r'id="vietqr-payload"[^>]*>([^<]+)<', html).group(1))
    qr = vietqr.verify_payload(payload, amount=455000, memo=order.number)
    assert qr.account in html and "<svg" in html
    # placing again (a double click) makes no second order
    again = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert again.status_code == 302
    assert order_from_token(again["Location"].rstrip("/").split("/")[-1]).pk == order.pk
    assert Order.objects.count() == 1


def test_free_shipping_above_the_threshold(client, demo_world):
    start_checkout(client, (stocked_product(stock=3, price=300000), 2))
    client.post(reverse("checkout:shipping-address"), address())
    client.post(reverse("checkout:shipping-method"), {"method_code": "domestic-north"})
    client.post(reverse("checkout:payment-method"), {"method": "vietqr"})
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get()
    assert int(order.shipping_incl_tax) == 0 and order.payment.amount == 600000


def test_international_buyers_see_only_the_card_and_international_shipping(client, demo_world):
    start_checkout(client, (stocked_product(stock=3), 1))
    abroad = {"first_name": "Anna", "last_name": "Schmidt", "country": "DE", "line1": "Hauptstraße 5",
              "line4": "Berlin", "postcode": "10115", "phone_number": "+49 30 1234567",
              "accepts_privacy": "on"}
    assert client.post(reverse("checkout:shipping-address"), abroad).status_code == 302
    only_one = client.get(reverse("checkout:shipping-method"))
    assert only_one.status_code == 302 and only_one["Location"].endswith(reverse("checkout:payment-method"))
    choices = client.get(reverse("checkout:payment-method"))
    assert [code for code, _ in choices.context["form"].fields["method"].choices] == ["stripe"]
    assert client.post(reverse("checkout:payment-method"), {"method": "vietqr"}).status_code == 200
    client.post(reverse("checkout:payment-method"), {"method": "stripe"})
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get()
    assert order.shipping_code == "international" and int(order.shipping_incl_tax) == 450000
    assert order.payment.method == "stripe" and order.payment.amount == 700000


def test_an_order_page_needs_its_signed_link(client, demo_world):
    assert client.get("/payments/order/OC12345678/").status_code == 404
    assert client.get("/payments/order/forged-token/status.json").status_code == 404


def test_order_page_queries_do_not_grow_with_lines(client, demo_world, query_budget):
    from orders.links import order_token
    from tests.checkout_support import basket_with, place

    products = [stocked_product(stock=5) for _ in range(4)]
    order = place(basket_with((products[0], 1))).order
    big = place(basket_with(*[(p, 1) for p in products])).order
    url_small = reverse("payments:order", kwargs={"token": order_token(order)})
    url_big = reverse("payments:order", kwargs={"token": order_token(big)})
    client.get(url_small)
    small_count, _ = query_budget.count(lambda: client.get(url_small))
    client.get(url_big)
    big_count, response = query_budget.count(lambda: client.get(url_big))
    assert response.status_code == 200 and big_count == small_count
    assert Payment.objects.count() == 2


def test_staff_edit_province_rates_and_free_threshold_in_the_dashboard(admin_client, demo_world):
    from shipping.models import WeightBased

    method = WeightBased.objects.get(code="domestic-north")
    url = reverse("dashboard:shipping-method-edit", kwargs={"pk": method.pk})
    form = admin_client.get(url).content.decode()
    assert 'name="province_codes"' in form and 'name="free_shipping_threshold"' in form
    response = admin_client.post(url, {"name": method.name, "default_weight": "0.5", "province_codes": "19",
                                       "free_shipping_threshold": "300000", "countries": ["VN"]})
    assert response.status_code == 302
    method.refresh_from_db()
    assert method.province_codes == "19" and int(method.free_shipping_threshold) == 300000


def test_the_address_step_shows_the_policies_and_asks_for_privacy_consent(client, demo_world):
    start_checkout(client, (stocked_product(stock=3), 1))
    html = client.get(reverse("checkout:shipping-address")).content.decode()
    policies = html[html.index("data-checkout-policies"): html.index("</aside>")]
    for slug in ("giao-hang", "doi-tra", "thanh-toan", "quyen-rieng-tu"):
        assert f'href="/{slug}/"' in policies
    assert 'name="accepts_privacy"' in html
    refused = client.post(reverse("checkout:shipping-address"), address(accepts_privacy=""))
    assert "Hãy đồng ý với chính sách quyền riêng tư" in refused.content.decode()

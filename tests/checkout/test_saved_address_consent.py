"""A buyer saving an address, in the account or by checking out, agrees to the shop keeping it;
the consent is kept with it."""

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from tests.checkout_support import stocked_product

pytestmark = pytest.mark.django_db
UserAddress = get_model("address", "UserAddress")

ADDRESS = {"first_name": "Lan", "last_name": "Nguyễn", "line1": "12 Hàng Bông", "province": 1, "ward": 70,
           "country": "VN", "phone_number": "0912345678"}


def test_the_address_form_asks_for_consent_and_saves_nothing_without_it(client, buyer):
    assert 'name="accepts_privacy"' in client.get("/shop/accounts/addresses/add/").content.decode()
    response = client.post("/shop/accounts/addresses/add/", ADDRESS)
    assert response.status_code == 200
    assert "Vui lòng đồng ý với chính sách quyền riêng tư" in response.content.decode()
    assert not UserAddress.objects.filter(user=buyer).exists()


def test_a_saved_address_records_when_the_buyer_agreed(client, buyer):
    before = timezone.now()
    response = client.post("/shop/accounts/addresses/add/", ADDRESS | {"accepts_privacy": "on"})
    assert response.status_code == 302
    address = UserAddress.objects.get(user=buyer)
    assert address.line1 == "12 Hàng Bông"
    assert before <= address.privacy_consent_at <= timezone.now()


def test_english_buyers_read_the_consent_in_english(client, buyer):
    html = client.get("/en/shop/accounts/addresses/add/").content.decode()
    assert "I agree that the shop keeps this address" in html


def _check_out(client, data):
    """The signed-in buyer buys one jar through the checkout's own steps, typing ``data`` as the address."""
    client.post(reverse("basket:add", kwargs={"pk": stocked_product(stock=3).pk}), {"quantity": 1})
    assert client.post(reverse("checkout:shipping-address"), data).status_code == 302
    client.post(reverse("checkout:shipping-method"), {"method_code": "domestic-north"})
    client.post(reverse("checkout:payment-method"), {"method": "vietqr"})
    placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert placed.status_code == 302 and "/payments/order/" in placed["Location"]


CHECKOUT_ADDRESS = ADDRESS | {"accepts_privacy": "on"}


def test_an_address_saved_at_checkout_records_when_the_buyer_agreed(client, demo_world, buyer):
    before = timezone.now()
    _check_out(client, CHECKOUT_ADDRESS)
    address = UserAddress.objects.get(user=buyer)
    assert (address.line1, address.line4, address.num_orders_as_shipping_address) == (
        "12 Hàng Bông", "Phường Hoàn Kiếm", 1)
    assert before <= address.privacy_consent_at <= timezone.now()


def test_an_address_chosen_from_the_book_keeps_its_own_consent(client, demo_world, buyer):
    _check_out(client, CHECKOUT_ADDRESS)
    saved = UserAddress.objects.get(user=buyer)
    client.post(reverse("basket:add", kwargs={"pk": stocked_product(stock=3).pk}), {"quantity": 1})
    client.post(reverse("checkout:shipping-address"), {"address_id": saved.pk, "action": "ship_to"})
    client.post(reverse("checkout:shipping-method"), {"method_code": "domestic-north"})
    client.post(reverse("checkout:payment-method"), {"method": "vietqr"})
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    again = UserAddress.objects.get(user=buyer)
    assert again.num_orders_as_shipping_address == 2 and again.privacy_consent_at == saved.privacy_consent_at

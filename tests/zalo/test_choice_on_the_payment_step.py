"""A signed-in buyer who ships to a saved address never sees the address form that asks about
Zalo: the payment step asks instead (only when the shop sends on Zalo, unticked), and the answer
is the order's Zalo choice; a buyer already asked on the address form is not asked twice."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.checkout.test_checkout_flow import address
from tests.checkout_support import stocked_product, vietnam
from tests.zalo_server import zalo_server  # noqa: F401  (fixture)
from zalo.models import ZaloChoice

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")
UserAddress = get_model("address", "UserAddress")


@pytest.fixture
def saved_address_buyer(client, django_user_model):
    user = django_user_model.objects.create_user(username="lan", email="lan@example.com", password="pw")
    saved = UserAddress.objects.create(
        user=user, first_name="Lan", last_name="Nguyễn", line1="12 Hàng Bông", line4="Phường Hoàn Kiếm",
        state="Thành phố Hà Nội", country=vietnam(), phone_number="+84912345678",
    )
    client.force_login(user)
    client.post(reverse("basket:add", kwargs={"pk": stocked_product(stock=3).pk}), {"quantity": 1})
    chosen = client.post(reverse("checkout:shipping-address"), {"action": "ship_to", "address_id": saved.pk})
    assert chosen.status_code == 302
    client.post(reverse("checkout:shipping-method"), {"method_code": "domestic-north"})
    return user


def place(client, **payment_step) -> Order:
    client.post(reverse("checkout:payment-method"), {"method": "vietqr", **payment_step})
    placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert placed.status_code == 302
    return Order.objects.get(pk=client.session["checkout_order_id"])


@pytest.mark.parametrize(("ticked", "on_zalo"), [({"zalo_updates": "on"}, True), ({}, False)])
def test_the_payment_step_asks_a_saved_address_buyer_and_records_the_answer(
    client, demo_world, zalo_server, saved_address_buyer, ticked, on_zalo  # noqa: F811
):
    page = client.get(reverse("checkout:payment-method"))
    assert 'id="zalo-choice"' in page.content.decode()
    box = page.context["form"]["zalo_updates"]
    assert 'type="checkbox"' in str(box) and not box.value()
    order = place(client, **ticked)
    assert order.user == saved_address_buyer and order.zalo_choice.on_zalo is on_zalo


def test_without_zalo_settings_the_payment_step_does_not_ask(client, demo_world, settings, saved_address_buyer):
    settings.ZALO_APP_ID = ""
    assert 'name="zalo_updates"' not in client.get(reverse("checkout:payment-method")).content.decode()
    assert not ZaloChoice.objects.filter(order=place(client, zalo_updates="on")).exists()


def test_a_buyer_asked_on_the_address_form_is_not_asked_again(client, demo_world, zalo_server):  # noqa: F811
    client.post(reverse("basket:add", kwargs={"pk": stocked_product(stock=3).pk}), {"quantity": 1})
    client.post(reverse("checkout:index"), {"username": "lan@example.com", "options": "anonymous"})
    client.post(reverse("checkout:shipping-address"), address(zalo_updates="on"))
    client.post(reverse("checkout:shipping-method"), {"method_code": "domestic-north"})
    assert 'name="zalo_updates"' not in client.get(reverse("checkout:payment-method")).content.decode()
    assert place(client).zalo_choice.on_zalo is True

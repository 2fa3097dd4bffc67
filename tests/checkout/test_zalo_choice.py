"""The buyer says at checkout whether order messages go to their phone on Zalo: asked only when
the shop sends on Zalo, unticked unless they tick it, and honoured from "order placed" on; the
order page can still turn it either way."""

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from orders.links import order_token
from tests.checkout.test_checkout_flow import address, start_checkout
from tests.checkout_support import pay_by_bank, stocked_product
from tests.zalo_server import zalo_server  # noqa: F401  (fixture)
from zalo.models import ZaloChoice, ZnsTemplate

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")


@pytest.fixture
def zns_templates():
    for number, event in enumerate(ZnsTemplate.Event.values, start=1):
        ZnsTemplate.objects.create(event=event, template_id=f"30{number}", parameters={"code": "order_number"})


def check_out(client, **overrides):
    start_checkout(client, (stocked_product(stock=3), 1))
    assert client.post(reverse("checkout:shipping-address"), address(**overrides)).status_code == 302
    client.post(reverse("checkout:shipping-method"), {"method_code": "domestic-north"})
    client.post(reverse("checkout:payment-method"), {"method": "vietqr"})
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    return Order.objects.get()


def buyer_mail() -> list:
    return [message for message in mail.outbox if message.to == ["lan@example.com"]]


def test_the_zalo_box_is_shown_unticked_when_the_shop_sends_on_zalo(client, demo_world, zalo_server):  # noqa: F811
    start_checkout(client, (stocked_product(stock=3), 1))
    form = client.get(reverse("checkout:shipping-address")).context["form"]
    assert "zalo_updates" in form.fields
    html = str(form["zalo_updates"])
    assert 'type="checkbox"' in html and "checked" not in html


def test_without_zalo_settings_the_box_is_not_shown(client, demo_world, settings):
    settings.ZALO_APP_ID = ""
    start_checkout(client, (stocked_product(stock=3), 1))
    response = client.get(reverse("checkout:shipping-address"))
    assert "zalo_updates" not in response.context["form"].fields
    assert 'name="zalo_updates"' not in response.content.decode()


def test_left_unticked_the_placed_message_goes_by_email_and_none_to_zalo(
    client, demo_world, zalo_server, zns_templates, django_capture_on_commit_callbacks  # noqa: F811
):
    with django_capture_on_commit_callbacks(execute=True):
        order = check_out(client)
    assert zalo_server.messages == [] and not order.zns_messages.exists()
    (placed,) = buyer_mail()
    assert order.number in placed.subject + placed.body
    assert not ZaloChoice.wants_zalo(order)


def test_ticked_every_message_goes_to_zalo_from_order_placed_on(
    client, demo_world, zalo_server, zns_templates, django_capture_on_commit_callbacks  # noqa: F811
):
    with django_capture_on_commit_callbacks(execute=True):
        order = check_out(client, zalo_updates="on")
    with django_capture_on_commit_callbacks(execute=True):
        pay_by_bank(order)
    to_buyer = [m for m in zalo_server.messages if m["phone"] == "84912345678"]
    assert [m["template_id"] for m in to_buyer] == ["301", "302"]  # placed, paid
    assert all(m["template_data"]["code"] == order.number for m in to_buyer)
    assert buyer_mail() == []
    assert order.zalo_choice.on_zalo


def test_the_order_page_turns_zalo_on_and_off_again(
    client, demo_world, zalo_server, zns_templates, django_capture_on_commit_callbacks  # noqa: F811
):
    with django_capture_on_commit_callbacks(execute=True):
        order = check_out(client)
    page = reverse("payments:order", kwargs={"token": order_token(order)})
    choice = reverse("zalo:order-choice", args=[order_token(order)])
    assert 'name="zalo" value="on"' in client.get(page).content.decode()
    client.post(choice, {"zalo": "on"})
    assert 'name="zalo" value="off"' in client.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        pay_by_bank(order)
    assert [m["template_id"] for m in zalo_server.messages if m["phone"] == "84912345678"] == ["302"]
    client.post(choice, {"zalo": "off"})
    assert 'name="zalo" value="on"' in client.get(page).content.decode()
    assert ZaloChoice.objects.get(order=order).on_zalo is False

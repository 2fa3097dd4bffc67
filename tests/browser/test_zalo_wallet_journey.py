"""A buyer on a 390×844 phone, the way the commune's buyers reach the shop: shares a product into
Zalo (the plugin is fetched only on the press; the copy-link fallback works offline), opens
"Chat on Zalo", ticks "Get order updates on Zalo" on the address step, pays with MoMo through
its stand-in, and sees the order paid; the shop's Zalo "placed" and "paid" messages reach the
buyer's phone and Zalo's signed delivery report marks it delivered on the order's dashboard page."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation
from oscar.core.loading import get_model
from playwright.sync_api import expect

from cms.models import SellerIdentity
from orders.statuses import OrderStatus
from tests.browser.test_cashless_checkout import buy, fill_vietnamese_address
from tests.browser.test_zalo_share import FAKE_SDK, SHOP_OA
from tests.payments.momo_server import MoMoStandIn, momo_settings
from tests.zalo_server import zalo_server  # noqa: F401  (fixture)
from zalo.models import ZnsMessage, ZnsTemplate

pytestmark = pytest.mark.browser
Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")

PARAMETERS = {"customer_name": "customer_name", "order_code": "order_number", "status": "status_label",
              "total": "order_total"}


def _share_and_chat(page, live_server, product):
    plugin_requests = []

    def zalo_plugin(route):
        plugin_requests.append(route.request.url)
        route.fulfill(status=200, content_type="application/javascript", body=FAKE_SDK)

    page.route("https://sp.zalo.me/**", zalo_plugin)
    with translation.override("vi"):
        path = product.get_absolute_url()
    page.goto(path)
    page.wait_for_load_state("networkidle")
    assert plugin_requests == []
    share = page.locator("[data-zalo-share]")
    share.locator("[data-zalo-share-open]").click()
    expect(share.locator(".zalo-share-button")).to_have_attribute("data-rendered", "zalo")
    assert plugin_requests == ["https://sp.zalo.me/plugins/sdk.js"]

    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.context.set_offline(True)
    share.locator("[data-copy-link]").click()
    expect(share).to_have_attribute("data-copied", "yes")
    assert page.evaluate("navigator.clipboard.readText()") == f"{live_server.url}{path}"
    page.context.set_offline(False)

    chat = page.locator("[data-zalo-chat] [data-zalo-chat-producer]")
    expect(chat).to_have_attribute("href", f"https://zalo.me/{product.producer.zalo_oa_id}")


def test_a_buyer_shares_chats_pays_with_momo_and_gets_the_paid_message_on_zalo(
    phone_page, live_server, demo_world, settings, zalo_server, screenshot  # noqa: F811
):
    identity = SellerIdentity.load()
    identity.zalo_oa_id = SHOP_OA
    identity.save()
    for event in ZnsTemplate.Event.values:
        ZnsTemplate.objects.create(event=event, template_id=f"tpl-{event}", parameters=PARAMETERS)
    product = Product.objects.filter(stockrecords__num_in_stock__gte=3).order_by("pk").first()
    product.producer.zalo_oa_id = "4318181818181818181"
    product.producer.save()
    momo = MoMoStandIn()
    try:
        momo_settings(settings, momo)
        settings.SITE_URL = live_server.url
        page = phone_page
        _share_and_chat(page, live_server, product)

        buy(page, [product], email="hoa.zalo@example.com")
        fill_vietnamese_address(page, zalo_updates=True)
        page.locator("form:has(input[value='domestic-north']) button[type=submit]").click()
        page.check("input[value='momo']")
        page.click("#choose-payment")
        page.click("#place-order")
        page.click("#wallet-pay")
        page.click("#momo-confirm")
        expect(page.locator("#paid-message")).to_be_visible(timeout=20_000)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, "zalo-momo-paid-phone")

        order = Order.objects.get(guest_email="hoa.zalo@example.com")
        assert order.status == OrderStatus.PAID
        paid = order.zns_messages.get(event="paid")
        assert paid.status == ZnsMessage.Status.SENT and paid.phone == "84912345678"
        to_buyer = [m["template_id"] for m in zalo_server.messages if m["phone"] == "84912345678"]
        assert to_buyer == ["tpl-placed", "tpl-paid"]
        assert "tpl-coop_paid" in [m["template_id"] for m in zalo_server.messages if m["phone"] != "84912345678"]
        assert zalo_server.post_delivery(f"{live_server.url}/zalo/webhook/", paid.tracking_id) == 200
        paid.refresh_from_db()
        assert paid.status == ZnsMessage.Status.DELIVERED

        staff = get_user_model().objects.create_superuser("nv-htx", "nv@example.vn", "mat-khau-2026")
        client = Client()
        client.force_login(staff)
        session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": session,
                                   "url": live_server.url}])
        page.goto(f"/dashboard/orders/{order.number}/")
        row = page.locator("#order-zns-messages tr[data-zns='paid']")
        expect(row).to_have_attribute("data-zns-status", "delivered")
        assert momo.rejected == 0
    finally:
        momo.stop()

"""On a phone (390×844), a buyer checks out, chooses MoMo, is sent to the MoMo stand-in's pay page,
pays there, comes back and sees the order paid — settled by the stand-in's signed IPN to the shop."""

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from orders.statuses import OrderStatus
from tests.browser.test_cashless_checkout import buy, fill_vietnamese_address
from tests.payments.momo_server import MoMoStandIn, momo_settings

pytestmark = pytest.mark.browser
Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")


def test_a_buyer_pays_with_momo_on_a_phone(phone_page, live_server, demo_world, settings, screenshot):
    momo = MoMoStandIn()
    try:
        momo_settings(settings, momo)
        settings.SITE_URL = live_server.url
        page = phone_page
        product = Product.objects.filter(stockrecords__num_in_stock__gte=3).order_by("pk").first()
        buy(page, [product], email="mai.momo@example.com")
        fill_vietnamese_address(page)
        page.locator("form:has(input[value='domestic-north']) button[type=submit]").click()
        page.check("input[value='momo']")
        page.click("#choose-payment")
        page.click("#place-order")

        expect(page.locator("#wallet-pay")).to_be_visible()
        expect(page.locator("#wallet-qr svg")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, "momo-pending-phone")
        page.click("#wallet-pay")
        expect(page.locator("#momo-confirm")).to_be_visible()
        order = Order.objects.get(guest_email="mai.momo@example.com")
        expect(page.locator("#momo-amount")).to_have_text(str(int(order.total_incl_tax)))
        page.click("#momo-confirm")

        expect(page.locator("#paid-message")).to_be_visible(timeout=20_000)
        expect(page.locator("#payment-state")).to_have_attribute("data-paid", "true")
        expect(page.locator("#wallet-payment")).to_have_count(0)
        order.refresh_from_db()
        assert order.status == OrderStatus.PAID
        assert order.payment.provider_reference == str(momo.requests[order.number]["transId"])
        assert momo.rejected == 0
        screenshot(page, "momo-paid-phone")
    finally:
        momo.stop()

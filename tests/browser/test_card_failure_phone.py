"""On a phone (390 px), a buyer whose card cannot go through reads a plain message in their
language, can try again, and switches the placed order to VietQR on the same page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from orders.links import order_token
from payments.models import Payment
from tests.checkout_support import basket_with, place, stocked_product

pytestmark = pytest.mark.browser


def test_a_card_that_cannot_go_through_leaves_a_plain_message_and_a_switch_to_vietqr(
    phone_page, live_server, settings, screenshot
):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there: the card service is unreachable
    order = place(basket_with((stocked_product(stock=3), 1)), method="stripe").order
    page = phone_page
    page.route(settings.STRIPE_JS_URL, lambda route: route.fulfill(content_type="text/javascript", body=""))
    page.goto(reverse("payments:order", kwargs={"token": order_token(order)}))
    message = page.locator("#card-error-initial")
    expect(message).to_be_visible()
    text = message.inner_text()
    assert "thử lại" in text and "127.0.0.1" not in text and "http" not in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "card-unreachable-phone")

    page.locator("#switch-to-vietqr button").click()
    expect(page.locator("#vietqr")).to_be_visible()
    expect(page.locator("#bank-memo")).to_have_text(order.number)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert Payment.objects.get(order=order).method == Payment.Method.VIETQR
    screenshot(page, "card-switched-to-vietqr-phone")

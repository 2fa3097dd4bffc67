"""Two buyers in a real Chromium: a guest pays two products by VietQR and sees "paid" arrive without
a reload when the bank's notification comes; another pays by card against localstripe and sees the
confirmation, settled by localstripe's own signed webhook to our server.

Stripe.js is the one piece replaced: a small stand-in (served by Playwright at the script's address)
draws the card fields and creates the PaymentMethod at localstripe, as Stripe.js does at Stripe.
"""

import json
import urllib.request

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from orders.statuses import OrderStatus
from payments import vietqr
from tests.payments.localstripe_server import localstripe, localstripe_server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser
Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")
BANK_KEY = "browser-bank-key"
STRIPE_SECRET = "whsec_browser"

STRIPE_JS_STAND_IN = """
window.Stripe = function (publishableKey) {
  return {
    elements: function () {
      return { create: function () { return { mount: function (selector) {
        document.querySelector(selector).innerHTML =
          '<input id="card-number" placeholder="4242 4242 4242 4242" autocomplete="cc-number">';
      } }; } };
    },
    createPaymentMethod: function () {
      var number = document.getElementById("card-number").value;
      var body = new URLSearchParams({"type": "card", "card[number]": number, "card[exp_month]": "12",
        "card[exp_year]": "2031", "card[cvc]": "123", "key": publishableKey});
      return fetch("%(base)s/v1/payment_methods", {method: "POST", body: body})
        .then(function (r) { return r.json(); })
        .then(function (pm) { return pm.error ? {error: pm.error} : {paymentMethod: pm}; });
    },
    handleCardAction: function () { return Promise.resolve({}); }
  };
};
"""


def buy(page, products, *, email):
    for product in products:
        page.goto(product.get_absolute_url())
        page.locator("#add_to_basket_form button[type=submit]").click()
        page.wait_for_load_state()
    page.goto("/shop/checkout/")
    page.fill("#id_username", email)
    page.locator("form.card button[type=submit]").first.click()


def fill_vietnamese_address(page, *, zalo_updates: bool = False):
    """Fill and send the address step; ``zalo_updates`` ticks "Get order updates on Zalo"."""
    page.select_option("#id_country", "VN")
    page.fill("#id_first_name", "Lan")
    page.fill("#id_last_name", "Nguyễn")
    page.select_option("#id_province", "1")
    expect(page.locator("#id_ward option[value='70']")).to_have_count(1)
    page.select_option("#id_ward", "70")
    page.fill("#id_line1", "12 Hàng Bông")
    page.fill("#id_phone_number", "0912345678")
    page.check("#id_accepts_privacy")
    if zalo_updates:
        expect(page.locator("#id_zalo_updates")).not_to_be_checked()
        page.check("#id_zalo_updates")
    page.locator("#new_shipping_address button[type=submit]").click()


def post_json(url, body, headers):
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", **headers},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def guest_pays_two_products_by_vietqr(page, *, live_server, settings, screenshot):
    settings.BANK_WEBHOOK_KEY = BANK_KEY
    products = list(Product.objects.filter(stockrecords__num_in_stock__gte=3).order_by("pk")[:2])
    buy(page, products, email="lan.guest@example.com")
    fill_vietnamese_address(page)
    page.locator("form:has(input[value='domestic-north']) button[type=submit]").click()
    page.check("input[value='vietqr']")
    page.click("#choose-payment")
    page.click("#place-order")

    expect(page.locator("#vietqr svg")).to_be_visible()
    order = Order.objects.get(guest_email="lan.guest@example.com")
    payload = page.locator("#vietqr-payload").input_value()
    qr = vietqr.verify_payload(payload, amount=int(order.total_incl_tax), memo=order.number)
    expect(page.locator("#bank-memo")).to_have_text(order.number)
    expect(page.locator("#bank-account")).to_have_text(qr.account)
    screenshot(page, "vietqr-pending")

    outcome = post_json(
        f"{live_server.url}/payments/bank/webhook/",
        {
            "id": 77001,
            "gateway": "Vietcombank",
            "transactionDate": "2026-11-28 10:00:00",
            "accountNumber": qr.account,
            "content": f"{order.number} chuyen khoan",
            "transferType": "in",
            "transferAmount": qr.amount,
            "referenceCode": "FT77001",
        },
        {"Authorization": f"Apikey {BANK_KEY}"},
    )
    assert outcome["outcome"] == "matched"
    expect(page.locator("#paid-message")).to_be_visible(timeout=20_000)
    expect(page.locator("#payment-state")).to_have_attribute("data-paid", "true")
    expect(page.locator("#vietqr")).to_be_hidden()
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    screenshot(page, "vietqr-paid")


def buyer_pays_by_card(page, *, live_server, settings, localstripe, screenshot):  # noqa: F811
    settings.STRIPE_WEBHOOK_SECRET = STRIPE_SECRET
    localstripe.register_webhook(url=f"{live_server.url}/payments/stripe/webhook/", secret=STRIPE_SECRET)
    page.route(
        settings.STRIPE_JS_URL,
        lambda route: route.fulfill(
            content_type="text/javascript", body=STRIPE_JS_STAND_IN % {"base": localstripe.url}
        ),
    )

    def with_secret_key(route):
        headers = {**route.request.headers, "authorization": f"Bearer {settings.STRIPE_SECRET_KEY}"}
        route.fulfill(response=route.fetch(headers=headers))

    page.route(f"{localstripe.url}/v1/payment_methods", with_secret_key)

    product = Product.objects.filter(stockrecords__num_in_stock__gte=3).order_by("-pk").first()
    buy(page, [product], email="anna.card@example.com")
    page.select_option("#id_country", "DE")
    page.fill("#id_first_name", "Anna")
    page.fill("#id_last_name", "Schmidt")
    page.fill("#id_line1", "Hauptstraße 5")
    page.fill("#id_line4", "Berlin")
    page.fill("#id_postcode", "10115")
    page.fill("#id_phone_number", "+49 30 1234567")
    page.check("#id_accepts_privacy")
    page.locator("#new_shipping_address button[type=submit]").click()
    page.check("input[value='stripe']")
    page.click("#choose-payment")
    page.click("#place-order")

    page.fill("#card-number", "4242424242424242")
    page.click("#card-pay")
    expect(page.locator("#paid-message")).to_be_visible(timeout=20_000)
    order = Order.objects.get(guest_email="anna.card@example.com")
    assert order.status == OrderStatus.PAID
    assert order.payment.provider_reference.startswith("pi_")
    assert order.payment.amount_received == int(order.total_incl_tax)
    screenshot(page, "card-paid")


def test_two_buyers_pay_without_cash(
    browser_page, chromium, live_server, demo_world, settings, localstripe, screenshot  # noqa: F811
):
    """One journey per buyer, each in its own browser context (one live server, one database flush)."""
    guest_pays_two_products_by_vietqr(
        browser_page, live_server=live_server, settings=settings, screenshot=screenshot
    )
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    try:
        card_page = context.new_page()
        card_page.set_default_timeout(15_000)
        buyer_pays_by_card(
            card_page,
            live_server=live_server,
            settings=settings,
            localstripe=localstripe,
            screenshot=screenshot,
        )
    finally:
        context.close()

"""Representative pages in a real Chromium raise no Content-Security-Policy violation: the storefront,
a product, the basket, every checkout step, the VietQR payment page, the producer portal and an
order in the dashboard. Violations are collected from ``securitypolicyviolation`` events and from
the browser's console."""

import pytest
from django.test import Client
from oscar.core.loading import get_model
from playwright.sync_api import expect

from tests.browser.test_cashless_checkout import buy, fill_vietnamese_address

pytestmark = pytest.mark.browser
Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile);
});
"""


class ViolationWatch:
    """Reads the page's collected violations before each navigation; keeps the console's CSP errors."""

    def __init__(self, page):
        self.page, self.seen, self.pages = page, [], []
        page.add_init_script(COLLECT_VIOLATIONS)
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.seen.append(f"{self.page.url}: {message.text}")

    def check(self):
        self.page.wait_for_load_state("load")
        self.pages.append(self.page.url)
        found = self.page.evaluate("window.__cspViolations || []")
        self.seen += [f"{self.page.url}: {v}" for v in found]


def test_representative_pages_raise_no_policy_violation(browser_page, chromium, live_server, demo_world, settings):
    page = browser_page
    watch = ViolationWatch(page)
    page.goto("/")
    watch.check()
    product = Product.objects.filter(stockrecords__num_in_stock__gte=3).order_by("pk").first()
    page.goto(product.get_absolute_url())
    watch.check()
    page.goto("/shop/basket/")
    watch.check()

    buy(page, [product], email="csp.guest@example.com")
    watch.check()  # the shipping address step
    fill_vietnamese_address(page)
    watch.check()  # the shipping method step
    page.locator("form:has(input[value='domestic-north']) button[type=submit]").click()
    watch.check()  # the payment method step
    page.check("input[value='vietqr']")
    page.click("#choose-payment")
    watch.check()  # the preview
    page.click("#place-order")
    expect(page.locator("#vietqr svg")).to_be_visible()
    watch.check()  # the payment page
    order = Order.objects.get(guest_email="csp.guest@example.com")

    producer = chromium.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    try:
        portal = producer.new_page()
        portal_watch = ViolationWatch(portal)
        portal.goto("/portal/login/")
        portal.locator("#id_username").fill("dongtam@ocop.localhost")
        portal.locator("#id_password").fill("ocop-producer-2026")
        portal.locator("form.portal-form button[type=submit]").click()
        expect(portal.locator("[data-low-stock], #low-stock").first).to_be_visible()
        portal_watch.check()
    finally:
        producer.close()

    staff = chromium.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    try:
        signed_in = Client()
        assert signed_in.login(username="admin@ocop.localhost", password="ocop-admin-2026")
        session = signed_in.cookies["sessionid"].value
        staff.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        dashboard = staff.new_page()
        dashboard_watch = ViolationWatch(dashboard)
        dashboard.goto(f"/dashboard/orders/{order.number}/")
        expect(dashboard.locator("body")).to_contain_text(order.number)
        dashboard_watch.check()
        dashboard.goto(f"/dashboard/catalogue/products/{product.pk}/")
        dashboard_watch.check()
    finally:
        staff.close()

    violations = watch.seen + portal_watch.seen + dashboard_watch.seen
    assert len(watch.pages) == 8 and portal_watch.pages and len(dashboard_watch.pages) == 2
    assert violations == [], "\n".join(violations)

"""A customer scans the QR on a package: the lot's story opens on a phone; "buy again" opens the product."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_scanned_digital_link_shows_timeline_and_buys_again(chromium, live_server, demo_world, screenshot, settings):
    settings.SITE_URL = live_server.url  # the shop's pages the trace page links to are on the shop's address
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
        locale="en-US",
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        response = page.goto("/01/08930000000033/10/AK26-03")
        assert response.status == 200
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.locator("h1")).to_have_text("Chè móc câu Cù Vân")
        expect(page.locator("[data-record-status]")).to_have_text("✔ Record intact")
        timeline = page.locator("[data-timeline] > li")
        expect(timeline.first).to_be_visible()
        assert timeline.count() >= 8
        expect(page.locator("[data-timeline]")).to_contain_text("Harvest")
        expect(page.get_by_text("Corrected later")).to_be_visible()
        screenshot(page, "trace-page-phone-en")

        expect(page.locator('a[hreflang="en"]')).to_have_attribute("aria-current", "true")
        page.locator('a[hreflang="vi"]').click()
        expect(page.locator("html")).to_have_attribute("lang", "vi")

        page.locator("[data-buy-again]").click()
        expect(page.locator("h1")).to_have_text("Chè móc câu Cù Vân")
        assert "/shop/catalogue/" in page.url
        expect(page.locator("#add_to_basket_form")).to_be_visible()
    finally:
        context.close()

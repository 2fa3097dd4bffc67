"""A shopper walks home → region → producer → product → basket, in Vietnamese and in English."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

JOURNEYS = {
    "vi": {
        "home": "/", "region": "Xã An Khánh", "producer": "Cơ sở chè Đồng Tâm",
        "product": "Chè Tôm búp đặc biệt Long Nguyệt", "total": re.compile(r"450\.000\s₫"),
        "basket": "/shop/basket/",
    },
    "en": {
        "home": "/en/", "region": "An Khánh commune", "producer": "Cơ sở chè Đồng Tâm",
        "product": "Long Nguyệt special Tôm bud tea", "total": re.compile(r"₫450,000"),
        "basket": "/en/shop/basket/",
    },
}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_home_region_producer_product_basket(browser_page, demo_world, screenshot, language):
    steps = JOURNEYS[language]
    page = browser_page
    page.goto(steps["home"])
    expect(page.locator("html")).to_have_attribute("lang", language)
    screenshot(page, f"storefront-{language}-1-home")

    page.locator(".site-menu > summary").click()  # the menu sits behind one button
    page.locator(".main-nav").get_by_role("link", name=steps["region"]).click()
    expect(page.locator("h1")).to_have_text(steps["region"])
    screenshot(page, f"storefront-{language}-2-region")

    page.get_by_role("link", name=steps["producer"]).first.click()
    expect(page.locator("h1")).to_have_text(steps["producer"])
    screenshot(page, f"storefront-{language}-3-producer")

    page.locator(".product-card .card-title").get_by_role("link", name=steps["product"]).click()
    expect(page.locator("h1")).to_have_text(steps["product"])
    expect(page.locator("[data-producer-link]")).to_be_visible()
    expect(page.locator(".product_main .ocop-stars")).to_be_visible()
    screenshot(page, f"storefront-{language}-4-product")

    page.locator("#add_to_basket_form button[type=submit]").click()
    expect(page.locator("[data-basket-count]")).to_have_text("1")
    page.goto(steps["basket"])
    expect(page.locator("#basket_totals")).to_contain_text(steps["total"])
    shot = screenshot(page, f"storefront-{language}-5-basket")
    assert shot.stat().st_size > 10_000

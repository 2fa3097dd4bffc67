"""A shopper opens the home page, follows a product, puts it in the basket and sees the total in VND."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_home_to_basket_shows_total_in_vnd(browser_page, demo_world, screenshot):
    page = browser_page
    page.goto("/")
    expect(page.locator("h1")).to_contain_text("Chè búp và mật ong rừng")
    page.get_by_role("link", name="Mật ong hoa rừng An Khánh").first.click()
    expect(page.locator("h1")).to_have_text("Mật ong hoa rừng An Khánh")
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.goto("/shop/basket/")
    total = page.locator("#basket_totals")
    expect(total).to_contain_text(re.compile(r"250\.000\s₫"))
    expect(page.locator("[data-basket-count]")).to_have_text("1")
    shot = screenshot(page, "basket-vi")
    assert shot.stat().st_size > 10_000

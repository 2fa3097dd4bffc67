"""On a 390×844 phone the product page shows its price and buy button without scrolling, in both
languages; an English buyer finds honey, reads it in English with its seller and the returns
policy, and buys."""

import pytest
from django.utils import translation
from oscar.core.loading import get_model
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")

PHONE_HEIGHT = 844


def _product_path(upc: str) -> str:
    with translation.override("vi"):
        return Product.objects.get(upc=upc).get_absolute_url()


def _above_the_fold(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE_HEIGHT


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_price_and_buy_button_are_visible_without_scrolling_on_a_phone(
    phone_page, demo_world, screenshot, prefix
):
    page = phone_page
    page.goto(prefix + _product_path("8930000000019"))
    assert page.evaluate("window.scrollY") == 0
    price = page.locator(".product_main .price_color").first
    buy = page.locator("#add_to_basket_form button[type=submit]")
    expect(price).to_be_visible()
    expect(buy).to_be_visible()
    assert _above_the_fold(price), price.bounding_box()
    assert _above_the_fold(buy), buy.bounding_box()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 140, header  # two short rows: brand, basket and menu; the search box
    expect(page.locator(".main-nav")).to_be_hidden()  # the menu waits behind its one button
    page.locator(".site-menu > summary").click()
    expect(page.locator("[data-category-nav]")).to_be_visible()
    screenshot(page, f"phone-product{prefix.replace('/', '-') or '-vi'}")


def test_an_english_buyer_finds_honey_reads_about_it_and_buys(phone_page, demo_world, screenshot):
    page = phone_page
    page.goto("/en/")
    page.locator("#site-search").fill("honey")
    page.locator("form.search button[type=submit]").click()
    page.locator(".product-card .card-title").get_by_role("link", name="An Khánh forest-flower honey").click()
    expect(page.locator("h1")).to_have_text("An Khánh forest-flower honey")
    expect(page.locator(".product-description")).to_contain_text("Pure honey from wild forest flowers")
    expect(page.locator("[data-sold-by]")).to_contain_text("Trại ong Rừng Xanh")
    expect(page.locator("[data-shipped-by]")).to_contain_text("HTX Mật ong Hà Thượng")
    product_url = page.url

    page.locator("[data-policy-links]").get_by_role("link", name="Returns").click()
    expect(page.locator("h1")).to_have_text("Returns")
    expect(page.locator("main")).to_contain_text("If a package arrives damaged")

    page.goto(product_url)
    page.locator("#add_to_basket_form button[type=submit]").click()
    expect(page.locator("[data-basket-count]")).to_have_text("1")
    page.goto("/en/shop/checkout/")
    page.fill("#id_username", "emma.honey@example.com")
    page.locator("form.card button[type=submit]").first.click()
    page.select_option("#id_country", "VN")
    page.fill("#id_first_name", "Emma")
    page.fill("#id_last_name", "Walker")
    page.select_option("#id_province", "1")
    expect(page.locator("#id_ward option[value='70']")).to_have_count(1)
    page.select_option("#id_ward", "70")
    page.fill("#id_line1", "12 Hàng Bông")
    page.fill("#id_phone_number", "0912345678")
    expect(page.locator("[data-checkout-policies]")).to_contain_text("Privacy")
    page.check("#id_accepts_privacy")
    page.locator("#new_shipping_address button[type=submit]").click()
    page.locator("form:has(input[value='domestic-north']) button[type=submit]").click()
    page.check("input[value='vietqr']")
    page.click("#choose-payment")
    page.click("#place-order")
    expect(page.locator("#vietqr svg")).to_be_visible()
    copy_memo = page.locator("button[data-copy='#bank-memo']")
    copy_memo.click()
    expect(copy_memo).to_have_text("Copied ✓")  # the button confirms the copy
    expect(page.locator("#copy-status")).to_have_text("Copied ✓")
    order = Order.objects.get(guest_email="emma.honey@example.com")
    assert [line.product.upc for line in order.lines.all()] == ["8930000000026"]
    screenshot(page, "english-buyer-vietqr")

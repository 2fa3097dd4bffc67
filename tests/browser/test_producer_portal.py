"""On a phone: a producer logs in, adds a tea with two photos, publishes it, and finds it in the shop."""

from io import BytesIO

import pytest
from oscar.core.loading import get_model
from PIL import Image
from playwright.sync_api import expect

from tests.portal.images import rotated_jpeg_with_gps

pytestmark = pytest.mark.browser
Product = get_model("catalogue", "Product")


def _garden_photo() -> bytes:
    buffer = BytesIO()
    Image.effect_noise((800, 600), 60).convert("RGB").save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def test_producer_lists_a_product_with_two_photos_from_a_phone(phone_page, demo_world, screenshot):
    page = phone_page
    page.goto("/portal/login/")
    page.locator("#id_username").fill("dongtam@ocop.localhost")
    page.locator("#id_password").fill("ocop-producer-2026")
    page.locator("form.portal-form button[type=submit]").click()
    expect(page.locator("[data-low-stock], #low-stock").first).to_be_visible()

    page.locator(".portal-actions a.primary").first.click()
    page.get_by_role("link", name="Chè").click()
    page.locator("#id_title").fill("Chè đinh Đồng Tâm thử")
    page.locator("#id_category").select_option(label="Chè Thái Nguyên > Chè búp")
    page.locator("#id_description").fill("Búp chè non hái sớm.\n\nSao bằng chảo gang.")
    page.locator("#id_price").fill("320000")
    page.locator("#id_stock").fill("15")
    page.locator("form.portal-form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("Chè đinh Đồng Tâm thử")

    page.locator("#id_photo").set_input_files(
        [
            {"name": "IMG_0001.JPG", "mimeType": "image/jpeg", "buffer": rotated_jpeg_with_gps((900, 1200))},
            {"name": "IMG_0002.JPG", "mimeType": "image/jpeg", "buffer": _garden_photo()},
        ]
    )
    expect(page.locator("[data-photo]")).to_have_count(2, timeout=30_000)
    expect(page.locator("[data-photo] .tag.on")).to_have_count(1)
    screenshot(page, "portal-photos-phone")

    page.locator("form[action$='/publish/'] button.primary").click()
    expect(page.locator(".portal-messages .msg-success")).to_be_visible()

    page.goto("/shop/catalogue/")
    card = page.locator("article.product-card", has_text="Chè đinh Đồng Tâm thử")
    expect(card).to_be_visible()
    expect(card).to_contain_text("320.000")
    shot = screenshot(page, "portal-product-in-shop-phone")
    assert shot.stat().st_size > 10_000
    product = Product.objects.get(title="Chè đinh Đồng Tâm thử")
    assert product.is_public and product.images.count() == 2
    assert product.producer.users.filter(email="dongtam@ocop.localhost").exists()


def test_the_diary_form_shows_only_the_fields_of_the_chosen_kind(phone_page, demo_world):
    page = phone_page
    page.goto("/portal/login/")
    page.locator("#id_username").fill("dongtam@ocop.localhost")
    page.locator("#id_password").fill("ocop-producer-2026")
    page.locator("form.portal-form button[type=submit]").click()
    page.goto("/trace/diary/")
    page.locator("a[href^='/trace/diary/']").filter(has_text="AK26").first.click()
    page.locator("#id_kind").select_option("lab_test")
    expect(page.locator("#id_laboratory")).to_be_visible()
    expect(page.locator("#id_dose")).to_be_hidden()
    expect(page.locator("#id_quantity")).to_be_hidden()
    page.locator("#id_kind").select_option("input")
    expect(page.locator("#id_dose")).to_be_visible()
    expect(page.locator("#id_pre_harvest_interval_days")).to_be_visible()
    expect(page.locator("#id_laboratory")).to_be_hidden()
    expect(page.locator("#id_note")).to_be_visible()

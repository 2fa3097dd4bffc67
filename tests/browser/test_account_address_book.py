"""A signed-in buyer adds a Vietnamese address to the account's address book in a real Chromium:
the commune/ward list follows the chosen province, as on the checkout's address step."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from oscar.core.loading import get_model
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
UserAddress = get_model("address", "UserAddress")


def test_the_ward_list_follows_the_province_and_the_address_is_saved(browser_page, live_server, transactional_db):
    get_model("address", "Country").objects.get_or_create(
        iso_3166_1_a2="VN", defaults={"name": "Việt Nam", "is_shipping_country": True}
    )
    buyer = get_user_model().objects.create_user(username="lan", email="lan@example.com", password="mat-khau-1")
    signed_in = Client()
    signed_in.force_login(buyer)
    page = browser_page
    page.context.add_cookies([{"name": "sessionid", "value": signed_in.cookies["sessionid"].value,
                               "url": live_server.url}])

    page.goto("/shop/accounts/addresses/add/")
    page.fill("#id_first_name", "Lan")
    page.fill("#id_last_name", "Nguyễn")
    page.select_option("#id_country", "VN")
    page.select_option("#id_province", "19")
    expect(page.locator("#id_ward option[value='5809']")).to_have_count(1)
    page.select_option("#id_ward", "5809")
    page.fill("#id_line1", "Xóm Cù Vân 3")
    page.fill("#id_phone_number", "0912345678")
    page.check("#id_accepts_privacy")
    page.locator("#id_accepts_privacy").evaluate("box => box.form.requestSubmit()")
    page.wait_for_url("**/shop/accounts/addresses/")

    saved = UserAddress.objects.get(user=buyer)
    assert (saved.line4, saved.state) == ("Xã An Khánh", "Thái Nguyên")

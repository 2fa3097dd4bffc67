"""The co-op packs and ships a paid two-producer order as two parcels; the customer sees both numbers."""

import re

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from playwright.sync_api import expect

from orders.links import order_token
from orders.statuses import OrderStatus
from tests.fulfilment_orders import paid_order

Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")

pytestmark = pytest.mark.browser

COOP_SLUG = "htx-che-doi-cu-van"
PARCELS = [("viettel-post", "VTP20260001"), ("ghn", "GHNLT2026X2")]


@pytest.fixture
def paid_two_producer_order(demo_world):
    tea = Product.objects.get(upc="8930000000019")  # Cơ sở chè Đồng Tâm
    hook_tea = Product.objects.get(upc="8930000000033")  # Hộ bà Trần Thị Hoa
    return paid_order(tea, hook_tea, email="khach.hanoi@example.com")


def test_coop_packs_and_ships_two_parcels_and_the_customer_tracks_both(
    browser_page, chromium, live_server, paid_two_producer_order, screenshot
):
    page = browser_page
    order = paid_two_producer_order
    page.goto("/shop/accounts/login/")
    page.fill("#id_login-username", "cuvan@ocop.localhost")
    page.fill("#id_login-password", "ocop-coop-2026")
    page.locator("button[name=login_submit]").click()
    page.wait_for_load_state()

    page.goto(f"/coop/{COOP_SLUG}/")
    expect(page.locator("[data-count=to-pack]")).not_to_have_text("0")
    page.get_by_role("link", name=order.number).first.click()
    expect(page.locator("h1")).to_contain_text(order.number)
    parcels = page.locator("[data-parcel]")
    expect(parcels).to_have_count(2)

    for index, (carrier, number) in enumerate(PARCELS):
        parcel = page.locator("[data-parcel]").nth(index)
        parcel.get_by_role("button", name=re.compile("packed|đóng gói", re.I)).click()
        parcel = page.locator("[data-parcel]").nth(index)
        expect(parcel.locator("[data-parcel-state]")).to_have_text(re.compile("Packed|Đã đóng gói"))
        parcel.locator("select[name=carrier]").select_option(carrier)
        parcel.locator("input[name=tracking_number]").fill(number)
        parcel.get_by_role("button", name=re.compile("Ship|Gửi", re.I)).click()
        expect(page.locator("[data-parcel]").nth(index).locator("[data-tracking]")).to_have_text(number)

    expect(page.locator("[data-order-status]")).to_have_text(re.compile("Shipped|Đang giao|Đã gửi"))
    screenshot(page, "coop-order-shipped")
    assert Order.objects.get(pk=order.pk).status == OrderStatus.SHIPPED

    customer = chromium.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    try:
        tracking = customer.new_page()
        tracking.goto(reverse("fulfilment:track", args=[order_token(order)]))
        for _carrier, number in PARCELS:
            expect(tracking.get_by_text(number)).to_be_visible()
        expect(tracking.locator("[data-timeline] li")).to_have_count(3)
        screenshot(tracking, "customer-tracking")
    finally:
        customer.close()

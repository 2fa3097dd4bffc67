"""On a 390×844 phone a buyer shares a product into Zalo: Zalo's share plugin is fetched only
after the press (never with the page), the copy-link fallback works with the phone offline, and
"Chat on Zalo" links to the producer's OA and the co-op's Zalo number."""

import pytest
from django.utils import translation
from oscar.core.loading import get_model
from playwright.sync_api import expect

from cms.models import SellerIdentity

pytestmark = pytest.mark.browser
Product = get_model("catalogue", "Product")

SHOP_OA = "579745863508352884"
#: What the stand-in plugin does: Zalo's SDK turns each .zalo-share-button into its button.
FAKE_SDK = (
    "window.ZaloSocialSDK={reload:function(){document.querySelectorAll('.zalo-share-button')"
    ".forEach(function(e){e.setAttribute('data-rendered','zalo');e.textContent='Zalo';});}};"
)


def test_a_buyer_shares_a_product_and_chats_with_its_producer_on_zalo(
    phone_page, demo_world, live_server, screenshot
):
    identity = SellerIdentity.load()
    identity.zalo_oa_id = SHOP_OA
    identity.save()
    product = Product.objects.get(upc="8930000000019")
    producer = product.producer
    producer.zalo_oa_id = "4318181818181818181"
    producer.save()
    coop = producer.coop
    coop.zalo_phone = "0987654321"
    coop.save()
    with translation.override("vi"):
        path = product.get_absolute_url()

    page = phone_page
    plugin_requests = []

    def zalo_plugin(route):
        plugin_requests.append(route.request.url)
        route.fulfill(status=200, content_type="application/javascript", body=FAKE_SDK)

    page.route("https://sp.zalo.me/**", zalo_plugin)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    assert plugin_requests == []  # the page never loads Zalo's script by itself

    share = page.locator("[data-zalo-share]")
    share.locator("[data-zalo-share-open]").click()
    button = share.locator(".zalo-share-button")
    expect(button).to_have_attribute("data-rendered", "zalo")
    assert plugin_requests == ["https://sp.zalo.me/plugins/sdk.js"]
    assert button.get_attribute("data-href") == f"{live_server.url}{path}"
    assert button.get_attribute("data-oaid") == SHOP_OA
    screenshot(page, "zalo-share-phone")

    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.context.set_offline(True)
    share.locator("[data-copy-link]").click()
    expect(share).to_have_attribute("data-copied", "yes")
    expect(share.locator("[data-share-status]")).to_contain_text("Đã chép đường dẫn")
    assert page.evaluate("navigator.clipboard.readText()") == f"{live_server.url}{path}"
    page.context.set_offline(False)

    chat = page.locator("[data-zalo-chat]")
    expect(chat.locator("[data-zalo-chat-producer]")).to_have_attribute("href", "https://zalo.me/4318181818181818181")
    expect(chat.locator("[data-zalo-chat-coop]")).to_have_attribute("href", "https://zalo.me/0987654321")

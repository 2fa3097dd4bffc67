"""Every public page and every checkout step passes Deque's axe-core without a serious or critical
violation, in Vietnamese and English, on a 390 px phone and on a desktop.

axe-core comes from npm (``make axe-core`` installs it under tests/browser/axe/); it is evaluated
in the page through the browser's debugging protocol, so the shop's content security policy stays
as strict as it is for buyers.
"""

from pathlib import Path

import pytest
from django.utils import translation
from oscar.core.loading import get_model
from wagtail.models import Locale

from cms.models import ProducerPage, StoryPage

pytestmark = pytest.mark.browser
Product = get_model("catalogue", "Product")

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
TRACE_PAGE = "/01/08930000000033/10/AK26-03"


def _public_paths(language: str) -> list[str]:
    prefix = "" if language == "vi" else "/en"
    locale = Locale.objects.get(language_code=language)
    with translation.override("vi"):
        product = Product.objects.get(upc="8930000000026")
        product_path = product.get_absolute_url()
        category_path = product.categories.first().get_absolute_url()
    producer = ProducerPage.objects.live().filter(locale=locale).first()
    story = StoryPage.objects.live().filter(locale=locale).first()
    return [
        prefix + "/",
        prefix + "/shop/catalogue/",
        prefix + category_path,
        prefix + product_path,
        producer.url,
        story.url,
        TRACE_PAGE,
    ]


def _violations(page) -> list[str]:
    """The serious and critical axe-core findings on the page as shown, one line each."""
    page.evaluate(AXE.read_text())
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    return [
        f"{page.url}: {v['impact']} {v['id']} ({v['help']}) at {v['nodes']}"
        for v in found
        if v["impact"] in BLOCKING
    ]


def _checkout_as_guest(page, language: str, report) -> None:
    """Basket → every checkout step → the payment page, checking each on the way."""
    prefix = "" if language == "vi" else "/en"
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.wait_for_selector("[data-basket-count]:has-text('1')")
    page.goto(prefix + "/shop/basket/")
    report(page)
    page.goto(prefix + "/shop/checkout/")
    report(page)
    page.fill("#id_username", f"a11y-{language}@example.com")
    page.locator("form.card button[type=submit]").first.click()
    page.wait_for_selector("#id_first_name")
    report(page)
    page.select_option("#id_country", "VN")
    page.fill("#id_first_name", "Lan")
    page.fill("#id_last_name", "Nguyễn")
    page.select_option("#id_province", "1")
    page.wait_for_selector("#id_ward option[value='70']", state="attached")
    page.select_option("#id_ward", "70")
    page.fill("#id_line1", "12 Hàng Bông")
    page.fill("#id_phone_number", "0912345678")
    page.check("#id_accepts_privacy")
    page.locator("#new_shipping_address button[type=submit]").click()
    page.wait_for_selector("form:has(input[value='domestic-north']) button[type=submit]")
    report(page)
    page.locator("form:has(input[value='domestic-north']) button[type=submit]").click()
    page.wait_for_selector("input[value='vietqr']")
    report(page)
    page.check("input[value='vietqr']")
    page.click("#choose-payment")
    page.wait_for_selector("#place-order")
    report(page)
    page.click("#place-order")
    page.wait_for_selector("#vietqr svg")
    report(page)


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_serious_or_critical_accessibility_violations(
    chromium, live_server, demo_world, language, viewport
):
    assert AXE.exists(), "axe-core is not installed: run `make axe-core`"
    context = chromium.new_context(
        base_url=live_server.url,
        viewport=VIEWPORTS[viewport],
        is_mobile=viewport == "phone",
        has_touch=viewport == "phone",
        locale="vi-VN" if language == "vi" else "en-GB",
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    problems: list[str] = []

    def report(page) -> None:
        assert page.locator("html").get_attribute("lang") == language, page.url
        problems.extend(_violations(page))

    try:
        for path in _public_paths(language):
            response = page.goto(path)
            assert response.status == 200, path
            report(page)
        page.goto(_public_paths(language)[3])
        _checkout_as_guest(page, language, report)
    finally:
        context.close()
    assert not problems, "\n".join(problems)

"""Product blocks show live catalogue data: a price or stock change shows on the page at once."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from cms.models import HomePage, StandardPage
from tests.factories import ProducerFactory, ProductFactory

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")

pytestmark = pytest.mark.django_db


@pytest.fixture
def showcase(demo_world):
    """A published page whose body holds one product block and one product grid per criterion."""
    home = HomePage.objects.get(locale__language_code="vi")

    def build(body):
        page = StandardPage(title="Trưng bày", slug="trung-bay", body=body)
        home.add_child(instance=page)
        page.save_revision().publish()
        return page

    return build


def _titles(html: str) -> list[str]:
    return re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', html)


def test_product_block_shows_price_and_stock_live(client, showcase):
    product = Product.objects.get(upc="8930000000026")
    page = showcase([("product", {"product": product})])
    html = client.get(page.url).content.decode()
    assert "Mật ong hoa rừng An Khánh" in html
    assert "250.000\xa0₫" in html
    assert f'action="/shop/basket/add/{product.pk}/"' in html
    assert "OCOP 3" in html

    StockRecord.objects.filter(product=product).update(price=Decimal("275000"), num_in_stock=0)
    html = client.get(page.url).content.decode()
    assert "275.000\xa0₫" in html and "250.000\xa0₫" not in html
    assert "Hết hàng" in html or "Out of stock" in html
    assert f'action="/shop/basket/add/{product.pk}/"' not in html


def test_product_block_of_a_product_taken_off_sale_renders_nothing(client, showcase):
    product = Product.objects.get(upc="8930000000026")
    page = showcase([("product", {"product": product})])
    Product.objects.filter(pk=product.pk).update(is_public=False)
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Mật ong hoa rừng An Khánh" not in response.content.decode()


def test_hand_picked_grid_keeps_the_staff_order(client, showcase):
    picked = [Product.objects.get(upc=upc) for upc in ("8930000000118", "8930000000019", "8930000000064")]
    page = showcase([("product_grid", {
        "heading": "Chọn lọc", "products": picked, "category": "", "producer": "", "min_stars": "",
        "limit": 8,
    })])
    assert _titles(client.get(page.url).content.decode()) == [p.title for p in picked]


def test_grid_by_category_lists_only_that_category(client, showcase):
    honey = Category.objects.get(name="Mật ong")
    page = showcase([("product_grid", {
        "heading": "Mật ong", "products": [], "category": str(honey.pk), "producer": "", "min_stars": "",
        "limit": 24,
    })])
    titles = _titles(client.get(page.url).content.decode())
    assert len(titles) == 5 and all(t.startswith("Mật ong") for t in titles)


def test_grid_by_producer_and_stars(client, showcase):
    dong_tam = Partner.objects.get(code="co-so-che-dong-tam")
    page = showcase([
        ("product_grid", {"heading": "Đồng Tâm", "products": [], "category": "",
                          "producer": str(dong_tam.pk), "min_stars": "", "limit": 8}),
        ("product_grid", {"heading": "Bốn sao", "products": [], "category": "",
                          "producer": "", "min_stars": "4", "limit": 8}),
    ])
    html = client.get(page.url).content.decode()
    by_producer, by_stars = html.split("Bốn sao")
    assert sorted(_titles(by_producer)) == ["Chè Tôm búp đặc biệt Long Nguyệt", "Chè nõn tôm thượng hạng"]
    four_stars = Product.objects.filter(ocop_stars__gte=4).values_list("title", flat=True)
    assert set(_titles(by_stars)) == set(four_stars)


def test_grid_shows_a_new_product_and_its_price_change(client, showcase):
    producer = ProducerFactory(name="Hộ thử lưới")
    page = showcase([("product_grid", {"heading": "Mới", "products": [], "category": "",
                                       "producer": str(producer.pk), "min_stars": "", "limit": 8})])
    assert _titles(client.get(page.url).content.decode()) == []
    product = ProductFactory(title="Chè thử lưới", producer=producer, categories=None)
    html = client.get(page.url).content.decode()
    assert _titles(html) == ["Chè thử lưới"] and "250.000\xa0₫" in html
    StockRecord.objects.filter(product=product).update(price=Decimal("123000"))
    assert "123.000\xa0₫" in client.get(page.url).content.decode()


def test_add_to_basket_from_a_block_puts_the_product_in_the_basket(client, showcase):
    product = Product.objects.get(upc="8930000000026")
    page = showcase([("product", {"product": product})])
    client.get(page.url)
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    basket = client.get(reverse("basket:summary")).content.decode()
    assert "Mật ong hoa rừng An Khánh" in basket


def test_product_chooser_in_the_admin_lists_and_searches_products(admin_client, demo_world):
    url = reverse("product_chooser:choose")
    html = admin_client.get(url).json()["html"]
    assert "Chè Tôm búp đặc biệt Long Nguyệt" in html and "Mật ong hoa vải" in html
    assert "Cơ sở chè Đồng Tâm" in html
    results = admin_client.get(reverse("product_chooser:choose_results"), {"q": "vải"}).content.decode()
    assert "Mật ong hoa vải" in results and "Chè Tôm" not in results
    product = Product.objects.get(title="Mật ong hoa vải")
    chosen = admin_client.get(reverse("product_chooser:chosen", args=[product.pk])).json()
    assert chosen["result"]["title"] == "Mật ong hoa vải"


def test_product_chooser_is_for_staff_only(client, demo_world):
    response = client.get(reverse("product_chooser:choose"))
    assert response.status_code == 302 and "login" in response["Location"]

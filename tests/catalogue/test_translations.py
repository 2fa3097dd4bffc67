"""Catalogue data in both languages: English buyers read English names, descriptions, categories
and attribute values, fall back to Vietnamese where no English exists (staff see a marker), and
find products by English or Vietnamese words."""

import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from oscar.core.loading import get_model

from demo import world

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db

HONEY_UPC = "8930000000026"
TEA_UPC = "8930000000019"


def _path(product) -> str:
    with translation.override("vi"):
        return product.get_absolute_url()


def _titles(html: str) -> set[str]:
    return {unescape(t) for t in re.findall(r'<h[23] class="card-title"><a [^>]+>([^<]+)</a>', html)}


def test_every_demo_product_has_english_text(demo_world):
    for product in Product.objects.filter(upc__in=[fact.upc for fact in world.PRODUCTS]):
        assert product.title_en and product.description_en, product.upc
        assert product.title_vi != product.title_en


def test_the_english_product_page_reads_english(client, demo_world):
    product = Product.objects.get(upc=TEA_UPC)
    html = client.get("/en" + _path(product)).content.decode()
    assert "Long Nguyệt special Tôm bud tea" in html
    assert "a scent of young rice" in html
    assert "Búp chè non cuộn tròn" not in html
    assert "Thái Nguyên tea" in html and "Tôm and bud-tip tea" in html  # breadcrumbs and menu
    assert "Tea kind" in html and "Tôm (rolled bud)" in html  # an attribute's name and value
    vietnamese = client.get(_path(product)).content.decode()
    assert "Chè Tôm búp đặc biệt Long Nguyệt" in vietnamese and "Long Nguyệt special" not in vietnamese


def test_english_cards_and_category_pages_read_english(client, demo_world):
    honey = Category.objects.get(name_vi="Mật ong")
    html = client.get("/en" + honey.get_absolute_url()).content.decode()
    assert "An Khánh forest-flower honey" in _titles(html)
    assert "<h1>Honey</h1>" in html or ">Honey<" in html


def test_missing_english_falls_back_to_vietnamese_with_a_marker_for_staff(client, demo_world):
    product = Product.objects.get(upc=HONEY_UPC)
    Product.objects.filter(pk=product.pk).update(title_en="", description_en=None)
    anonymous = client.get("/en" + _path(product)).content.decode()
    assert "Mật ong hoa rừng An Khánh" in anonymous and "data-missing-english" not in anonymous
    staff = get_user_model().objects.create_user("tr@ocop.test", "tr@ocop.test", "pw-2026", is_staff=True)
    client.force_login(staff)
    marked = client.get("/en" + _path(product)).content.decode()
    assert "data-missing-english" in marked and "name, description" in marked
    assert "data-missing-english" not in client.get(_path(product)).content.decode()


@pytest.mark.parametrize("query", ["honey", "mật ong", "mat ong", "Honey"])
def test_english_search_finds_honey_by_english_or_vietnamese_words(client, demo_world, query):
    found = _titles(client.get("/en/search/", {"q": query}).content.decode())
    honeys = {world.PRODUCTS_EN[fact.upc][0] for fact in world.PRODUCTS if fact.product_class == world.HONEY}
    assert found == honeys


def test_vietnamese_search_finds_tea_by_its_english_name(client, demo_world):
    found = _titles(client.get("/search/", {"q": "bud tea"}).content.decode())
    assert "Chè Tôm búp đặc biệt Long Nguyệt" in found


def test_a_producer_adds_english_text_in_the_portal(client, demo_world):
    client.post("/portal/login/", {"username": "dongtam@ocop.localhost", "password": "ocop-producer-2026"})
    product = Product.objects.get(upc=TEA_UPC)
    url = f"/portal/products/{product.pk}/"
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else getattr(v, "pk", v)) for k, v in data.items()}
    data.update(title_en="Long Nguyệt Tôm tea, spring 2026", description_en="Picked at dawn.")
    assert client.post(url, data).status_code == 302
    client.logout()
    english = client.get("/en" + _path(product)).content.decode()
    assert "Long Nguyệt Tôm tea, spring 2026" in english and "<p>Picked at dawn.</p>" in english
    product.refresh_from_db()
    assert product.title_vi == "Chè Tôm búp đặc biệt Long Nguyệt"
    assert Product.objects.rewrite(False).filter(title="Chè Tôm búp đặc biệt Long Nguyệt").exists()

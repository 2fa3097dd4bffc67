"""Category navigation: the header and the catalogue link every category, pages carry breadcrumbs."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db

TREE = {
    "Chè Thái Nguyên": ["Chè Tôm, chè nõn", "Chè móc câu", "Chè búp"],
    "Mật ong": ["Mật ong hoa rừng", "Mật ong hoa cây trồng"],
}


def _links(html: str, marker: str) -> dict[str, str]:
    """Link text → address inside the element carrying ``marker``."""
    start = html.index(marker)
    block = html[start: html.index("</nav>", start)]
    return {text.strip(): href for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', block)}


def _titles(html: str) -> set[str]:
    return set(re.findall(r'<h[23] class="card-title"><a [^>]+>([^<]+)</a>', html))


@pytest.mark.parametrize("marker", ["data-category-nav", "data-catalogue-categories"])
def test_header_and_catalogue_link_every_category_and_sub_category(client, demo_world, marker):
    links = _links(client.get(reverse("catalogue:index")).content.decode(), marker)
    for top, children in TREE.items():
        for name in [top, *children]:
            assert links[name] == Category.objects.get(name=name).get_absolute_url()


def test_a_category_page_lists_its_sub_categories_products_with_breadcrumbs(client, demo_world):
    honey = Category.objects.get(name="Mật ong")
    forest = Category.objects.get(name="Mật ong hoa rừng")
    html = client.get(forest.get_absolute_url()).content.decode()
    assert _titles(html) == {"Mật ong hoa rừng An Khánh", "Mật ong rừng nguyên sáp"}
    crumbs = html[html.index('class="breadcrumb"'): html.index("</ol>")]
    assert f'<a href="{honey.get_absolute_url()}">Mật ong</a>' in crumbs
    assert 'aria-current="page">Mật ong hoa rừng<' in crumbs
    every_honey = _titles(client.get(honey.get_absolute_url()).content.decode())
    assert len(every_honey) == 5 and _titles(html) < every_honey


def test_a_product_page_shows_its_category_trail(client, demo_world):
    product = Product.objects.get(title="Chè móc câu Cù Vân")
    with translation.override("vi"):
        html = client.get(product.get_absolute_url()).content.decode()
    crumbs = html[html.index("data-breadcrumbs"): html.index("</ol>", html.index("data-breadcrumbs"))]
    names = re.findall(r">([^<>]+)</a>", crumbs)
    assert names[1:] == ["Chè Thái Nguyên", "Chè móc câu"]

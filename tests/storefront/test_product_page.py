"""Oscar's product page joined to the showcase: stars, producer and story links, traceability, SEO."""

import json
import re

import pytest
from django.core.cache import cache
from django.utils import translation
from oscar.core.loading import get_model

from tests.factories import ProductFactory
from tests.fulfilment_orders import place_order

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

CHE_TOM = "Chè Tôm búp đặc biệt Long Nguyệt"


def _url(product) -> str:
    """The product's address in the default language (no /en prefix), whatever language is active."""
    with translation.override("vi"):
        return product.get_absolute_url()


def _json_ld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


@pytest.mark.parametrize(("prefix", "producer_url", "story_url"), [
    ("", "/nha-san-xuat/co-so-che-dong-tam/",
     "/nha-san-xuat/co-so-che-dong-tam/cau-chuyen-che-tom-long-nguyet/"),
    ("/en", "/en/producers/co-so-che-dong-tam/",
     "/en/producers/co-so-che-dong-tam/the-story-of-long-nguyet-tom-tea/"),
])
def test_product_page_links_to_producer_and_product_story_in_the_same_language(
    client, demo_world, prefix, producer_url, story_url
):
    product = Product.objects.get(title=CHE_TOM)
    html = client.get(prefix + _url(product)).content.decode()
    assert f'<a href="{producer_url}" data-producer-link>' in html
    assert f'<a href="{story_url}" data-story-link>' in html
    assert "★★★★" in html and 'class="ocop-stars"' in html


def test_product_without_pages_or_stars_still_renders(client, demo_world):
    product = ProductFactory(title="Chè chưa có trang", ocop_stars=None, categories=None)
    html = client.get(_url(product)).content.decode()
    assert "Chè chưa có trang" in html
    assert "data-story-link" not in html and "ocop-stars" not in html


def test_json_ld_offer_has_vnd_price_and_availability(client, demo_world, django_capture_on_commit_callbacks):
    product = Product.objects.get(title=CHE_TOM)
    data = _json_ld(client.get(_url(product)).content.decode())
    assert data["@type"] == "Product" and data["name"] == CHE_TOM
    assert data["gtin13"] == "8930000000019"
    assert data["brand"]["name"] == "Cơ sở chè Đồng Tâm"
    assert data["offers"] == {
        "@type": "Offer", "price": "450000", "priceCurrency": "VND",
        "availability": "https://schema.org/InStock", "url": data["url"],
    }
    assert data["image"][0].startswith("http://testserver/media/") and data["image"][0].endswith(".jpeg")

    record = StockRecord.objects.get(product=product)
    with django_capture_on_commit_callbacks(execute=True):
        place_order(product, quantity=record.net_stock_level)  # a buyer takes every unit left
    data = _json_ld(client.get(_url(product)).content.decode())
    assert data["offers"]["availability"] == "https://schema.org/OutOfStock"


def test_json_ld_cannot_be_broken_out_of_by_a_product_title(client, demo_world):
    product = ProductFactory(title="Chè </script><script>alert(1)</script>", categories=None)
    html = client.get(_url(product)).content.decode()
    assert "<script>alert(1)" not in html
    assert _json_ld(html)["name"] == "Chè </script><script>alert(1)</script>"


def test_producer_description_is_sanitised(client, demo_world):
    untrusted = '<p onclick="steal()">Ngon<script>steal()</script></p>'
    product = ProductFactory(description=untrusted, categories=None)
    html = client.get(_url(product)).content.decode()
    description = re.search(r'<div class="product-description">(.*?)</div>', html, re.S).group(1)
    assert description == "<p>Ngon</p>"
    assert "onclick" not in html and "<script>steal" not in html


def test_open_graph_and_canonical_of_the_product_page(client, demo_world):
    product = Product.objects.get(title=CHE_TOM)
    html = client.get("/en" + _url(product)).content.decode()
    assert '<meta property="og:type" content="product">' in html
    assert '<meta property="og:title" content="Long Nguyệt special Tôm bud tea">' in html  # its English name
    assert f'<link rel="canonical" href="http://testserver/en{_url(product)}">' in html
    assert re.search(r'<meta property="og:image" content="http://testserver/media/[^"]+\.jpeg">', html)


def test_product_photos_are_responsive_webp_renditions(client, demo_world):
    product = Product.objects.get(title=CHE_TOM)
    html = client.get(_url(product)).content.decode()
    figures = re.findall(r'<figure><img ([^>]+)>', html[html.index("data-gallery"):])
    main = figures[0]
    widths = re.search(r'srcset="([^"]+)"', main).group(1)
    assert re.fullmatch(r"\S+\.240xh\.webp 240w, \S+\.480xh\.webp 480w, \S+\.800xh\.webp 800w", widths)
    more = figures[1]
    assert 'loading="lazy"' in more
    originals = [image.original.url for image in product.images.all()]
    assert not any(f'"{url}"' in html or f"{url} " in html for url in originals)


def test_traceability_section_is_empty_until_its_partial_exists(client, demo_world, settings, tmp_path):
    product = Product.objects.get(title=CHE_TOM)
    without = client.get(_url(product))
    assert without.status_code == 200 and "data-traceability" not in without.content.decode()

    partial = tmp_path / "templates" / "traceability" / "partials" / "product_traceability.html"
    partial.parent.mkdir(parents=True)
    partial.write_text('<section data-traceability>{{ product.upc }}</section>')
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path / "templates", *engine["DIRS"]]}]
    cache.clear()  # new templates are a new release, whose caches start empty
    html = client.get(_url(product)).content.decode()
    assert "<section data-traceability>8930000000019</section>" in html

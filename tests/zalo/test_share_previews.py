"""Every public page a buyer shares (product, producer, story, product story, lot trace page)
carries the Open Graph card Zalo and Facebook need: title, description, address, locale with its
alternate, and an absolute JPEG image whose declared size is its real size, at least 600 px
wide and under 300 KB, which the shop actually serves. The staff's preview command says so too."""

import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import translation
from oscar.core.loading import get_model
from PIL import Image

from cms.models import ProducerPage, ProductStoryPage, StoryPage
from traceability import gs1
from traceability.models import Lot

Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db


def og(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, content in re.findall(r'<meta property="(og:[a-z:_]+)" content="([^"]*)"', html):
        found.setdefault(name, []).append(content)
    return found


def public_pages() -> list[tuple[str, str]]:
    with translation.override("vi"):
        product = Product.objects.get(upc="8930000000019")
        lot = Lot.objects.filter(product=product, published_at__isnull=False).first()
        return [
            ("product", product.get_absolute_url()),
            ("producer", ProducerPage.objects.filter(locale__language_code="vi").first().url),
            ("story", StoryPage.objects.filter(locale__language_code="vi").exclude(image=None).first().url),
            ("product story", ProductStoryPage.objects.filter(locale__language_code="vi").first().url),
            ("trace", gs1.digital_link_path(gtin=lot.gtin, lot=lot.code)),
            ("product in English", "/en" + product.get_absolute_url()),
        ]


def test_each_public_page_shares_an_absolute_jpeg_card_the_shop_serves(client, demo_world):
    for kind, path in public_pages():
        response = client.get(path, follow=True)
        assert response.status_code == 200, kind
        tags = og(response.content.decode())
        for name in ("og:title", "og:description", "og:url", "og:locale", "og:locale:alternate", "og:image"):
            assert tags.get(name) and tags[name][0].strip(), (kind, name)
        english = kind.endswith("English")
        assert tags["og:locale"] == (["en_US"] if english else ["vi_VN"]), kind
        assert tags["og:locale:alternate"] == (["vi_VN"] if english else ["en_US"]), kind
        image_url = tags["og:image"][0]
        parts = urlsplit(image_url)
        assert parts.scheme in ("http", "https") and parts.netloc, (kind, image_url)
        served = client.get(parts.path)
        assert served.status_code == 200, (kind, image_url)
        content = b"".join(served.streaming_content) if served.streaming else served.content
        assert len(content) < 300 * 1024, (kind, len(content))
        with Image.open(io.BytesIO(content)) as picture:
            assert picture.format == "JPEG", (kind, picture.format)
            assert picture.width >= 600, (kind, picture.size)
            assert (tags["og:image:width"], tags["og:image:height"]) == (
                [str(picture.width)], [str(picture.height)]
            ), kind
        assert tags["og:image:type"] == ["image/jpeg"], kind


def test_the_preview_command_shows_the_card_and_no_problem(demo_world, settings):
    settings.ALLOWED_HOSTS = ["*"]
    product = Product.objects.get(upc="8930000000019")
    with translation.override("vi"):
        path = product.get_absolute_url()
    out = io.StringIO()
    call_command("preview_card", path, stdout=out)
    text = out.getvalue()
    assert product.title in text and "JPEG" in text
    assert "The preview will show in Zalo and Facebook." in text and "!" not in text


def test_the_preview_command_names_what_is_missing(demo_world, settings):
    settings.ALLOWED_HOSTS = ["*"]
    out = io.StringIO()
    call_command("preview_card", "/shop/basket/", stdout=out)
    assert "! Thiếu og:image." in out.getvalue()  # the shop's language, as the page it reads

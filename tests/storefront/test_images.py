"""Responsive images: WebP renditions at several widths, lazy by default, never the original photo."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template import Context, Template
from PIL import Image
from wagtail.images.models import Image as WagtailImage

from cms.models import HomePage, StandardPage
from demo.pictures import draw_picture

pytestmark = pytest.mark.django_db


def _render(source: str, **context) -> str:
    return Template("{% load responsive_images %}" + source).render(Context(context))


def test_product_srcset_makes_webp_renditions_at_each_width(media_root):
    name = default_storage.save("images/products/phone.jpg", ContentFile(
        draw_picture(title="Ảnh điện thoại", theme="tea", size=(1600, 1200))
    ))
    html = _render('{% product_srcset name alt="Chè" %}', name=name)
    srcset = re.search(r'srcset="([^"]+)"', html).group(1)
    widths = [int(w) for w in re.findall(r" (\d+)w", srcset)]
    assert widths == [240, 480, 800]
    assert 'loading="lazy"' in html and 'alt="Chè"' in html and 'sizes="100vw"' in html
    for url in re.findall(r"(\S+\.webp) \d+w", srcset):
        path = media_root / url.removeprefix("/media/")
        with Image.open(path) as image:
            assert image.format == "WEBP" and image.width in widths
    assert "phone.jpg" not in html


def test_product_srcset_never_upscales_a_small_photo(media_root):
    name = default_storage.save("images/products/small.jpg", ContentFile(
        draw_picture(title="Nhỏ", theme="honey", size=(300, 300))
    ))
    html = _render('{% product_srcset name widths="240,480,800" %}', name=name)
    assert re.findall(r" (\d+)w", html) == ["240", "300"]


def test_product_srcset_without_a_photo_renders_nothing():
    assert _render("{% product_srcset name %}", name="") == ""


def test_page_images_are_webp_srcsets_with_lazy_loading(client, demo_world):
    home = HomePage.objects.get(locale__language_code="vi")
    photo = WagtailImage.objects.first()
    page = StandardPage(title="Ảnh", slug="anh", body=[
        ("image", {"image": photo, "caption": "Đồi chè"}),
        ("gallery", {"heading": "Bộ ảnh", "images": [{"image": photo, "caption": "Một"}]}),
    ])
    home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    images = re.findall(r"<img [^>]+>", html)
    story_images = [tag for tag in images if "srcset" in tag]
    assert len(story_images) == 2
    for tag in story_images:
        assert 'loading="lazy"' in tag and ".webp" in tag
        assert photo.file.url not in tag

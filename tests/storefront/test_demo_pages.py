"""The demo site in both languages: every page renders, stories lead to products and back."""

import json
import re

import pytest
from django.core import mail
from django.utils import translation
from oscar.core.loading import get_model
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page

from cms.models import ContactPage, ProducerPage, ProductStoryPage, RegionPage, StoryIndexPage, StoryPage

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db

CHE_TOM = "Chè Tôm búp đặc biệt Long Nguyệt"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_demo_page_renders_in_its_language(client, demo_world, language):
    pages = Page.objects.live().filter(depth__gt=1, locale__language_code=language).specific()
    kinds = {type(page) for page in pages}
    assert {ProductStoryPage, StoryIndexPage, StoryPage, ContactPage, RegionPage} <= kinds
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert page.title.replace("&", "&amp;") in html


@pytest.mark.parametrize("language", ["vi", "en"])
def test_demo_has_product_story_three_tagged_stories_and_contact_in_each_language(demo_world, language):
    story = ProductStoryPage.objects.get(locale__language_code=language)
    assert story.product.title == CHE_TOM
    assert {block.block_type for block in story.body} >= {"paragraph", "gallery", "quote", "product"}
    stories = StoryPage.objects.live().filter(locale__language_code=language)
    assert stories.count() == 3
    assert all(s.tags.exists() for s in stories)
    assert ContactPage.objects.get(locale__language_code=language).form_fields.count() == 4


def test_english_demo_pages_are_written_in_english(demo_world):
    story = ProductStoryPage.objects.get(locale__language_code="en")
    assert story.title == "The story of Long Nguyệt special shrimp-bud tea"
    diary = StoryPage.objects.get(locale__language_code="en", slug="spring-tea-diary")
    assert "harvest diary" in diary.tags.names()
    assert "first flush" in diary.title


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_product_story_links_to_the_product_with_live_price(client, demo_world, prefix):
    story = ProductStoryPage.objects.get(locale__language_code="en" if prefix else "vi")
    html = client.get(story.url).content.decode()
    product = Product.objects.get(title_vi=CHE_TOM)
    assert f'href="{prefix}{product.get_absolute_url().removeprefix("/en")}"' in html
    assert f'action="{prefix}/shop/basket/add/{product.pk}/"' in html


def test_producer_page_links_to_its_products_and_product_story(client, demo_world):
    page = ProducerPage.objects.get(slug="co-so-che-dong-tam", locale__language_code="vi")
    html = client.get(page.url).content.decode()
    assert CHE_TOM in html and "Chè nõn tôm thượng hạng" in html
    assert 'href="/nha-san-xuat/co-so-che-dong-tam/cau-chuyen-che-tom-long-nguyet/"' in html


def test_region_page_leads_to_the_producers_of_the_commune(client, demo_world):
    html = client.get("/en/an-khanh-commune/").content.decode()
    assert 'href="/en/producers/co-so-che-dong-tam/"' in html
    assert 'href="/en/producers/trai-ong-rung-xanh/"' in html


def test_story_index_filters_by_tag(client, demo_world):
    index = StoryIndexPage.objects.get(locale__language_code="vi")
    everything = client.get(index.url).content.decode()
    honey_only = client.get(index.url, {"tag": "mật-ong"}).content.decode()
    assert "Nhật ký vụ chè xuân" in everything and "Mùa quay mật ong" in everything
    assert "Mùa quay mật ong" in honey_only and "Nhật ký vụ chè xuân" not in honey_only


def test_story_of_a_producer_lists_their_products(client, demo_world):
    html = client.get("/en/stories/extracting-forest-flower-honey/").content.decode()
    assert "An Khánh forest-flower honey" in html
    assert "/en/shop/basket/add/" in html


def test_contact_form_stores_the_submission_and_emails_it(
    client, demo_world, django_capture_on_commit_callbacks
):
    page = ContactPage.objects.get(locale__language_code="vi")
    question = "Còn chè tôm vụ xuân không?"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page.url, {"name": "Lê Thu", "email": "thu@example.com", "phone": "", "message": question}
        )
    assert response.status_code == 200
    assert "Cảm ơn bạn" in response.content.decode()
    submission = FormSubmission.objects.get(page=page)
    assert submission.get_data()["message"] == "Còn chè tôm vụ xuân không?"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["hotro@ocop.localhost"]
    assert "Còn chè tôm vụ xuân không?" in mail.outbox[0].body


def test_contact_form_with_errors_reshows_and_saves_nothing(client, demo_world):
    page = ContactPage.objects.get(locale__language_code="en")
    response = client.post(page.url, {"name": "", "email": "not-an-email", "message": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "invalid-feedback" in html and 'value="not-an-email"' in html
    assert not FormSubmission.objects.filter(page=page).exists()
    assert mail.outbox == []


@pytest.mark.parametrize(("path", "other"), [
    ("/cau-chuyen/", "http://testserver/en/stories/"),
    ("/en/contact/", "http://testserver/lien-he/"),
])
def test_pages_carry_canonical_and_hreflang_alternates(client, demo_world, path, other):
    html = client.get(path).content.decode()
    assert f'<link rel="canonical" href="http://testserver{path}">' in html
    assert f'href="{other}"' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/' in html
    assert len(re.findall(r'<link rel="alternate" hreflang="(vi|en)"', html)) == 2


def test_story_pages_share_an_open_graph_image_rendition(client, demo_world):
    story = ProductStoryPage.objects.get(locale__language_code="vi")
    html = client.get(story.url).content.decode()
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image.startswith("http://testserver/media/") and ".fill-1200x630" in image
    assert '<meta property="og:type" content="article">' in html


def test_sitemap_lists_pages_and_products_in_both_languages(client, demo_world, settings):
    xml = client.get("/sitemap.xml").content.decode()
    with translation.override("vi"):
        path = Product.objects.get(title_vi=CHE_TOM).get_absolute_url()
    assert f"<loc>{settings.SITE_URL}{path}</loc>" in xml
    assert f"<loc>{settings.SITE_URL}/en{path}</loc>" in xml
    assert "/cau-chuyen/nhat-ky-vu-che-xuan/</loc>" in xml
    assert "/en/stories/spring-tea-diary/</loc>" in xml
    assert 'hreflang="en"' in xml


def test_robots_txt_points_to_the_sitemap(client, settings):
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_search_box_of_every_page_goes_to_the_storefront_search(client, demo_world):
    html = client.get("/en/").content.decode()
    assert 'action="/en/search/"' in html


def test_product_page_json_ld_is_valid_json(client, demo_world):
    with translation.override("vi"):
        path = Product.objects.get(title_vi=CHE_TOM).get_absolute_url()
    html = client.get(path).content.decode()
    payload = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(payload)["offers"]["priceCurrency"] == "VND"

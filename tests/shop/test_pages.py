"""Every public page of the demo answers in both languages, and the private ones ask for a login."""

import pytest
from oscar.core.loading import get_model
from wagtail.models import Page

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def test_every_live_demo_page_answers_200(client, demo_world):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert {p.locale.language_code for p in pages} == {"vi", "en"}
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_storefront_pages_answer_200_in_both_languages(client, demo_world, prefix):
    product = Product.objects.get(title="Chè Tôm búp đặc biệt Long Nguyệt")
    category = product.categories.first()
    for path in [
        "/shop/catalogue/",
        product.get_absolute_url().removeprefix("/en"),
        category.get_absolute_url().removeprefix("/en"),
        "/shop/basket/",
        "/shop/search/?q=che",
        "/shop/accounts/login/",
    ]:
        response = client.get(prefix + path)
        assert response.status_code == 200, prefix + path


def test_english_prefix_switches_the_interface_language(client, demo_world):
    vi = client.get("/shop/catalogue/").content.decode()
    en = client.get("/en/shop/catalogue/").content.decode()
    assert 'lang="vi"' in vi and "Giỏ hàng" in vi
    assert 'lang="en"' in en and "All products" in en


def test_language_switch_leads_to_the_translation_of_the_same_page(client, demo_world):
    html = client.get("/xa-an-khanh/").content.decode()
    assert 'href="/en/an-khanh-commune/" hreflang="en"' in html


def test_product_page_shows_price_in_vnd_without_decimals(client, demo_world):
    product = Product.objects.get(title="Mật ong hoa rừng An Khánh")
    assert "250.000\xa0₫" in client.get(product.get_absolute_url()).content.decode()
    en_url = "/en" + product.get_absolute_url()
    assert "₫250,000" in client.get(en_url).content.decode()


@pytest.mark.parametrize("path", ["/dashboard/", "/cms-admin/", "/shop/accounts/"])
def test_private_areas_require_login(client, demo_world, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_staff_login_reaches_both_admins(client, demo_world):
    assert client.login(username="admin@ocop.localhost", password="ocop-admin-2026")
    assert client.get("/dashboard/").status_code == 200
    assert client.get("/cms-admin/").status_code == 200


def test_producer_login_is_kept_out_of_the_staff_admins(client, demo_world):
    assert client.login(username="dongtam@ocop.localhost", password="ocop-producer-2026")
    assert client.get("/dashboard/").status_code in (302, 403)
    assert client.get("/cms-admin/").status_code in (302, 403)


def test_healthz_answers_ok_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.content == b"ok"


@pytest.mark.parametrize(
    ("username", "password", "link", "absent"),
    [
        ("dongtam@ocop.localhost", "ocop-producer-2026", 'href="/portal/"', 'href="/coop/"'),
        ("cuvan@ocop.localhost", "ocop-coop-2026", 'href="/coop/"', 'href="/portal/"'),
    ],
)
def test_producers_and_co_ops_find_their_working_area_in_the_header(
    client, demo_world, username, password, link, absent
):
    assert client.login(username=username, password=password)
    html = client.get("/shop/catalogue/").content.decode()
    assert link in html and absent not in html


def test_healthz_answers_a_load_balancer_probing_by_address_without_the_cache(client, settings):
    settings.DJANGO_REDIS_IGNORE_EXCEPTIONS = False  # any use of the cache would now fail the request
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get("/healthz", HTTP_HOST="10.0.0.5")
    assert response.status_code == 200 and response.content == b"ok"

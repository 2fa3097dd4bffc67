"""Anonymous visitors get cached pages; anyone with a basket, a login or a message never does."""

import re

import pytest
from django.test import Client
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def honey(demo_world):
    return Product.objects.get(upc="8930000000026")


@pytest.mark.parametrize("path", ["/", "/en/", "/xa-an-khanh/", "/shop/catalogue/"])
def test_second_anonymous_visit_is_served_without_queries(
    client, demo_world, path, django_assert_num_queries
):
    assert client.get(path)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get(path)
    assert response["X-Page-Cache"] == "hit"
    assert response.status_code == 200


def test_a_price_change_is_shown_at_once(client, honey):
    url = honey.get_absolute_url()
    assert "250.000" in client.get(url).content.decode()
    stock = honey.stockrecords.get()
    stock.price = 270_000
    stock.save()
    html = client.get(url).content.decode()
    assert "270.000" in html


def test_a_visitor_with_a_basket_gets_a_fresh_page(client, honey):
    client.get("/shop/catalogue/")
    client.post(f"/shop/basket/add/{honey.pk}/", {"quantity": 1})
    response = client.get("/shop/catalogue/")
    assert "X-Page-Cache" not in response
    assert 'data-basket-count>1<' in response.content.decode()


def test_logged_in_visitors_are_never_served_from_the_cache(client, demo_world):
    client.get("/")
    client.login(username="admin@ocop.localhost", password="ocop-admin-2026")
    response = client.get("/")
    assert "X-Page-Cache" not in response
    assert 'href="/dashboard/"' in response.content.decode()


def test_forms_on_a_cached_page_carry_the_visitors_own_csrf_token(demo_world, honey):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get("/shop/catalogue/")
    response = second.get("/shop/catalogue/")
    assert response["X-Page-Cache"] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)
    added = second.post(f"/shop/basket/add/{honey.pk}/", {"quantity": 1, "csrfmiddlewaretoken": token})
    assert added.status_code == 302


def test_pages_about_a_person_are_not_cached(client, demo_world):
    client.get("/shop/basket/")
    assert "X-Page-Cache" not in client.get("/shop/basket/")

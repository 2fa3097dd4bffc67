"""With Redis gone the shop fails open: pages render from the database, nobody is logged out."""

import pytest
from django.test import Client
from oscar.core.loading import get_model

from tests.processes import OwnRedis
from traceability.gs1 import digital_link_path
from traceability.models import Lot

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(settings, tmp_path):
    """The shop's cache and cached sessions on a Redis this test owns, with page caching on."""
    redis = OwnRedis(tmp_path)
    redis.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis.url,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.PAGE_CACHE_SECONDS = 300
    yield redis
    redis.stop()


def _public_pages() -> list[str]:
    product = Product.objects.get(upc="8930000000026")
    lot = Lot.objects.filter(published_at__isnull=False).first()
    trace_page = digital_link_path(gtin=lot.gtin, lot=lot.code)
    return ["/", "/shop/catalogue/", product.get_absolute_url(), trace_page, "/healthz"]


def test_public_pages_render_from_the_database_when_redis_is_down(demo_world, redis_cache):
    pages = _public_pages()
    visitor = Client()
    assert [visitor.get(page).status_code for page in pages] == [200] * len(pages)

    redis_cache.stop()

    for page in pages:
        response = Client().get(page)
        assert response.status_code == 200, page
        assert response.get("X-Page-Cache") != "hit"


def test_readyz_names_the_cache_as_down_and_the_database_as_ok(demo_world, redis_cache):
    ready = Client().get("/readyz").json()
    assert ready["cache"] == "ok" and ready["status"] == "ok"

    redis_cache.stop()

    response = Client().get("/readyz")
    assert response.status_code == 200
    state = response.json()
    assert state["cache"] == "down"
    assert state["database"] == "ok"
    assert state["status"] == "degraded"


def test_a_logged_in_customer_keeps_session_and_basket_through_a_redis_restart(demo_world, redis_cache):
    honey = Product.objects.get(upc="8930000000026")
    customer = Client()
    assert customer.login(username="admin@ocop.localhost", password="ocop-admin-2026")
    customer.post(f"/shop/basket/add/{honey.pk}/", {"quantity": 2})

    redis_cache.stop()
    down = customer.get("/shop/basket/")
    assert down.status_code == 200
    assert down.context["user"].is_authenticated
    assert down.context["basket"].num_items == 2

    redis_cache.start()  # an empty Redis: every cached session is gone
    back = customer.get("/shop/basket/")
    assert back.context["user"].is_authenticated
    assert back.context["basket"].num_items == 2

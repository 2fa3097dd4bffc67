"""seed_demo builds the demo world, tells where to look and how to log in, and is idempotent."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from oscar.core.loading import get_model
from wagtail.models import Page

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")

pytestmark = pytest.mark.django_db

DEMO_APPS = {"catalogue", "partner", "coops", "cms", "traceability", "wagtailcore", "wagtailimages", "auth"}


def snapshot() -> dict:
    """Row count of every table the demo writes, plus the identity of key rows."""
    counts = {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.managed and model._meta.app_label in DEMO_APPS
    }
    counts["products"] = sorted(Product.objects.values_list("upc", "title", "ocop_stars"))
    counts["stock"] = sorted(
        Product.objects.values_list("upc", "stockrecords__price", "stockrecords__num_in_stock")
    )
    return counts


def test_demo_world_has_what_the_shop_needs(demo_world):
    assert Partner.objects.filter(coop__isnull=False).count() >= 6
    assert apps.get_model("coops", "Coop").objects.count() >= 2
    products = Product.objects.browsable()
    assert products.count() >= 12
    assert {p.product_class.slug for p in products} == {"tea", "honey"}
    assert products.filter(title="Chè Tôm búp đặc biệt Long Nguyệt").exists()
    assert products.filter(title="Mật ong hoa rừng An Khánh").exists()
    for product in products:
        assert product.images.exists(), product
        assert product.stockrecords.get().num_in_stock > 0
    areas = apps.get_model("traceability", "GrowingArea").objects.filter(kind="tea_area")
    assert areas.count() == 2 and all(a.code for a in areas)


def test_running_seed_demo_twice_changes_nothing(demo_world):
    before = snapshot()
    call_command("seed_demo", stdout=io.StringIO())
    assert snapshot() == before


def test_seed_demo_prints_urls_and_one_login_per_line(demo_world):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000/" in text and "/cms-admin/" in text and "/dashboard/" in text
    roles = ("staff", "producer", "coop")
    logins = [line.split() for line in text.splitlines() if line.strip().startswith(roles)]
    assert [row[0] for row in logins] == ["staff", "producer", "coop"]
    assert all(len(row) == 3 for row in logins)


def test_home_page_is_published_in_both_languages(demo_world):
    homes = Page.objects.live().filter(depth=2)
    assert {p.locale.language_code for p in homes} == {"vi", "en"}

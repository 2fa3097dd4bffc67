"""A product the portal lists sits in the category its producer chose, and every category above it."""

import re

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from portal import services
from tests.portal.conftest import jpeg_bytes, upload

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def _titles(html: str) -> set[str]:
    return set(re.findall(r'<h[23] class="card-title"><a [^>]+>([^<]+)</a>', html))


def _form(category=None, **extra):
    data = {"title": "Mật ong bạc hà", "price": "300000", "stock": "5", "stars_claimed": "", "certificates": ""}
    if category is not None:
        data["category"] = str(category.pk)
    return {**data, **extra}


def test_the_portal_form_asks_for_a_category(client_a, producer_a):
    response = client_a.post(reverse("portal:product-add", kwargs={"class_slug": "tea"}), _form())
    assert response.status_code == 200 and "category" in response.context["form"].errors
    assert not Product.objects.filter(title_vi="Mật ong bạc hà").exists()
    choices = dict(response.context["form"].fields["category"].choices)
    assert choices[Category.objects.get(name_vi="Chè búp").pk] == "Thái Nguyên tea > Bud tea"  # in English here


def test_a_portal_product_lists_in_its_category_and_the_ones_above(client_a, producer_a):
    bud = Category.objects.get(name_vi="Chè búp")
    response = client_a.post(reverse("portal:product-add", kwargs={"class_slug": "tea"}), _form(bud))
    assert response.status_code == 302
    product = Product.objects.get(title_vi="Mật ong bạc hà")
    assert set(product.categories.values_list("name_vi", flat=True)) == {"Chè Thái Nguyên", "Chè búp"}
    services.photo_add(product=product, upload=upload(jpeg_bytes()), idempotency_key="cat-photo")
    services.product_set_public(product=product, is_public=True)
    for category in (bud, Category.objects.get(name_vi="Chè Thái Nguyên")):
        assert "Mật ong bạc hà" in _titles(client_a.get(category.get_absolute_url()).content.decode())
    assert "Mật ong bạc hà" not in _titles(
        client_a.get(Category.objects.get(name_vi="Chè móc câu").get_absolute_url()).content.decode()
    )
    edit = client_a.get(reverse("portal:product-edit", kwargs={"pk": product.pk}))
    assert edit.context["form"].initial["category"] == bud.pk


def test_a_product_without_a_category_cannot_be_published(producer_a):
    producer = producer_a["producer"]
    product = services.product_save(
        producer=producer, product_class=producer_a["product"].product_class, title="Chè chưa xếp loại",
        description="", price=100000, stock=1,
    )
    services.photo_add(product=product, upload=upload(jpeg_bytes()), idempotency_key="no-category")
    assert not product.categories.exists()
    with pytest.raises(services.PortalError, match="category"):
        services.product_set_public(product=product, is_public=True)

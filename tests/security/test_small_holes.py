"""Redirects that stay on the site, headers on each kind of page, the bank webhook's bounds, moderated reviews."""

import json

import pytest
from django.conf import settings
from django.test import Client
from oscar.core.loading import get_model

from payments.models import BankTransfer, Payment
from tests.checkout_support import basket_with, place, stocked_product

pytestmark = pytest.mark.django_db
ProductReview = get_model("reviews", "ProductReview")


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "http:\\\\evil.example"]
)
def test_the_portal_publish_form_never_redirects_off_site(client, market, target):
    client.force_login(market["owner"])
    response = client.post(
        f"/portal/products/{market['product'].pk}/publish/", {"publish": "0", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/") and not response["Location"].startswith("//")
    assert "evil" not in response["Location"] and "javascript" not in response["Location"]


def test_the_portal_publish_form_keeps_a_local_next(client, market):
    client.force_login(market["owner"])
    response = client.post(
        f"/portal/products/{market['product'].pk}/publish/", {"publish": "0", "next": "/portal/"}
    )
    assert response["Location"] == "/portal/"


@pytest.mark.parametrize(
    "url", ["/portal/", "/en/portal/products/", "/coop/", "/trace/diary/", "/dashboard/", "/cms-admin/",
            "/shop/accounts/", "/portal/products/export/csv/"],
)
def test_private_pages_and_exports_are_never_stored(market, url):
    client = Client()
    client.force_login(market["owner"])
    response = client.get(url)
    assert "no-store" in response["Cache-Control"], (url, response.status_code)
    assert "camera=()" in response["Permissions-Policy"]


def test_public_pages_carry_the_permissions_policy_and_stay_cacheable(market):
    response = Client().get("/shop/catalogue/")
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "no-store" not in response.get("Cache-Control", "")


def _notify(client, **overrides):
    body = {
        "id": overrides.pop("id", 7001), "gateway": "Vietcombank", "transactionDate": "2026-11-28 10:15:00",
        "accountNumber": settings.VIETQR_ACCOUNT_NUMBER, "transferType": "in", "referenceCode": "FT1",
        **overrides,
    }
    return client.post(
        "/payments/bank/webhook/", data=json.dumps(body), content_type="application/json",
        HTTP_AUTHORIZATION="Apikey bank-key",
    )


@pytest.fixture
def order(settings):
    settings.BANK_WEBHOOK_KEY = "bank-key"
    return place(basket_with((stocked_product(stock=5), 2))).order


def test_a_transfer_into_another_account_pays_nothing(client, order):
    response = _notify(client, accountNumber="9999999999", transferAmount=500000, content=order.number)
    assert response.status_code == 200 and response.json()["outcome"] == "ignored"
    order.payment.refresh_from_db()
    assert order.payment.state != Payment.State.PAID


@pytest.mark.parametrize("amount", [10**30, 10**13, "1e400"])
def test_an_absurd_amount_is_refused_not_a_500(client, order, amount):
    response = _notify(client, transferAmount=amount, content=order.number)
    assert response.status_code == 400
    assert not BankTransfer.objects.exists()


def test_reviews_wait_for_moderation(client, market):
    product = market["product"]
    product.is_public = True
    product.save()
    response = client.post(
        f"/shop/catalogue/{product.slug}_{product.pk}/reviews/add/",
        {"title": "Ngon", "score": 5, "body": "Chè thơm", "name": "Khách", "email": "khach@example.vn"},
    )
    assert response.status_code == 302
    review = ProductReview.objects.get(product=product)
    assert review.status == ProductReview.FOR_MODERATION
    assert "Chè thơm" not in client.get(f"/shop/catalogue/{product.slug}_{product.pk}/").content.decode()

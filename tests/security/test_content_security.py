"""The Content-Security-Policy on each kind of page: strict, with the request's nonce on every inline script."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.checkout_support import stocked_product

pytestmark = pytest.mark.django_db
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>", re.IGNORECASE)


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_strict(directives: dict[str, list[str]]) -> None:
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"][0] == "'self'"
    assert directives["worker-src"] == ["'self'"] and directives["manifest-src"] == ["'self'"]


def nonce_of(response) -> str | None:
    """The nonce the policy names (a page without inline scripts has none)."""
    sources = [s for s in policy(response)["script-src"] if s.startswith("'nonce-")]
    return sources[0][len("'nonce-"):-1] if sources else None


def assert_inline_scripts_carry_the_nonce(response, *, expect_inline: bool = False) -> None:
    nonce = nonce_of(response)
    body = response.content.decode()
    inline = [attrs for attrs in INLINE_SCRIPT.findall(body) if "application/json" not in attrs]
    assert bool(inline) >= expect_inline
    for attrs in inline:
        assert nonce, "an inline script but no nonce in the policy"
        assert f'nonce="{nonce}"' in attrs, attrs


def _staff():
    return get_user_model().objects.create_superuser("nhan-vien", "nv@example.vn", "mat-khau-2026")


@pytest.mark.parametrize(
    "who, url, inline",
    [
        (None, "/shop/catalogue/", True),
        (None, "/en/shop/catalogue/", True),
        ("owner", "/portal/", False),
        ("reviewer", "/coop/{coop}/", False),
        ("staff", "/dashboard/", True),
        ("staff", "/dashboard/orders/", True),
    ],
)
def test_every_kind_of_page_has_the_strict_policy(market, who, url, inline):
    client = Client()
    if who == "staff":
        client.force_login(_staff())
    elif who:
        client.force_login(market[who])
    response = client.get(url.format(coop=market["coop"].slug))
    assert response.status_code == 200, url
    assert_strict(policy(response))
    assert_inline_scripts_carry_the_nonce(response, expect_inline=inline)


def test_the_basket_and_checkout_have_the_strict_policy(client):
    product = stocked_product(stock=5)
    assert client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1}).status_code == 302
    for url in ("/shop/basket/", "/shop/checkout/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(policy(response))
        assert_inline_scripts_carry_the_nonce(response)


def test_each_answer_has_its_own_nonce(market):
    first, second = Client().get("/shop/catalogue/"), Client().get("/shop/catalogue/")
    assert nonce_of(first) and nonce_of(second) and nonce_of(first) != nonce_of(second)


def test_a_page_served_from_the_page_cache_gets_a_fresh_nonce_that_its_scripts_carry(market, settings):
    settings.PAGE_CACHE_SECONDS = 60
    first = Client().get("/shop/catalogue/")
    again = Client().get("/shop/catalogue/")
    assert again["X-Page-Cache"] == "hit"
    assert nonce_of(again) and nonce_of(first) != nonce_of(again)
    assert_inline_scripts_carry_the_nonce(again, expect_inline=True)


def test_provider_origins_follow_their_settings(market, settings):
    settings.STRIPE_JS_URL = "http://127.0.0.1:4999/js.stripe.com/v3/"
    settings.STRIPE_API_BASE = "http://127.0.0.1:4999"
    directives = policy(Client().get("/shop/catalogue/"))
    assert "http://127.0.0.1:4999" in directives["script-src"]
    assert "http://127.0.0.1:4999" in directives["connect-src"]
    assert "https://js.stripe.com" in directives["frame-src"]


def test_the_page_editor_has_its_own_policy_that_still_refuses_plugins_and_other_frames(market):
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("bien-tap", "bt@example.vn", "mat-khau-2026"))
    directives = policy(client.get("/cms-admin/"))
    assert directives["script-src"][:2] == ["'self'", "'unsafe-inline'"]
    assert not any(source.startswith("'nonce-") for source in directives["script-src"])
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'self'"]

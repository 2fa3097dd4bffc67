"""Producers add and edit products; descriptions are sanitised; stars show only once staff confirm."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_model

from portal.models import OcopClaim

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")

XSS_DESCRIPTION = (
    '<p>Chè <strong>ngon</strong></p><script>alert("xss-script")</script>'
    "<img src=x onerror=\"alert('xss-img')\"><a href=\"javascript:alert('xss-link')\">bấm</a>"
    '<p onclick="alert(\'xss-click\')" style="color:red">Hương cốm</p>'
    '<iframe src="https://evil.example/"></iframe><svg onload="alert(1)"></svg>'
    '<a href="https://ocop.example/che">Trang chè</a>'
)


def _add_tea(client, **overrides):
    data = {
        "title": "Chè búp Tân Cương",
        "category": str(get_model("catalogue", "Category").objects.get(name_vi="Chè búp").pk),
        "description": "Chè xanh\n\nSao tay",
        "price": "180000",
        "stock": "12",
        "stars_claimed": "4",
        "certificates": "OCOP 4 sao, 2025, UBND tỉnh Thái Nguyên",
    }
    data.update(overrides)
    return client.post(reverse("portal:product-add", kwargs={"class_slug": "tea"}), data)


def test_a_producer_adds_a_tea_with_its_attributes(client_a, producer_a, demo_world):
    tea_kind = get_model("catalogue", "AttributeOption").objects.filter(group__name="Loại chè").first()
    response = _add_tea(client_a, attr_tea_kind=str(tea_kind.pk), attr_net_weight_g="200")
    assert response.status_code == 302
    product = Product.objects.get(title_vi="Chè búp Tân Cương")
    assert product.producer == producer_a["producer"] and not product.is_public
    assert product.description == "<p>Chè xanh</p>\n\n<p>Sao tay</p>"
    record = product.stockrecords.get()
    assert (int(record.price), record.num_in_stock, record.price_currency) == (180000, 12, "VND")
    product.attr.initialize()
    assert product.attr.net_weight_g == 200 and product.attr.tea_kind == tea_kind


def test_bad_input_reshows_the_form_and_saves_nothing(client_a):
    response = _add_tea(client_a, price="-5", stock="abc", title="")
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"price", "stock", "title"}
    assert not Product.objects.filter(stockrecords__price=-5).exists()


def test_xss_in_a_description_is_neutralised_on_the_public_page(client_a, client):
    _add_tea(client_a, description=XSS_DESCRIPTION)
    product = Product.objects.get(title_vi="Chè búp Tân Cương")
    product.is_public = True
    product.save()
    page = client.get(product.get_absolute_url()).content.decode()
    assert "Hương cốm" in page and "<strong>ngon</strong>" in page
    for payload in (
        "xss-script",
        "xss-img",
        "xss-link",
        "xss-click",
        "onerror",
        "onload",
        "javascript:",
        "<iframe",
        "evil.example",
        "color:red",
    ):
        assert payload not in page, payload
    assert '<a href="https://ocop.example/che" rel="nofollow noopener noreferrer">Trang chè</a>' in page


def test_claimed_stars_stay_off_the_public_page_until_staff_confirm(
    client_a, client, producer_a, django_capture_on_commit_callbacks
):
    product = producer_a["product"]
    product.is_public = True
    product.save()
    assert product.ocop_stars is None
    assert "ocop-stars" not in _public_card(client, product)
    staff = get_user_model().objects.create_user("s@ocop.test", "s@ocop.test", "pw-2026-staff", is_staff=True)
    staff_client = client.__class__()
    staff_client.force_login(staff)
    claim = OcopClaim.objects.get(product=product)
    assert str(product.title) in staff_client.get(reverse("portal:claims")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("portal:claim-review", kwargs={"pk": claim.pk}), {
            "decision": "confirm", "certificate_number": "OCOP-TN-1234", "issuer": "UBND tỉnh Thái Nguyên",
            "valid_from": "2025-01-15", "valid_to": "2028-01-14",
        })
    product.refresh_from_db()
    assert product.ocop_stars == 4
    assert "★★★★<" in _public_card(client, product)


def _public_card(client, product) -> str:
    """The product's card as the shop's catalogue page shows it."""
    page = client.get(reverse("catalogue:index")).content.decode()
    cards = [card for card in page.split("<article")[1:] if product.get_absolute_url() in card]
    assert len(cards) == 1
    return cards[0]


def test_changing_the_claim_sends_it_back_to_staff(client_a, producer_a):
    product = producer_a["product"]
    claim = OcopClaim.objects.get(product=product)
    claim.status = OcopClaim.Status.CONFIRMED
    claim.save()
    client_a.post(
        reverse("portal:product-edit", kwargs={"pk": product.pk}),
        {
            "title": product.title,
            "description": "",
            "price": "200000",
            "stock": "3",
            "stars_claimed": "5",
            "certificates": "OCOP 5 sao",
            "category": str(product.categories.order_by("-depth").first().pk),
        },
    )
    claim.refresh_from_db()
    assert (claim.stars, claim.status) == (5, OcopClaim.Status.PENDING)


def test_publish_needs_a_photo_and_unpublish_hides(client_a, producer_a):
    _add_tea(client_a)
    bare = Product.objects.get(title_vi="Chè búp Tân Cương")
    url = reverse("portal:product-publish", kwargs={"pk": bare.pk})
    response = client_a.post(url, {"publish": "1"}, follow=True)
    assert "Add at least one photo" in response.content.decode()
    bare.refresh_from_db()
    assert not bare.is_public
    product = producer_a["product"]
    client_a.post(reverse("portal:product-publish", kwargs={"pk": product.pk}), {"publish": "1"})
    product.refresh_from_db()
    assert product.is_public
    client_a.post(reverse("portal:product-publish", kwargs={"pk": product.pk}), {"publish": "0"})
    product.refresh_from_db()
    assert not product.is_public


def test_stock_is_kept_from_the_list(client_a, producer_a):
    product = producer_a["product"]
    client_a.post(reverse("portal:product-stock", kwargs={"pk": product.pk}), {"stock": "42"})
    assert product.stockrecords.get().num_in_stock == 42
    client_a.post(reverse("portal:product-stock", kwargs={"pk": product.pk}), {"stock": "-1"})
    assert product.stockrecords.get().num_in_stock == 42


def test_the_product_list_keeps_a_fixed_number_of_queries(client_a, producer_a, query_budget, side):
    from portal import services
    from tests.portal.conftest import jpeg_bytes, upload

    def grow(n=5):
        for i in range(n):
            product = services.product_save(
                producer=producer_a["producer"],
                product_class=producer_a["product"].product_class,
                title=f"Thêm {i}-{Product.objects.count()}",
                description="",
                price=100000,
                stock=10,
            )
            services.photo_add(product=product, upload=upload(jpeg_bytes()), idempotency_key=f"g{product.pk}")

    def request():
        return client_a.get(reverse("portal:product-list"))

    query_budget.assert_constant(request, grow)


def test_the_demo_producer_edits_a_seeded_product_and_keeps_its_attributes(client, demo_world):
    product = Product.objects.filter(producer__users__email="dongtam@ocop.localhost").first()
    product.attr.initialize()
    values = {a.attribute.code: a.value for a in product.attribute_values.select_related("attribute")}
    assert values, "the demo product has attributes"
    client.post(
        reverse("portal:login"), {"username": "dongtam@ocop.localhost", "password": "ocop-producer-2026"}
    )
    form = client.get(reverse("portal:product-edit", kwargs={"pk": product.pk})).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else getattr(v, "pk", v)) for k, v in data.items()}
    data["stock"] = "7"
    response = client.post(reverse("portal:product-edit", kwargs={"pk": product.pk}), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    product.refresh_from_db()
    product.attr.initialize()
    after = {a.attribute.code: a.value for a in product.attribute_values.select_related("attribute")}
    assert after == values
    assert product.stockrecords.get(partner=product.producer).num_in_stock == 7


def test_the_portal_speaks_english_under_en(client_a):
    page = client_a.get("/en/portal/products/").content.decode()
    assert "My products" in page and 'lang="en"' in page


def test_stars_already_shown_are_not_sent_back_to_staff_by_an_edit(client_a, producer_a):
    product = services_product(producer_a, ocop_stars=5)
    response = client_a.post(
        reverse("portal:product-edit", kwargs={"pk": product.pk}),
        {"title": product.title, "price": "90000", "stock": "2", "stars_claimed": "5",
         "category": str(get_model("catalogue", "Category").objects.get(name_vi="Chè búp").pk)},
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.ocop_stars == 5 and not OcopClaim.objects.filter(product=product).exists()


def services_product(side, *, ocop_stars):
    from portal import services

    product = services.product_save(
        producer=side["producer"],
        product_class=side["product"].product_class,
        title="Chè 5 sao",
        description="",
        price=90000,
        stock=2,
    )
    Product.objects.filter(pk=product.pk).update(ocop_stars=ocop_stars)
    return Product.objects.get(pk=product.pk)


@pytest.mark.parametrize(
    "text",
    ["Chè xanh\n\nSao tay", "Dòng một\nDòng hai & độ ẩm > 18%", "Một đoạn"],
)
def test_plain_descriptions_come_back_as_plain_text_for_editing(client_a, producer_a, text):
    product = producer_a["product"]
    url = reverse("portal:product-edit", kwargs={"pk": product.pk})
    category = str(product.categories.order_by("-depth").first().pk)
    client_a.post(url, {"title": product.title, "description": text, "price": "200000", "stock": "3",
                        "category": category})
    form = client_a.get(url).context["form"]
    assert form["description"].value() == text


def test_rich_descriptions_are_edited_as_html(client_a, producer_a):
    product = producer_a["product"]
    url = reverse("portal:product-edit", kwargs={"pk": product.pk})
    html = "<p>Chè <strong>ngon</strong></p><ul><li>200 g</li></ul>"
    category = str(product.categories.order_by("-depth").first().pk)
    client_a.post(url, {"title": product.title, "description": html, "price": "200000", "stock": "3",
                        "category": category})
    assert client_a.get(url).context["form"]["description"].value() == html


def test_the_certificate_staff_confirm_shows_on_the_product_page_at_once(
    client_a, producer_a, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300  # the public page is cached: confirming must still show at once
    product = producer_a["product"]
    product.is_public = True
    product.save()
    claim, _ = OcopClaim.objects.get_or_create(product=product)
    claim.stars = 4
    claim.certificates = "OCOP 4 sao OCOP-TN-0042, UBND tỉnh Thái Nguyên"
    claim.status = OcopClaim.Status.PENDING
    claim.save()
    visitor = client_a.__class__()
    url = reverse("catalogue:detail", kwargs={"product_slug": product.slug, "pk": product.pk})
    assert "OCOP-TN-0042" not in visitor.get(url).content.decode()
    staff = get_user_model().objects.create_user("c@ocop.test", "c@ocop.test", "pw-2026-staff", is_staff=True)
    with_staff = client_a.__class__()
    with_staff.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        with_staff.post(reverse("portal:claim-review", kwargs={"pk": claim.pk}), {
            "decision": "confirm", "certificate_number": "OCOP-TN-0042", "issuer": "UBND tỉnh Thái Nguyên",
            "valid_from": "2025-01-15", "valid_to": "2028-01-14",
        })
    html = visitor.get(url).content.decode()
    assert "OCOP-TN-0042" in html and "★★★★" in html


@pytest.mark.parametrize("typed", ["320.000", "320000", "320,000 ₫", "320.000đ", " 320 000 "])
def test_a_price_is_accepted_the_ways_producers_type_it(client_a, typed):
    assert _add_tea(client_a, price=typed).status_code == 302
    record = Product.objects.get(title_vi="Chè búp Tân Cương").stockrecords.get()
    assert int(record.price) == 320000


@pytest.mark.parametrize(("typed", "message"), [
    ("320", "The price must be at least 1.000 ₫."),  # the portal's tests read it in English
    ("ba trăm", "Enter the price in đồng as digits, e.g. 320.000."),
])
def test_a_wrong_price_says_what_to_type(client_a, typed, message):
    response = _add_tea(client_a, price=typed)
    assert response.status_code == 200 and message in response.content.decode()

"""Producers and co-ops set their Zalo OA id and Zalo phone on their own screens, staff on the
partner's page of the dashboard; a wrong number is refused with a message, and the "Chat on Zalo"
link on their product's page follows."""

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.test.factories import UserFactory

from tests.factories import ProducerFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer(client):
    """A producer whose user is logged in."""
    producer = ProducerFactory()
    user = UserFactory()
    producer.users.add(user)
    client.force_login(user)
    return producer


def test_a_producer_sets_its_zalo_and_the_product_page_offers_the_chat(client, producer):
    response = client.post(reverse("zalo:producer"), {"zalo": "0912345678", "zalo_oa_id": "4318181818181818181"})
    assert response.status_code == 302
    producer.refresh_from_db()
    assert (producer.zalo, producer.zalo_oa_id) == ("0912345678", "4318181818181818181")
    product = ProductFactory(producer=producer)
    with translation.override("vi"):
        html = client.get(product.get_absolute_url()).content.decode()
    assert 'href="https://zalo.me/4318181818181818181"' in html


def test_a_wrong_zalo_number_is_refused_in_vietnamese(client, producer):
    response = client.post(reverse("zalo:producer"), {"zalo": "12345", "zalo_oa_id": "zalo-shop"})
    assert response.status_code == 200
    producer.refresh_from_db()
    assert producer.zalo == "" and "zalo.me/579745863508352884" in response.content.decode()


def test_a_coop_sets_its_zalo_phone_and_others_cannot(client):
    producer = ProducerFactory()
    coop = producer.coop
    member, stranger = UserFactory(), UserFactory()
    coop.users.add(member)
    client.force_login(stranger)
    assert client.post(reverse("zalo:coop", args=[coop.slug]), {"zalo_phone": "0987654321"}).status_code == 404
    client.force_login(member)
    assert client.post(reverse("zalo:coop", args=[coop.slug]), {"zalo_phone": "0987654321"}).status_code == 302
    coop.refresh_from_db()
    assert coop.zalo_phone == "0987654321"


def test_the_buyers_order_page_offers_a_chat_with_each_producer_and_coop_on_zalo(client):
    from orders.links import order_token
    from tests.fulfilment_orders import place_order, product

    producer = ProducerFactory(zalo_oa_id="4318181818181818181")
    producer.coop.zalo_phone = "0987654321"
    producer.coop.save()
    order = place_order(product(producer=producer))
    html = client.get(reverse("payments:order", kwargs={"token": order_token(order)})).content.decode()
    assert 'href="https://zalo.me/4318181818181818181"' in html and "data-zalo-chat-producer" in html
    assert 'href="https://zalo.me/0987654321"' in html and "data-zalo-chat-coop" in html
    assert "data-zalo-choice" not in html  # the shop has no Zalo OA set up: no choice to offer


def partner_page_post(admin_client, producer, **fields):
    url = reverse("dashboard:partner-manage", kwargs={"pk": producer.pk})
    form = admin_client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(name=producer.name, line1="Thôn Tân Cương", country="VN", **fields)
    return admin_client.post(url, data)


def test_staff_set_the_producers_and_its_coops_zalo_on_the_partner_page(admin_client):
    producer = ProducerFactory()
    html = admin_client.get(reverse("dashboard:partner-manage", kwargs={"pk": producer.pk})).content.decode()
    assert 'name="zalo-zalo"' in html and 'name="coop-zalo_phone"' in html and producer.coop.name in html
    response = partner_page_post(
        admin_client, producer, **{"zalo-zalo": "0912345678", "zalo-zalo_oa_id": "4318181818181818181",
                                   "coop-zalo_phone": "0987654321", "coop-zalo_oa_id": "579745863508352884"},
    )
    assert response.status_code == 302, response.context["form"].errors
    producer.refresh_from_db()
    producer.coop.refresh_from_db()
    assert (producer.zalo, producer.zalo_oa_id) == ("0912345678", "4318181818181818181")
    assert (producer.coop.zalo_phone, producer.coop.zalo_oa_id) == ("0987654321", "579745863508352884")
    assert producer.name and producer.primary_address.country_id == "VN"


@pytest.mark.parametrize(
    "field, value",
    [("zalo-zalo", "12345"), ("zalo-zalo_oa_id", "zalo-shop"), ("coop-zalo_phone", "0212345678"),
     ("coop-zalo_oa_id", "oa")],
)
def test_the_partner_page_refuses_a_wrong_zalo_phone_or_oa_id(admin_client, field, value):
    producer = ProducerFactory(zalo="0912345678")
    response = partner_page_post(admin_client, producer, **{field: value})
    assert response.status_code == 200 and response.context["form"].errors[field]
    producer.refresh_from_db()
    producer.coop.refresh_from_db()
    assert producer.zalo == "0912345678" and producer.coop.zalo_phone == "" and producer.coop.zalo_oa_id == ""

"""Producers and co-ops set their Zalo OA id and Zalo phone on their own screens; a wrong number is
refused with a message, and the "Chat on Zalo" link on their product's page follows."""

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

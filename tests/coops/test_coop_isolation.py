"""A co-op sees only orders with its members' products, and in them only its members' lines.

Every co-op URL answers 404 for another co-op and for another co-op's order, so nothing
tells whether it exists.
"""

import pytest
from django.urls import reverse

from fulfilment.models import FulfilmentGroup
from orders.statuses import OrderStatus

pytestmark = pytest.mark.django_db

#: (URL name, method, takes an order number, takes a producer id)
COOP_URLS = [
    ("coops:today", "get", False, False),
    ("coops:order-list", "get", False, False),
    ("coops:order-bulk", "post", False, False),
    ("coops:order-detail", "get", True, False),
    ("coops:order-status", "post", True, False),
    ("coops:packing-slip", "get", True, False),
    ("coops:parcel-pack", "post", True, True),
    ("coops:parcel-ship", "post", True, True),
    ("coops:shipping-label", "get", True, True),
    ("coops:sales-report", "get", False, False),
    ("coops:settlement", "get", False, False),
]
ORDER_URLS = [entry for entry in COOP_URLS if entry[2]]
SHIP_DATA = {"carrier": "ghn", "tracking_number": "GHN1", "to": "cancelled", "orders": []}


def _url(name, coop, order=None, producer=None, with_order=False, with_producer=False):
    args = [coop.slug]
    if with_order:
        args.append(order.number)
    if with_producer:
        args.append(producer.pk)
    return reverse(name, args=args)


@pytest.mark.parametrize(("name", "method", "with_order", "with_producer"), COOP_URLS)
def test_another_co_ops_screens_answer_404(our_client, theirs, name, method, with_order, with_producer):
    url = _url(name, theirs.coop, theirs.order, theirs.producer, with_order, with_producer)
    response = getattr(our_client, method)(url, SHIP_DATA if method == "post" else None)
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "method", "with_order", "with_producer"), ORDER_URLS)
def test_another_co_ops_order_answers_404_under_our_co_op(our_client, ours, theirs, name, method, with_order,
                                                          with_producer):
    url = _url(name, ours.coop, theirs.order, theirs.producer, with_order, with_producer)
    response = getattr(our_client, method)(url, SHIP_DATA if method == "post" else None)
    assert response.status_code == 404
    theirs.order.refresh_from_db()
    assert theirs.order.status == OrderStatus.PAID
    assert not FulfilmentGroup.objects.filter(order=theirs.order).exclude(state="to-pack").exists()


@pytest.mark.parametrize(("name", "method", "with_order", "with_producer"), COOP_URLS)
def test_a_producer_user_who_is_not_in_the_co_op_gets_404(client, ours, django_user_model, name, method,
                                                          with_order, with_producer):
    producer_user = django_user_model.objects.create_user(username="ho", email="ho@example.com")
    ours.producer.users.add(producer_user)
    client.force_login(producer_user)
    url = _url(name, ours.coop, ours.order, ours.producer, with_order, with_producer)
    response = getattr(client, method)(url, SHIP_DATA if method == "post" else None)
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "method", "with_order", "with_producer"), COOP_URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, ours, name, method, with_order, with_producer):
    url = _url(name, ours.coop, ours.order, ours.producer, with_order, with_producer)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_our_own_order_screens_open(our_client, ours):
    for name, method, with_order, with_producer in COOP_URLS:
        if method == "get":
            url = _url(name, ours.coop, ours.order, ours.producer, with_order, with_producer)
            assert our_client.get(url).status_code == 200, name


def test_the_order_list_shows_only_our_orders(our_client, ours, theirs):
    page = our_client.get(reverse("coops:order-list", args=[ours.coop.slug])).content.decode()
    assert ours.order.number in page
    assert theirs.order.number not in page


def test_a_mixed_order_shows_only_our_lines(our_client, ours, theirs, mixed_order):
    for name in ["coops:order-detail", "coops:packing-slip"]:
        page = our_client.get(reverse(name, args=[ours.coop.slug, mixed_order.number])).content.decode()
        assert ours.product.title in page, name
        assert theirs.product.title not in page, name
        assert theirs.producer.name not in page, name
    listing = our_client.get(reverse("coops:order-list", args=[ours.coop.slug])).content.decode()
    assert theirs.product.title not in listing


def test_their_parcel_in_a_mixed_order_is_out_of_our_reach(our_client, ours, theirs, mixed_order):
    url = reverse("coops:parcel-pack", args=[ours.coop.slug, mixed_order.number, theirs.producer.pk])
    assert our_client.post(url).status_code == 404
    theirs_done = FulfilmentGroup.objects.filter(order=mixed_order, producer=theirs.producer).exclude(state="to-pack")
    assert not theirs_done.exists()


def test_a_bulk_change_naming_their_order_changes_nothing(our_client, ours, theirs):
    url = reverse("coops:order-bulk", args=[ours.coop.slug])
    our_client.post(url, {"to": "cancelled", "orders": [ours.order.number, theirs.order.number]})
    ours.order.refresh_from_db()
    theirs.order.refresh_from_db()
    assert (ours.order.status, theirs.order.status) == (OrderStatus.PAID, OrderStatus.PAID)


def test_a_co_op_user_lands_on_their_co_ops_today_screen(our_client, ours):
    response = our_client.get(reverse("coops:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("coops:today", args=[ours.coop.slug])


def test_a_reports_export_of_another_co_op_answers_404(our_client, theirs):
    url = reverse("coops:report-export", args=[theirs.coop.slug, "settlement", "csv"])
    assert our_client.get(url).status_code == 404

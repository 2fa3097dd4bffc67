"""The co-op's screens: today's work, searching orders, bulk changes, packing and shipping, printouts."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from coops.views import ORDERS_PER_PAGE
from fulfilment.models import FulfilmentGroup
from fulfilment.templatetags.fulfilment_tags import qr_svg
from orders.statuses import OrderStatus
from tests.factories import ProducerFactory
from tests.fulfilment_orders import bulk_paid_orders, paid_order, product
from tests.order_states import order_in
from tests.traceability.conftest import build_lot, gtin13
from traceability.exports import label_uri
from traceability.services import allocate_line_lots

Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")

pytestmark = pytest.mark.django_db


def _page(client, name, coop, *args, **query):
    response = client.get(reverse(name, args=[coop.slug, *args]), query)
    assert response.status_code == 200
    return response


def _orders_in(response) -> set[str]:
    return {order.number for order in response.context["page"]}


def test_today_lists_orders_to_pack_to_ship_and_late(our_client, ours):
    packed = paid_order(ours.product)
    our_client.post(reverse("coops:parcel-pack", args=[ours.coop.slug, packed.number, ours.producer.pk]))
    group = FulfilmentGroup.objects.get(order=packed)
    late = paid_order(ours.product)
    late.status_changes.update(date_created=timezone.now() - timedelta(days=3))
    work = _page(our_client, "coops:today", ours.coop).context["work"]
    assert group.state == FulfilmentGroup.State.PACKED
    assert {o.number for o in work.to_pack} == {ours.order.number, late.number}
    assert {o.number for o in work.to_ship} == {packed.number}
    assert {o.number for o in work.late} == {late.number}


def test_a_paid_order_without_parcels_yet_is_to_pack(our_client, ours):
    order = paid_order(ours.product)
    assert not FulfilmentGroup.objects.filter(order=order).exists()
    work = _page(our_client, "coops:today", ours.coop).context["work"]
    assert order.number in {o.number for o in work.to_pack}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q", "number"),
        ("q", "Thanh"),
        ("q", "0988777666"),
        ("q", "+84988777666"),
        ("q", "Chè đặc biệt"),
        ("q", "dac-biet@example.com"),
    ],
)
def test_the_order_search_finds_by_number_customer_phone_product_and_email(our_client, ours, query, expected):
    special = product(producer=ours.producer, title="Chè đặc biệt tìm kiếm")
    order = paid_order(special, first_name="Thanh", phone="0988777666", email="dac-biet@example.com")
    term = order.number if expected == "number" else expected
    found = _orders_in(_page(our_client, "coops:order-list", ours.coop, q=term))
    assert found == {order.number}


def test_the_order_list_filters_by_status_and_date(our_client, ours):
    cancelled = order_in(OrderStatus.CANCELLED, ours.product)
    old = paid_order(ours.product)
    Order.objects.filter(pk=old.pk).update(date_placed=timezone.now() - timedelta(days=40))
    by_status = _orders_in(_page(our_client, "coops:order-list", ours.coop, status="cancelled"))
    assert by_status == {cancelled.number}
    since = (timezone.localdate() - timedelta(days=10)).isoformat()
    recent = _orders_in(_page(our_client, "coops:order-list", ours.coop, placed_from=since))
    assert old.number not in recent and ours.order.number in recent
    until = (timezone.localdate() - timedelta(days=30)).isoformat()
    assert _orders_in(_page(our_client, "coops:order-list", ours.coop, placed_to=until)) == {old.number}


def test_a_bad_date_filter_shows_an_error_and_all_orders(our_client, ours):
    response = _page(our_client, "coops:order-list", ours.coop, placed_from="31/02/2026")
    assert response.context["form"].errors
    assert ours.order.number in _orders_in(response)


def test_bulk_packing_packs_the_co_ops_parcels_of_every_ticked_order(our_client, ours):
    second = paid_order(ours.product)
    response = our_client.post(
        reverse("coops:order-bulk", args=[ours.coop.slug]), {"to": "packing", "orders": [ours.order.number,
                                                                                             second.number]}
    )
    assert response.status_code == 302
    for order in (ours.order, second):
        order.refresh_from_db()
        assert order.status == OrderStatus.PACKING
        assert FulfilmentGroup.objects.get(order=order).state == FulfilmentGroup.State.PACKED
    assert OrderStatusChange.objects.filter(order=second, new_status="packing", changed_by=ours.user).exists()
    assert set(second.lines.values_list("status", flat=True)) == {OrderStatus.PACKING}


def test_a_bulk_change_is_all_or_nothing(our_client, ours):
    shipped = order_in(OrderStatus.SHIPPED, ours.product)
    response = our_client.post(
        reverse("coops:order-bulk", args=[ours.coop.slug]),
        {"to": "delivered", "orders": [shipped.number, ours.order.number]},
        follow=True,
    )
    assert "Nothing was changed" in response.content.decode() or "Không" in response.content.decode()
    shipped.refresh_from_db()
    assert shipped.status == OrderStatus.SHIPPED


def test_a_co_op_cannot_cancel_an_order_shared_with_another_co_op(our_client, ours, mixed_order):
    url = reverse("coops:order-status", args=[ours.coop.slug, mixed_order.number])
    our_client.post(url, {"to": "cancelled"})
    mixed_order.refresh_from_db()
    assert mixed_order.status == OrderStatus.PAID


def test_shipping_a_parcel_from_the_order_page(our_client, ours):
    url = reverse("coops:parcel-ship", args=[ours.coop.slug, ours.order.number, ours.producer.pk])
    response = our_client.post(url, {"carrier": "viettel-post", "tracking_number": "VTP123456"})
    assert response.status_code == 302
    ours.order.refresh_from_db()
    assert ours.order.status == OrderStatus.SHIPPED
    detail = _page(our_client, "coops:order-detail", ours.coop, ours.order.number).content.decode()
    assert "VTP123456" in detail and "Viettel Post" in detail


@pytest.mark.parametrize(
    "data", [{"carrier": "ghn", "tracking_number": ""}, {"carrier": "other", "tracking_number": "X1"},
             {"carrier": "pigeon", "tracking_number": "P1"}]
)
def test_a_bad_shipping_form_shows_again_with_errors_and_saves_nothing(our_client, ours, data):
    url = reverse("coops:parcel-ship", args=[ours.coop.slug, ours.order.number, ours.producer.pk])
    response = our_client.post(url, data)
    assert response.status_code == 400
    assert response.context["ship_form"].errors
    assert not FulfilmentGroup.objects.filter(order=ours.order).exclude(state=FulfilmentGroup.State.TO_PACK).exists()


def test_the_packing_slip_carries_a_qr_for_each_line(our_client, ours):
    other = product(producer=ours.producer, title="Chè thứ hai")
    order = paid_order(ours.product, other)
    page = _page(our_client, "coops:packing-slip", ours.coop, order.number).content.decode()
    assert page.count("<svg") == 2
    assert "@media print" in page
    assert ours.product.title in page and other.title in page


def test_a_line_with_a_lot_gets_the_lots_digital_link_on_the_packing_slip(our_client, ours):
    ours.product.upc = gtin13()
    ours.product.save(update_fields=["upc"])
    lot = build_lot(product=ours.product, code="SLIP-1")
    other = product(producer=ours.producer, title="Chè chưa có lô")
    order = paid_order(ours.product, other)
    allocate_line_lots(order=order)
    page = _page(our_client, "coops:packing-slip", ours.coop, order.number).content.decode()
    link = label_uri(lot)
    assert link.startswith("http") and f"/01/{lot.gtin}/10/SLIP-1" in link
    assert link in page and "SLIP-1" in page
    assert qr_svg(link, scale=2) in page  # the code drawn is the lot's Digital Link
    assert qr_svg(settings.SITE_URL.rstrip("/") + other.get_absolute_url(), scale=2) in page


def test_the_shipping_label_names_sender_receiver_and_tracking(our_client, ours):
    our_client.post(
        reverse("coops:parcel-ship", args=[ours.coop.slug, ours.order.number, ours.producer.pk]),
        {"carrier": "vnpost", "tracking_number": "EV998877VN"},
    )
    page = _page(our_client, "coops:shipping-label", ours.coop, ours.order.number, ours.producer.pk)
    html = page.content.decode()
    assert ours.producer.name in html and "EV998877VN" in html and "Tea" in html
    assert "<svg" in html


def test_the_order_list_costs_the_same_queries_at_10_orders_and_past_a_full_page(our_client, ours, query_budget):
    """One order on the page or a full page of them (and more pages behind): the same queries."""
    producer = ProducerFactory(coop=ours.coop)
    item = product(producer=producer, stockrecords__num_in_stock=ORDERS_PER_PAGE + 20)
    bulk_paid_orders(9, product=item)
    url = reverse("coops:order-list", args=[ours.coop.slug])
    assert Order.objects.filter(lines__partner__coop=ours.coop).distinct().count() == 10

    def grow():
        bulk_paid_orders(ORDERS_PER_PAGE + 5, product=item)

    query_budget.assert_constant(lambda: our_client.get(url), grow)
    page = _page(our_client, "coops:order-list", ours.coop).context["page"]
    assert page.paginator.count == ORDERS_PER_PAGE + 15 and len(page.object_list) == ORDERS_PER_PAGE


def test_today_costs_the_same_queries_as_orders_grow(our_client, ours, query_budget):
    item = product(producer=ours.producer, stockrecords__num_in_stock=40)
    url = reverse("coops:today", args=[ours.coop.slug])
    query_budget.assert_constant(lambda: our_client.get(url), lambda: bulk_paid_orders(30, product=item))


def test_the_bulk_form_never_sends_the_user_to_another_site(our_client, ours):
    url = reverse("coops:order-bulk", args=[ours.coop.slug])
    response = our_client.post(url, {"to": "packing", "orders": [ours.order.number], "next": "https://evil.example/"})
    assert response["Location"] == reverse("coops:order-list", args=[ours.coop.slug])

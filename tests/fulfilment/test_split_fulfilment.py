"""An order of three producers is fulfilled as three parcels, each packed and shipped on its own."""

import pytest
from oscar.core.loading import get_class, get_model

from fulfilment.models import Carrier, FulfilmentGroup
from fulfilment.services import FulfilmentError, ensure_fulfilment_groups, group_of, pack_group, ship_group
from orders.statuses import OrderStatus
from tests.fulfilment_orders import paid_order, place_order, product

Order = get_model("order", "Order")
EventHandler = get_class("order.processing", "EventHandler")

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_producer_order():
    order = paid_order(product(), product(), product())
    ensure_fulfilment_groups(order=order)
    return order


def _status(order) -> str:
    return Order.objects.get(pk=order.pk).status


def test_a_paid_order_splits_into_one_group_per_producer(three_producer_order):
    groups = FulfilmentGroup.objects.filter(order=three_producer_order)
    producers = {line.partner_id for line in three_producer_order.lines.all()}
    assert groups.count() == 3
    assert set(groups.values_list("producer_id", flat=True)) == producers
    assert set(groups.values_list("state", flat=True)) == {FulfilmentGroup.State.TO_PACK}


def test_splitting_again_adds_nothing(three_producer_order):
    assert len(ensure_fulfilment_groups(order=three_producer_order)) == 3
    assert FulfilmentGroup.objects.filter(order=three_producer_order).count() == 3


def test_lines_of_one_producer_share_a_parcel():
    tea = product()
    sibling = product(producer=tea.producer)
    order = paid_order(tea, sibling)
    assert len(ensure_fulfilment_groups(order=order)) == 1


def test_the_first_packed_parcel_moves_the_order_to_packing(three_producer_order, django_user_model):
    packer = django_user_model.objects.create_user(username="packer", email="p@example.com")
    first = FulfilmentGroup.objects.filter(order=three_producer_order).first()
    pack_group(group=first, by=packer, notify=False)
    first.refresh_from_db()
    assert first.state == FulfilmentGroup.State.PACKED
    assert first.packed_by == packer and first.packed_at is not None
    assert _status(three_producer_order) == OrderStatus.PACKING


def test_the_order_ships_only_when_every_parcel_has_shipped(three_producer_order):
    groups = list(FulfilmentGroup.objects.filter(order=three_producer_order))
    shipments = [(Carrier.VNPOST, "EV111VN"), (Carrier.VIETTEL_POST, "VTP222"), (Carrier.GHTK, "S333")]
    for group, (carrier, number) in zip(groups[:2], shipments, strict=False):
        ship_group(group=group, carrier=carrier, tracking_number=number, by=None, notify=False)
        assert _status(three_producer_order) == OrderStatus.PACKING
    last_carrier, last_number = shipments[2]
    ship_group(group=groups[2], carrier=last_carrier, tracking_number=last_number, by=None, notify=False)
    assert _status(three_producer_order) == OrderStatus.SHIPPED
    recorded = FulfilmentGroup.objects.filter(order=three_producer_order)
    assert {(g.carrier, g.tracking_number) for g in recorded} == set(shipments)
    assert all(g.state == FulfilmentGroup.State.SHIPPED and g.packed_at for g in recorded)


def test_each_parcel_keeps_its_own_carrier_and_number(three_producer_order):
    group = FulfilmentGroup.objects.filter(order=three_producer_order).first()
    ship_group(
        group=group, carrier=Carrier.OTHER, carrier_name="Xe khách Thái Nguyên", tracking_number=" XK-01 ",
        by=None, notify=False,
    )
    group.refresh_from_db()
    assert (group.carrier_label, group.tracking_number) == ("Xe khách Thái Nguyên", "XK-01")


@pytest.mark.parametrize(
    ("carrier", "tracking", "carrier_name"),
    [(Carrier.GHN, "", ""), (Carrier.GHN, "   ", ""), ("pigeon", "P1", ""), (Carrier.OTHER, "X1", "")],
)
def test_a_parcel_needs_a_known_carrier_and_a_tracking_number(three_producer_order, carrier, tracking,
                                                               carrier_name):
    group = FulfilmentGroup.objects.filter(order=three_producer_order).first()
    with pytest.raises(FulfilmentError):
        ship_group(group=group, carrier=carrier, tracking_number=tracking, carrier_name=carrier_name, by=None)
    group.refresh_from_db()
    assert group.state == FulfilmentGroup.State.TO_PACK and group.tracking_number == ""


def test_a_parcel_cannot_be_packed_or_shipped_twice(three_producer_order):
    group = FulfilmentGroup.objects.filter(order=three_producer_order).first()
    pack_group(group=group, by=None, notify=False)
    with pytest.raises(FulfilmentError):
        pack_group(group=group, by=None, notify=False)
    ship_group(group=group, carrier=Carrier.GHN, tracking_number="G1", by=None, notify=False)
    with pytest.raises(FulfilmentError):
        ship_group(group=group, carrier=Carrier.GHN, tracking_number="G2", by=None, notify=False)


def test_an_order_waiting_for_its_refund_has_nothing_to_pack(three_producer_order):
    EventHandler().handle_order_status_change(three_producer_order, OrderStatus.REFUND_PENDING, notify=False)
    group = FulfilmentGroup.objects.filter(order=three_producer_order).first()
    with pytest.raises(FulfilmentError):
        pack_group(group=group, by=None, notify=False)
    with pytest.raises(FulfilmentError):
        ship_group(group=group, carrier=Carrier.GHN, tracking_number="G1", by=None, notify=False)


def test_an_unpaid_order_cannot_be_packed():
    order = place_order(product())
    with pytest.raises(FulfilmentError):
        pack_group(group=group_of(order=order, producer=order.lines.get().partner), by=None)
    assert set(order.lines.values_list("status", flat=True)) == {OrderStatus.PENDING_PAYMENT}


def test_packing_and_shipping_set_the_parcels_lines_and_record_oscars_shipping_events(three_producer_order):
    first, second, _third = FulfilmentGroup.objects.filter(order=three_producer_order)
    pack_group(group=first, by=None, notify=False)
    ship_group(group=second, carrier=Carrier.GHN, tracking_number="G9", by=None, notify=False)
    statuses = {line.partner_id: line.status for line in three_producer_order.lines.all()}
    assert statuses[first.producer_id] == OrderStatus.PACKING
    assert statuses[second.producer_id] == OrderStatus.SHIPPED
    assert sorted(statuses.values()).count(OrderStatus.PAID) == 1
    events = three_producer_order.shipping_events.order_by("pk")
    assert [event.event_type.code for event in events] == ["packed", "shipped"]
    assert "G9" in events[1].notes

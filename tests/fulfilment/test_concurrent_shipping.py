"""Two people shipping the last two parcels of an order at the same moment still ship the order."""

import threading

import pytest
from django.db import connection
from oscar.core.loading import get_model

from fulfilment.models import Carrier
from fulfilment.services import ensure_fulfilment_groups, ship_group
from orders.statuses import OrderStatus
from tests.fulfilment_orders import paid_order, product

Order = get_model("order", "Order")

pytestmark = pytest.mark.postgres


# transactional_db as a fixture (not a marker) puts this committing test with the others, last.
def test_parcels_shipped_at_once_move_the_order_to_shipped_exactly_once(transactional_db):
    order = paid_order(product(), product())
    groups = ensure_fulfilment_groups(order=order)
    start = threading.Barrier(len(groups))
    errors = []

    def ship(group, number):
        try:
            connection.ensure_connection()  # connect first, so both ship at the same moment
            start.wait(timeout=10)
            ship_group(group=group, carrier=Carrier.GHN, tracking_number=number, by=None, notify=False)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=ship, args=(g, f"GHN{i}")) for i, g in enumerate(groups)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert Order.objects.get(pk=order.pk).status == OrderStatus.SHIPPED
    assert order.status_changes.filter(new_status=OrderStatus.SHIPPED).count() == 1

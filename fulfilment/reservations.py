"""What an order holds follows its status: stock and lot units are given back when its goods will
never leave, and stock is taken off the shelf when they do.

At checkout every line allocates stock (``producers.StockRecord.allocate``) and a lot
(``traceability.services.allocate_line_lots``). When the order is cancelled, expires unpaid, or is
refunded before shipping, both are released; when it ships, the stock allocation is consumed
(Oscar's ``consume_allocation``: the units leave the count in stock and the allocated count).
The lot keeps its units allocated once shipped: they were sold from it.
"""

import logging

from orders.statuses import OrderStatus

logger = logging.getLogger(__name__)

#: Statuses in which nothing has left the producers yet.
NOT_SHIPPED = (OrderStatus.PENDING_PAYMENT, OrderStatus.PAID, OrderStatus.PACKING)
RELEASING = (OrderStatus.CANCELLED, OrderStatus.EXPIRED, OrderStatus.REFUNDED)


def _tracked_lines(order):
    lines = order.lines.select_related("stockrecord", "product__product_class", "product__parent")
    return [
        line for line in lines
        if line.stockrecord_id and line.product_id and line.product.get_product_class().track_stock
    ]


def release(order) -> None:
    """Give back the stock and lot units the order's lines hold."""
    from traceability.services import release_line_lots

    for line in _tracked_lines(order):
        line.stockrecord.cancel_allocation(line.quantity)
    release_line_lots(order=order)


def consume(order) -> None:
    """The order's goods have left: take them off the stock count along with their allocation.

    A line whose stock was already counted down by hand (fewer units in stock or allocated than
    it ordered) only drops its allocation, so no count goes below zero.
    """
    for line in _tracked_lines(order):
        record = line.stockrecord
        if record.is_allocation_consumption_possible(line.quantity) and (record.num_in_stock or 0) >= line.quantity:
            record.consume_allocation(line.quantity)
        else:
            logger.warning("order %s line %s: stock already counted down, allocation dropped", order.number, line.pk)
            record.cancel_allocation(line.quantity)


def follow_status(order, *, was: str, now: str) -> None:
    """Release or consume what ``order`` holds as it moves from ``was`` to ``now`` (inside its transaction)."""
    if now in RELEASING and was in NOT_SHIPPED:
        release(order)
    elif now == OrderStatus.SHIPPED:
        consume(order)

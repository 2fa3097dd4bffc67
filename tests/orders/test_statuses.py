"""One status pipeline, read by Oscar from the settings; every code in it has a label."""

from django.conf import settings

from orders.statuses import OrderStatus, pipeline


def test_the_pipeline_is_the_one_oscar_reads_for_orders_and_lines():
    assert pipeline() is settings.OSCAR_ORDER_STATUS_PIPELINE
    assert settings.OSCAR_LINE_STATUS_PIPELINE is settings.OSCAR_ORDER_STATUS_PIPELINE
    assert settings.OSCAR_INITIAL_ORDER_STATUS == settings.OSCAR_INITIAL_LINE_STATUS == OrderStatus.PENDING_PAYMENT


def test_every_status_has_a_row_and_a_label_and_every_target_is_a_status():
    assert set(pipeline()) == set(OrderStatus.values)
    assert all(target in OrderStatus.values for targets in pipeline().values() for target in targets)


def test_lines_follow_every_order_status_but_packing_which_each_parcel_sets():
    assert set(settings.OSCAR_ORDER_STATUS_CASCADE) == set(OrderStatus.values) - {OrderStatus.PACKING}
    assert all(order == line for order, line in settings.OSCAR_ORDER_STATUS_CASCADE.items())


def test_a_paid_order_cannot_be_cancelled_only_refunded():
    assert OrderStatus.CANCELLED not in pipeline()[OrderStatus.PAID]
    assert OrderStatus.REFUND_PENDING in pipeline()[OrderStatus.PAID]

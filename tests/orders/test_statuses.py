"""The settings Oscar reads and the pipeline module describe the same status machine."""

from django.conf import settings

from orders.statuses import PIPELINE, OrderStatus


def test_oscar_pipeline_matches_the_domain_pipeline():
    assert settings.OSCAR_ORDER_STATUS_PIPELINE == {str(k): tuple(map(str, v)) for k, v in PIPELINE.items()}
    assert settings.OSCAR_INITIAL_ORDER_STATUS == OrderStatus.PENDING_PAYMENT


def test_every_status_has_a_row_and_every_target_is_a_status():
    assert set(PIPELINE) == set(OrderStatus.values)
    assert all(target in OrderStatus.values for targets in PIPELINE.values() for target in targets)

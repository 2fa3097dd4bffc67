"""Checkout tests count orders from an empty order book."""

import pytest
from oscar.core.loading import get_model


@pytest.fixture(autouse=True)
def empty_order_book(db):
    """The demo's orders are removed inside each test's transaction (and come back after it)."""
    get_model("order", "Order").objects.all().delete()

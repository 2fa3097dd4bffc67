"""Signed order links open the right order and nothing else."""

import pytest
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from orders.links import order_from_token, order_token

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def test_a_token_leads_back_to_its_order():
    order = create_order()
    assert order_from_token(order_token(order)) == order


@pytest.mark.parametrize("tamper", [lambda t: t[:-2] + "xx", lambda t: "x" + t, lambda t: ""])
def test_an_altered_token_opens_nothing(tamper):
    order = create_order()
    with pytest.raises(Order.DoesNotExist):
        order_from_token(tamper(order_token(order)))


def test_an_expired_token_opens_nothing():
    order = create_order()
    token = order_token(order)
    with pytest.raises(Order.DoesNotExist):
        order_from_token(token, max_age=-1)

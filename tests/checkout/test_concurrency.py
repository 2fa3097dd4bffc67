"""Concurrent checkouts on PostgreSQL, real transactions in threads: no overselling, one order per basket."""

import threading

import pytest
from django.db import connection
from oscar.core.loading import get_model

from checkout.services import UnableToPlaceOrder
from tests.checkout_support import basket_with, place, stocked_product

pytestmark = pytest.mark.postgres
Order = get_model("order", "Order")


def run_together(jobs):
    """Start every job at the same instant (a barrier), each on its own connection; collect outcomes."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait()
            outcomes[index] = job()
        except Exception as error:  # noqa: BLE001 - the outcome is what we assert on
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def test_thirty_buyers_for_five_jars_make_exactly_five_orders(transactional_db):
    jar = stocked_product(stock=5)
    baskets = [basket_with((jar, 1)) for _ in range(30)]
    outcomes = run_together(
        [lambda basket=basket: place(basket, email="b@example.com") for basket in baskets]
    )
    placed = [o for o in outcomes if not isinstance(o, Exception)]
    refused = [o for o in outcomes if isinstance(o, UnableToPlaceOrder)]
    assert len(placed) == 5 and len(refused) == 25, outcomes
    record = jar.stockrecords.get()
    assert record.num_allocated == 5 and record.num_in_stock - record.num_allocated == 0
    assert Order.objects.filter(lines__product=jar).count() == 5


def test_two_simultaneous_submits_of_one_basket_make_one_order(transactional_db):
    jar = stocked_product(stock=10)
    basket = basket_with((jar, 2))
    outcomes = run_together([lambda: place(basket_with_id(basket.pk)) for _ in range(2)])
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert outcomes[0].order.pk == outcomes[1].order.pk
    assert sorted(o.created for o in outcomes) == [False, True]
    assert Order.objects.count() == 1
    assert jar.stockrecords.get().num_allocated == 2


def basket_with_id(pk):
    Basket = get_model("basket", "Basket")
    return Basket.objects.get(pk=pk)

"""A producer sees and packs only their own lines of an order, and is warned of low stock."""

import pytest
from django.urls import reverse

from tests.checkout_support import basket_with, place

pytestmark = pytest.mark.django_db


def test_the_order_list_shows_only_own_lines_of_a_shared_order(
    client_a, producer_a, producer_b, shared_order
):
    page = client_a.get(reverse("portal:order-list")).content.decode()
    assert str(shared_order.number) in page
    assert producer_a["product"].title in page
    assert producer_b["product"].title not in page


def test_a_producer_marks_their_line_packed_and_the_other_line_is_untouched(
    client_a, producer_a, producer_b, shared_order
):
    own = shared_order.lines.get(partner=producer_a["producer"])
    other = shared_order.lines.get(partner=producer_b["producer"])
    response = client_a.post(reverse("portal:line-packed", kwargs={"line_pk": own.pk}), follow=True)
    assert "Marked as packed" in response.content.decode()
    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.status, other.status) == ("packing", "paid")
    shared_order.refresh_from_db()
    assert shared_order.status == "packing"
    assert shared_order.status_changes.latest("pk").changed_by == producer_a["user"]


def test_an_unpaid_line_cannot_be_packed(client_a, producer_a):
    unpaid = place(basket_with((producer_a["product"], 1))).order
    own = unpaid.lines.get()
    response = client_a.post(reverse("portal:line-packed", kwargs={"line_pk": own.pk}), follow=True)
    assert "Only paid lines can be packed" in response.content.decode()
    own.refresh_from_db()
    assert own.status == "pending-payment"


def test_low_stock_alerts_list_own_products_only(client_a, producer_a, producer_b):
    page = client_a.get(reverse("portal:home")).content.decode()
    alerts = page.split("data-low-stock", 1)[1].split("</ul>", 1)[0]
    assert producer_a["product"].title in alerts
    assert producer_b["product"].title not in alerts
    record = producer_a["product"].stockrecords.get()
    record.num_in_stock = 50
    record.save()
    assert "data-low-stock" not in client_a.get(reverse("portal:home")).content.decode()


@pytest.mark.parametrize("name", ["portal:order-list", "portal:home"])
def test_order_pages_keep_a_fixed_number_of_queries(
    client_a, producer_a, producer_b, shared_order, query_budget, name
):
    from oscar.test.factories import create_basket, create_order

    def grow():
        for side in (producer_a, producer_b):
            record = side["product"].stockrecords.get()
            record.num_in_stock += 4
            record.save()
        for _ in range(4):
            basket = create_basket(empty=True)
            basket.add_product(producer_a["product"], 1)
            basket.add_product(producer_b["product"], 1)
            create_order(basket=basket)

    query_budget.assert_constant(lambda: client_a.get(reverse(name)), grow)

"""Orders for the fulfilment and co-op tests, placed and paid as customers do."""

from oscar.core.loading import get_class, get_model

from tests.checkout_support import pay_by_bank, place
from tests.factories import ProductFactory

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")


def place_order(*products, user=None, email="khach@example.com", first_name="Lan", last_name="Nguyễn Thị",
                phone="0912345678", quantity=1, language="vi", on_zalo=False):
    """A pending-payment order (VietQR) for ``quantity`` of each product, placed as the checkout does."""
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy()
    for item in products:
        basket.add_product(item, quantity=quantity)
    placed = place(
        basket, user=user, email=email, first_name=first_name, last_name=last_name, phone=phone,
        language=language, on_zalo=on_zalo,
    )
    return placed.order


def paid_order(*products, **kwargs):
    """An order placed, then paid by a bank transfer through the service the bank webhook uses."""
    order = place_order(*products, **kwargs)
    pay_by_bank(order)
    return order


def bulk_paid_orders(how_many: int, *, product) -> list:
    """``how_many`` paid orders of one unit of ``product`` each, for query budgets.

    Each is placed and paid like any other (checkout placement, then the bank notification's
    service), so the lines, stock, lots and history are what the shop itself writes; the
    product needs ``how_many`` units in stock.
    """
    return [paid_order(product, email=f"k{i}@example.com") for i in range(how_many)]


def product(**kwargs):
    """A product of a new (or the given) producer, outside any category (the demo owns the tree)."""
    return ProductFactory(categories=None, **kwargs)

"""Orders for the fulfilment and co-op tests: placed and paid as customers do, or bulk-made fast."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from oscar.core.loading import get_class, get_model

from orders.statuses import OrderStatus
from tests.checkout_support import pay_by_bank, place
from tests.factories import ProductFactory

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")



def place_order(*products, user=None, email="khach@example.com", first_name="Lan", last_name="Nguyễn Thị",
                phone="0912345678", quantity=1, language="vi"):
    """A pending-payment order (VietQR) for ``quantity`` of each product, placed as the checkout does."""
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy()
    for item in products:
        basket.add_product(item, quantity=quantity)
    placed = place(
        basket, user=user, email=email, first_name=first_name, last_name=last_name, phone=phone,
        language=language,
    )
    return placed.order


def paid_order(*products, **kwargs):
    """An order placed, then paid by a bank transfer through the service the bank webhook uses."""
    order = place_order(*products, **kwargs)
    pay_by_bank(order)
    return order


def bulk_paid_orders(how_many: int, *, product, prefix: str = "B") -> None:
    """``how_many`` paid orders of one line each, written with bulk_create (for query budgets)."""
    stockrecord = product.stockrecords.first()
    now = timezone.now()
    orders = Order.objects.bulk_create(
        Order(
            number=f"{prefix}{i:07d}", currency="VND", total_incl_tax=Decimal(199000),
            total_excl_tax=Decimal(199000), status=OrderStatus.PAID, guest_email=f"k{i}@example.com",
            date_placed=now - timedelta(minutes=i),
        )
        for i in range(how_many)
    )
    Line.objects.bulk_create(
        Line(
            order=order, partner=stockrecord.partner, partner_name=stockrecord.partner.name,
            partner_sku=stockrecord.partner_sku, stockrecord=stockrecord, product=product,
            title=product.title, quantity=1, line_price_incl_tax=Decimal(199000),
            line_price_excl_tax=Decimal(199000), line_price_before_discounts_incl_tax=Decimal(199000),
            line_price_before_discounts_excl_tax=Decimal(199000), unit_price_incl_tax=Decimal(199000),
            unit_price_excl_tax=Decimal(199000), status=OrderStatus.PAID, num_allocated=1,
        )
        for order in orders
    )


def product(**kwargs):
    """A product of a new (or the given) producer, outside any category (the demo owns the tree)."""
    return ProductFactory(categories=None, **kwargs)

"""Orders for the fulfilment and co-op tests: placed through Oscar's OrderCreator, or bulk-made fast."""

from datetime import timedelta
from decimal import Decimal
from itertools import count

from django.utils import timezone
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order

from fulfilment.services import change_order_status
from orders.statuses import OrderStatus
from tests.factories import ProductFactory

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")
Selector = get_class("partner.strategy", "Selector")

_numbers = count(1)


def vietnam():
    country, _ = Country.objects.get_or_create(
        iso_3166_1_a2="VN",
        defaults={"iso_3166_1_a3": "VNM", "iso_3166_1_numeric": "704", "name": "Việt Nam",
                  "printable_name": "Việt Nam", "is_shipping_country": True},
    )
    return country


def place_order(*products, user=None, email="khach@example.com", first_name="Lan", last_name="Nguyễn Thị",
                phone="0912345678", number=None, quantity=1):
    """A pending-payment order for one of each product (bought from its producer), with an address."""
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy()
    for product in products:
        basket.add_product(product, quantity=quantity)
    address = ShippingAddress.objects.create(
        first_name=first_name, last_name=last_name, line1="12 Hàng Bông", line4="Hà Nội",
        country=vietnam(), phone_number=phone,
    )
    extra = {} if user else {"guest_email": email}
    return create_order(
        number=number or f"T{next(_numbers):06d}", basket=basket, user=user, shipping_address=address, **extra
    )


def paid_order(*products, **kwargs):
    """An order moved to "paid" through the pipeline (no e-mails), so it has its fulfilment groups."""
    order = place_order(*products, **kwargs)
    change_order_status(order=order, to=OrderStatus.PAID, by=None, notify=False)
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

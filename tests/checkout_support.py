"""Building baskets and placing orders the way the checkout does, for checkout and payments tests."""

import itertools
import time
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from oscar.core.loading import get_class, get_model

from checkout.services import place_pending_order

Basket = get_model("basket", "Basket")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
_serials = itertools.count(int(time.time() * 1000) % 10_000_000)
Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")
Selector = get_class("partner.strategy", "Selector")
Free = get_class("shipping.methods", "Free")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")


def vietnam():
    country, _ = Country.objects.get_or_create(
        iso_3166_1_a2="VN",
        defaults={
            "iso_3166_1_a3": "VNM",
            "iso_3166_1_numeric": "704",
            "name": "Vietnam",
            "printable_name": "Việt Nam",
            "is_shipping_country": True,
        },
    )
    return country


def stocked_product(*, stock: int, price: int = 250000):
    """A product whose class tracks stock, with one stock record of ``stock`` units at ``price`` ₫."""
    product_class, _ = ProductClass.objects.get_or_create(
        slug="checkout-test",
        defaults={"name": "Checkout test", "track_stock": True, "requires_shipping": True},
    )
    serial = next(_serials)
    partner = Partner.objects.create(name=f"Hộ thử {serial}", code=f"checkout-test-{serial}")
    product = Product.objects.create(
        title=f"Chè thử {serial}",
        slug=f"che-thu-checkout-{serial}",
        product_class=product_class,
        producer=partner,
        structure=Product.STANDALONE,
        is_public=True,
    )
    StockRecord.objects.create(
        product=product,
        partner=partner,
        partner_sku=f"SKU-{serial}",
        price=Decimal(price),
        price_currency="VND",
        num_in_stock=stock,
        num_allocated=0,
    )
    return product


def basket_with(*lines) -> object:
    """An open basket holding (product, quantity) pairs, priced by the shop's strategy."""
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for product, quantity in lines:
        basket.add_product(product, quantity)
    return basket


def place(
    basket,
    *,
    method: str = "vietqr",
    email: str = "buyer@example.com",
    language: str = "vi",
    user=None,
    first_name: str = "Lan",
    last_name: str = "Nguyễn",
    phone: str = "+84912345678",
    on_zalo: bool = False,
):
    """Place the basket as the checkout does (free shipping to a Vietnamese address);
    ``on_zalo`` is the buyer ticking "Get order updates on Zalo"."""
    basket.strategy = Selector().strategy()
    shipping_method = Free()
    charge = shipping_method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    address = ShippingAddress(
        first_name=first_name,
        last_name=last_name,
        line1="12 Hàng Bông",
        line4="Phường Hoàn Kiếm",
        state="Thành phố Hà Nội",
        country=vietnam(),
        phone_number=phone,
    )
    return place_pending_order(
        basket=basket,
        user=user or AnonymousUser(),
        email=user.email if user else email,
        shipping_address=address,
        shipping_method=shipping_method,
        shipping_charge=charge,
        order_total=total,
        payment_method=method,
        language=language,
        on_zalo=on_zalo,
    )


def bank_notification(order, *, amount: int | None = None, content: str | None = None) -> dict:
    """The JSON the bank sends when a transfer for ``order`` arrives (by default: the exact amount)."""
    serial = next(_serials)
    return {
        "id": f"bank-{serial}",
        "gateway": "Vietcombank",
        "transactionDate": "2026-11-28 10:15:00",
        "accountNumber": "1023456789",
        "content": f"MBVCB.{serial}.{order.number}.CT" if content is None else content,
        "transferType": "in",
        "transferAmount": order.payment.amount if amount is None else amount,
        "referenceCode": f"FT{serial}",
    }


def pay_by_bank(order, *, amount: int | None = None):
    """Pay ``order`` the way a bank notification does (the service behind the bank webhook)."""
    from payments.services import record_bank_notification

    transfer = record_bank_notification(notification=bank_notification(order, amount=amount))
    order.refresh_from_db()
    return transfer

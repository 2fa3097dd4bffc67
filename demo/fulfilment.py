"""Demo orders across both co-ops in every stage of fulfilment (paid, packing, shipped, late…).

Orders are looked up by their fixed demo numbers, so running the seed again changes nothing.
Every step goes through the order's state machine (a payment event, then the parcels' packing
and shipping) without e-mails.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order

from fulfilment.models import Carrier, FulfilmentGroup
from fulfilment.services import ensure_fulfilment_groups, pack_group, ship_group
from orders.statuses import OrderStatus

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")
Product = get_model("catalogue", "Product")
OrderStatusChange = get_model("order", "OrderStatusChange")
Selector = get_class("partner.strategy", "Selector")
EventHandler = get_class("order.processing", "EventHandler")

Report = Callable[[str], None]


@dataclass(frozen=True)
class DemoOrder:
    number: str
    customer: tuple[str, str, str, str, str]  # first name, last name, address line, city, phone
    email: str
    items: tuple[tuple[str, int], ...]  # (product UPC, quantity)
    days_ago: int
    stage: str  # pending-payment, paid, packing, half-shipped, shipped, delivered, cancelled


DEMO_ORDERS = [
    DemoOrder("DEMO-1001", ("Lan", "Nguyễn Thị", "12 Hàng Bông", "Hà Nội", "0912345001"),
              "lan.nguyen@example.com", (("8930000000019", 1), ("8930000000033", 2)), 0, "paid"),
    DemoOrder("DEMO-1002", ("Minh", "Trần Văn", "45 Lê Lợi, Bến Nghé", "TP. Hồ Chí Minh", "0912345002"),
              "minh.tran@example.com", (("8930000000040", 1), ("8930000000026", 1)), 1, "packing"),
    DemoOrder("DEMO-1003", ("Hà", "Lê Thu", "8 Trần Phú", "Đà Nẵng", "0912345003"),
              "ha.le@example.com", (("8930000000057", 1), ("8930000000088", 1)), 2, "half-shipped"),
    DemoOrder("DEMO-1004", ("Anna", "Schmidt", "Hauptstraße 5", "Berlin", "0912345004"),
              "anna@example.com", (("8930000000033", 3),), 6, "shipped"),
    DemoOrder("DEMO-1005", ("Quang", "Phạm", "20 Nguyễn Huệ", "Huế", "0912345005"),
              "quang.pham@example.com", (("8930000000095", 2), ("8930000000118", 1)), 12, "delivered"),
    DemoOrder("DEMO-1006", ("Tuấn", "Đỗ Minh", "3 Phan Đình Phùng", "Thái Nguyên", "0912345006"),
              "tuan.do@example.com", (("8930000000071", 2), ("8930000000019", 1)), 4, "paid"),
    DemoOrder("DEMO-1007", ("Hương", "Vũ Thị", "77 Lạch Tray", "Hải Phòng", "0912345007"),
              "huong.vu@example.com", (("8930000000101", 1),), 0, "pending-payment"),
    DemoOrder("DEMO-1008", ("Bình", "Hoàng", "9 Hai Bà Trưng", "Hà Nội", "0912345008"),
              "binh.hoang@example.com", (("8930000000064", 2),), 3, "cancelled"),
]

CARRIERS = [(Carrier.VIETTEL_POST, "VTP"), (Carrier.GHN, "GHN"), (Carrier.VNPOST, "EV"), (Carrier.GHTK, "S")]


def seed_fulfilment(*, report: Report) -> list:
    """Create the demo orders that do not exist yet and walk each to its stage."""
    vietnam, _ = Country.objects.get_or_create(
        iso_3166_1_a2="VN",
        defaults={"iso_3166_1_a3": "VNM", "iso_3166_1_numeric": "704", "printable_name": "Việt Nam",
                  "name": "Việt Nam", "is_shipping_country": True},
    )
    orders = []
    for index, demo in enumerate(DEMO_ORDERS):
        order = Order.objects.filter(number=demo.number).first()
        if order is None:
            with transaction.atomic():
                order = _place(demo, vietnam)
                _walk(order, demo, by=_coop_user_for(order), carrier_index=index)
        orders.append(order)
    report(f"demo orders: {len(orders)} ({', '.join(o.number for o in orders)})")
    return orders


def _coop_user_for(order):
    """A user of the co-op of the order's first producer: the one who packs and ships in the demo."""
    line = order.lines.select_related("partner__coop").first()
    coop = line.partner.coop if line and line.partner else None
    return coop.users.order_by("pk").first() if coop else None


def _place(demo: DemoOrder, country):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for upc, quantity in demo.items:
        basket.add_product(Product.objects.get(upc=upc), quantity=quantity)
    first, last, line1, city, phone = demo.customer
    address = ShippingAddress.objects.create(
        first_name=first, last_name=last, line1=line1, line4=city, country=country, phone_number=phone
    )
    order = create_order(number=demo.number, basket=basket, shipping_address=address, guest_email=demo.email)
    placed = timezone.now() - timedelta(days=demo.days_ago, hours=3)
    Order.objects.filter(pk=order.pk).update(date_placed=placed)
    order.date_placed = placed
    return order


def _walk(order, demo: DemoOrder, *, by, carrier_index: int) -> None:
    stage = demo.stage
    if stage == "pending-payment":
        return
    if stage == "cancelled":
        EventHandler(user=by).handle_order_status_change(order, OrderStatus.CANCELLED, notify=False)
        return
    EventHandler().handle_payment_event(order, "paid", order.total_incl_tax, reference="demo", notify=False)
    groups = ensure_fulfilment_groups(order=order)
    if stage in ("packing", "half-shipped"):
        pack_group(group=groups[0], by=by, notify=False)
    if stage in ("half-shipped", "shipped", "delivered"):
        to_ship = groups[:1] if stage == "half-shipped" else groups
        for offset, group in enumerate(to_ship):
            carrier, prefix = CARRIERS[(carrier_index + offset) % len(CARRIERS)]
            tracking = f"{prefix}{800_000_000 + carrier_index * 10 + offset}VN"
            ship_group(group=group, carrier=carrier, tracking_number=tracking, by=by, notify=False)
    if stage == "delivered":
        EventHandler(user=by).handle_order_status_change(order, OrderStatus.DELIVERED, notify=False)
    _spread_history(order, demo)


def _spread_history(order, demo: DemoOrder) -> None:
    """Date the recorded steps after the order's placing time, one after another, not all "now"."""
    step = timedelta(hours=max(demo.days_ago, 1) * 24 / 5)
    start = order.date_placed + timedelta(minutes=20)
    for position, change in enumerate(OrderStatusChange.objects.filter(order=order).order_by("pk")):
        OrderStatusChange.objects.filter(pk=change.pk).update(date_created=start + step * position)
    FulfilmentGroup.objects.filter(order=order, packed_at__isnull=False).update(packed_at=start + step)
    FulfilmentGroup.objects.filter(order=order, shipped_at__isnull=False).update(shipped_at=start + step * 2)

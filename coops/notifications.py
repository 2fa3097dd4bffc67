"""What co-ops are told: each paid order holding their members' products (a message in the order's
communication log), and the morning e-mail of parcels to pack and ship, late orders and
yesterday's paid sales."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from orders import notifications
from orders.statuses import OrderStatus

from . import selectors
from .models import Coop

Line = get_model("order", "Line")
OrderStatusChange = get_model("order", "OrderStatusChange")
#: The morning e-mail's event type (created by a migration; its texts are editable in the dashboard).
COOP_DAILY_SUMMARY = "COOP_DAILY_SUMMARY"


def coop_recipients(coop) -> list[str]:
    """The co-op's active users' addresses and its own, each once."""
    addresses = [user.email for user in coop.users.all() if user.email and user.is_active]
    if coop.email:
        addresses.append(coop.email)
    return sorted(set(addresses))


def tell_coops_order_paid(*, order) -> int:
    """Log, for each co-op with products in ``order``, a message listing its members' lines to
    prepare (sent after commit, in the site's language); returns how many were logged."""
    coops = Coop.objects.filter(members__order_lines__order=order).distinct().prefetch_related("users")
    logged = 0
    for coop in coops:
        line_ids = list(Line.objects.filter(order=order, partner__coop=coop).values_list("pk", flat=True))
        context = {
            "coop": coop.name,
            "coop_slug": coop.slug,
            "language": settings.LANGUAGE_CODE,
            "line_ids": line_ids,
            "coop_order_url": settings.SITE_URL.rstrip("/")
            + reverse("coops:order-detail", args=[coop.slug, order.number]),
        }
        for address in coop_recipients(coop):
            notifications.queue_order_message(
                order=order, code=notifications.COOP_ORDER_PAID, recipient=address, context=context
            )
            logged += 1
    return logged


def on_order_status_changed(sender, order, old_status, new_status, **kwargs) -> None:
    """Oscar's ``order_status_changed`` hook: a paid order is announced to its co-ops."""
    if new_status == OrderStatus.PAID:
        tell_coops_order_paid(order=order)


@dataclass(frozen=True)
class DaySales:
    orders: int
    sales: int


def paid_on(*, coop: Coop, day: date) -> DaySales:
    """Orders with the co-op's products that became paid on the local ``day``, and their value."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    paid = OrderStatusChange.objects.filter(
        new_status=OrderStatus.PAID, date_created__gte=start, date_created__lt=start + timedelta(days=1)
    ).values("order_id")
    lines = Line.objects.filter(partner__coop=coop, order_id__in=paid)
    orders = lines.values("order_id").distinct().count()
    sales = lines.aggregate(total=Sum("line_price_incl_tax"))["total"] or 0
    return DaySales(orders=orders, sales=int(sales))


def send_daily_summary(*, coop: Coop, day: date | None = None) -> bool:
    """E-mail the co-op's users today's work; returns False when the co-op has nobody to tell.

    The text is the ``COOP_DAILY_SUMMARY`` communication event type (staff edit it in the
    dashboard), sent through the shop's one sender in the site's language; a refused address is
    logged and the others still get theirs (the job runs again tomorrow with fresh counts).
    """
    recipients = coop_recipients(coop)
    if not recipients:
        return False
    day = day or timezone.localdate()
    notifications.send_direct_message(
        code=COOP_DAILY_SUMMARY,
        name="Co-op's morning summary",
        recipients=recipients,
        users={user.email: user for user in coop.users.all() if user.email},
        language=settings.LANGUAGE_CODE,
        context={
            "coop": coop,
            "day": day,
            "work": selectors.todays_work(coop=coop),
            "yesterday": paid_on(coop=coop, day=day - timedelta(days=1)),
            "work_url": settings.SITE_URL.rstrip("/") + reverse("coops:today", args=[coop.slug]),
        },
    )
    return True

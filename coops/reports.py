"""Sales reports and settlement statements of a co-op, in whole Vietnamese đồng.

A sale is a line of one of the co-op's members in an order that is paid, packing, shipped or
delivered (never pending, cancelled, expired, refunded or returned), counted in the period by
the local day the order was placed.

Settlement rule: for each producer and period, gross = the sum of their sold lines (VAT
included, whole đồng); the co-op's fee = gross × fee_percent / 100 rounded half up to a whole
đồng, once per producer and period (not per line); net owed to the producer = gross − fee.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from oscar.core.loading import get_model

from orders.statuses import OrderStatus

from .models import Coop

Line = get_model("order", "Line")

SOLD = (OrderStatus.PAID, OrderStatus.PACKING, OrderStatus.SHIPPED, OrderStatus.DELIVERED)


@dataclass(frozen=True)
class Period:
    """Local days from ``start`` to ``end``, both included."""

    start: date
    end: date

    def bounds(self) -> tuple[datetime, datetime]:
        zone = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=zone),
        )

    @classmethod
    def month_of(cls, day: date) -> "Period":
        first = day.replace(day=1)
        next_first = (first + timedelta(days=32)).replace(day=1)
        return cls(start=first, end=next_first - timedelta(days=1))


def sold_lines(*, coop: Coop, period: Period) -> QuerySet:
    start, end = period.bounds()
    return Line.objects.filter(
        partner__coop=coop,
        order__status__in=SOLD,
        order__date_placed__gte=start,
        order__date_placed__lt=end,
    )


def _whole(amount) -> int:
    return int(Decimal(amount or 0).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class SalesRow:
    label: str
    quantity: int
    amount: int
    orders: int


def sales_by_product(*, coop: Coop, period: Period) -> list[SalesRow]:
    rows = (
        sold_lines(coop=coop, period=period)
        .values("product_id", "title")
        .annotate(
            quantity=Sum("quantity"), amount=Sum("line_price_incl_tax"), orders=Count("order", distinct=True)
        )
        .order_by("-amount", "title")
    )
    return [SalesRow(r["title"], r["quantity"], _whole(r["amount"]), r["orders"]) for r in rows]


def sales_by_producer(*, coop: Coop, period: Period) -> list[SalesRow]:
    rows = (
        sold_lines(coop=coop, period=period)
        .values("partner_id", "partner__name")
        .annotate(
            quantity=Sum("quantity"), amount=Sum("line_price_incl_tax"), orders=Count("order", distinct=True)
        )
        .order_by("-amount", "partner__name")
    )
    return [SalesRow(r["partner__name"], r["quantity"], _whole(r["amount"]), r["orders"]) for r in rows]


def sales_by_month(*, coop: Coop, period: Period) -> list[SalesRow]:
    """One row per month of the period (months without sales included, as zero)."""
    zone = timezone.get_current_timezone()
    rows = (
        sold_lines(coop=coop, period=period)
        .annotate(month=TruncMonth("order__date_placed", tzinfo=zone))
        .values("month")
        .annotate(
            quantity=Sum("quantity"), amount=Sum("line_price_incl_tax"), orders=Count("order", distinct=True)
        )
        .order_by("month")
    )
    by_month = {}
    for r in rows:
        month = r["month"]
        month = month.date() if isinstance(month, datetime) else month
        by_month[(month.year, month.month)] = r
    result = []
    month = period.start.replace(day=1)
    while month <= period.end:
        r = by_month.get((month.year, month.month), {})
        result.append(
            SalesRow(
                f"{month.month:02d}/{month.year}",
                r.get("quantity") or 0,
                _whole(r.get("amount")),
                r.get("orders") or 0,
            )
        )
        month = (month + timedelta(days=32)).replace(day=1)
    return result


def coop_fee(*, gross: int, fee_percent: Decimal) -> int:
    """The co-op's share of ``gross`` đồng: gross × fee_percent / 100, rounded half up to 1 đồng."""
    exact = Decimal(gross) * Decimal(fee_percent) / Decimal(100)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class SettlementRow:
    producer: str
    orders: int
    gross: int
    fee: int
    net: int


@dataclass(frozen=True)
class Settlement:
    coop: Coop
    period: Period
    fee_percent: Decimal
    rows: list[SettlementRow]

    @property
    def gross(self) -> int:
        return sum(row.gross for row in self.rows)

    @property
    def fee(self) -> int:
        return sum(row.fee for row in self.rows)

    @property
    def net(self) -> int:
        return sum(row.net for row in self.rows)


def settlement(*, coop: Coop, period: Period) -> Settlement:
    """What the co-op owes each member producer for the period, after its fee (see module rule)."""
    rows = []
    for sale in sales_by_producer(coop=coop, period=period):
        fee = coop_fee(gross=sale.amount, fee_percent=coop.fee_percent)
        rows.append(SettlementRow(sale.label, sale.orders, sale.amount, fee, sale.amount - fee))
    return Settlement(coop=coop, period=period, fee_percent=coop.fee_percent, rows=rows)

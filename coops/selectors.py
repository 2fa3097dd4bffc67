"""Reads for co-op screens: which orders a co-op may see, its members' lines in them, today's work.

A co-op sees an order only when the order holds at least one of its members' products, and
inside that order only those lines. Every list here costs a fixed number of queries.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from oscar.core.loading import get_model

from fulfilment.models import FulfilmentGroup
from orders.statuses import OrderStatus

from .models import Coop

Order = get_model("order", "Order")
Line = get_model("order", "Line")
OrderStatusChange = get_model("order", "OrderStatusChange")

#: An order is late when it was paid this long ago and the co-op has not shipped all its parcels.
LATE_AFTER = timedelta(days=settings.COOP_LATE_AFTER_DAYS)
#: Statuses in which the co-op still has parcels to pack or ship.
IN_PROGRESS = (OrderStatus.PAID, OrderStatus.PACKING)


def coop_for_user(*, user, slug: str) -> Coop:
    """The co-op ``user`` works for, by its slug; superusers may open any. Raises Coop.DoesNotExist."""
    coops = Coop.objects.filter(slug=slug)
    if not user.is_superuser:
        coops = coops.filter(users=user)
    return coops.get()


def coops_of_user(*, user) -> QuerySet[Coop]:
    return Coop.objects.filter(users=user) if user.is_authenticated else Coop.objects.none()


def _coop_lines(coop: Coop) -> QuerySet:
    return Line.objects.filter(partner__coop=coop)


def _unshipped_coop_line(coop: Coop, *, shipped_states: tuple[str, ...]) -> Exists:
    """A co-op line of the outer order whose producer's parcel is not yet in ``shipped_states``."""
    done = FulfilmentGroup.objects.filter(
        order=OuterRef("order_id"), producer=OuterRef("partner_id"), state__in=shipped_states
    )
    return Exists(_coop_lines(coop).filter(order=OuterRef("pk")).filter(~Exists(done)))


def coop_orders(*, coop: Coop) -> QuerySet:
    """Every order holding the co-op's members' products, newest first."""
    return Order.objects.filter(Exists(_coop_lines(coop).filter(order=OuterRef("pk")))).order_by(
        "-date_placed", "-pk"
    )


def with_paid_at(orders: QuerySet) -> QuerySet:
    """Annotate ``paid_at``: the last move to "paid", or the placing time for orders paid before
    history was kept (e.g. set to "paid" directly)."""
    paid_at = (
        OrderStatusChange.objects.filter(order=OuterRef("pk"), new_status=OrderStatus.PAID)
        .order_by("-date_created")
        .values("date_created")[:1]
    )
    return orders.annotate(paid_at=Coalesce(Subquery(paid_at), F("date_placed")))


def to_pack(orders: QuerySet, *, coop: Coop) -> QuerySet:
    packed = (FulfilmentGroup.State.PACKED, FulfilmentGroup.State.SHIPPED)
    return orders.filter(status__in=IN_PROGRESS).filter(_unshipped_coop_line(coop, shipped_states=packed))


def to_ship(orders: QuerySet, *, coop: Coop) -> QuerySet:
    packed = FulfilmentGroup.objects.filter(
        order=OuterRef("pk"), producer__coop=coop, state=FulfilmentGroup.State.PACKED
    )
    return orders.filter(status__in=IN_PROGRESS).filter(Exists(packed))


def late(orders: QuerySet, *, coop: Coop, now: datetime | None = None) -> QuerySet:
    """Orders paid more than LATE_AFTER ago of which the co-op has not shipped every parcel."""
    now = now or timezone.now()
    shipped = (FulfilmentGroup.State.SHIPPED,)
    if "paid_at" not in orders.query.annotations:
        orders = with_paid_at(orders)
    return orders.filter(status__in=IN_PROGRESS, paid_at__lt=now - LATE_AFTER).filter(
        _unshipped_coop_line(coop, shipped_states=shipped)
    )


def _phone_variants(text: str) -> list[str]:
    digits = re.sub(r"\D", "", text)
    if len(digits) < 4:
        return []
    variants = [digits]
    if digits.startswith("0"):
        variants.append("+84" + digits[1:])
    elif digits.startswith("84") and len(digits) == 11:
        variants.append("0" + digits[2:])
    return variants


def search_orders(
    orders: QuerySet,
    *,
    coop: Coop,
    query: str = "",
    status: str = "",
    placed_from: date | None = None,
    placed_to: date | None = None,
    work: str = "",
    now: datetime | None = None,
) -> QuerySet:
    """Narrow the co-op's orders by a free-text query (order number, customer name or e-mail,
    phone, product title), a status, a placing-date range (local days, inclusive) and a work
    list ("to-pack", "to-ship", "late")."""
    query = query.strip()
    if query:
        matches = (
            Q(number__icontains=query)
            | Q(guest_email__icontains=query)
            | Q(user__email__icontains=query)
            | Q(shipping_address__first_name__icontains=query)
            | Q(shipping_address__last_name__icontains=query)
            | Q(Exists(_coop_lines(coop).filter(order=OuterRef("pk"), title__icontains=query)))
        )
        for phone in _phone_variants(query):
            matches |= Q(shipping_address__phone_number__contains=phone)
        orders = orders.filter(matches)
    if status:
        orders = orders.filter(status=status)
    zone = timezone.get_current_timezone()
    if placed_from:
        orders = orders.filter(date_placed__gte=datetime.combine(placed_from, time.min, tzinfo=zone))
    if placed_to:
        next_day = placed_to + timedelta(days=1)
        orders = orders.filter(date_placed__lt=datetime.combine(next_day, time.min, tzinfo=zone))
    if work == "to-pack":
        orders = to_pack(orders, coop=coop)
    elif work == "to-ship":
        orders = to_ship(orders, coop=coop)
    elif work == "late":
        orders = late(orders, coop=coop, now=now)
    return orders


def with_coop_lines(orders: QuerySet, *, coop: Coop) -> QuerySet:
    """Attach ``coop_lines`` (only the co-op's members' lines) and ``coop_parcels`` to each order."""
    return orders.select_related("shipping_address", "user").prefetch_related(
        Prefetch(
            "lines",
            queryset=_coop_lines(coop).select_related("partner").order_by("partner__name", "pk"),
            to_attr="coop_lines",
        ),
        Prefetch(
            "fulfilment_groups",
            queryset=FulfilmentGroup.objects.filter(producer__coop=coop),
            to_attr="coop_parcels",
        ),
    )


@dataclass
class Parcel:
    """One producer's share of an order as the co-op handles it: its lines and, once started,
    its fulfilment group (carrier, tracking number)."""

    producer: object
    lines: list = field(default_factory=list)
    group: FulfilmentGroup | None = None

    @property
    def state(self) -> str:
        return self.group.state if self.group else FulfilmentGroup.State.TO_PACK

    @property
    def state_label(self) -> str:
        return FulfilmentGroup.State(self.state).label


def coop_order(*, coop: Coop, number: str):
    """One of the co-op's orders with its ``coop_lines`` and ``parcels``; raises Order.DoesNotExist
    for an order without the co-op's products."""
    order = with_coop_lines(coop_orders(coop=coop), coop=coop).get(number=number)
    order.parcels = parcels_of(order)
    return order


def parcels_of(order) -> list[Parcel]:
    groups = {group.producer_id: group for group in order.coop_parcels}
    parcels: dict[int, Parcel] = {}
    for line in order.coop_lines:
        parcel = parcels.setdefault(
            line.partner_id, Parcel(producer=line.partner, group=groups.get(line.partner_id))
        )
        parcel.lines.append(line)
    return list(parcels.values())


@dataclass(frozen=True)
class TodaysWork:
    to_pack: list
    to_ship: list
    late: list


def todays_work(*, coop: Coop, now: datetime | None = None, limit: int = 50) -> TodaysWork:
    """What the co-op should do today: orders to pack, parcels to ship, and late orders."""
    orders = with_coop_lines(with_paid_at(coop_orders(coop=coop)), coop=coop)
    oldest_first = ("date_placed", "pk")
    return TodaysWork(
        to_pack=list(to_pack(orders, coop=coop).order_by(*oldest_first)[:limit]),
        to_ship=list(to_ship(orders, coop=coop).order_by(*oldest_first)[:limit]),
        late=list(late(orders, coop=coop, now=now).order_by(*oldest_first)[:limit]),
    )

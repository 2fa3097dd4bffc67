"""The co-op's morning e-mail: parcels to pack and ship, late orders, and yesterday's paid sales."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model

from fulfilment.models import StatusChange
from fulfilment.notifications import coop_recipients
from orders.statuses import OrderStatus

from . import selectors
from .models import Coop

Line = get_model("order", "Line")


@dataclass(frozen=True)
class DaySales:
    orders: int
    sales: int


def paid_on(*, coop: Coop, day: date) -> DaySales:
    """Orders with the co-op's products that became paid on the local ``day``, and their value."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    paid = StatusChange.objects.filter(
        to_status=OrderStatus.PAID, changed_at__gte=start, changed_at__lt=start + timedelta(days=1)
    ).values("order_id")
    lines = Line.objects.filter(partner__coop=coop, order_id__in=paid)
    orders = lines.values("order_id").distinct().count()
    sales = lines.aggregate(total=Sum("line_price_incl_tax"))["total"] or 0
    return DaySales(orders=orders, sales=int(sales))


def send_daily_summary(*, coop: Coop, day: date | None = None) -> bool:
    """E-mail the co-op's users today's work; returns False when the co-op has nobody to tell."""
    recipients = coop_recipients(coop)
    if not recipients:
        return False
    day = day or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "coop": coop,
            "day": day,
            "work": selectors.todays_work(coop=coop),
            "yesterday": paid_on(coop=coop, day=day - timedelta(days=1)),
            "work_url": settings.SITE_URL.rstrip("/") + reverse("coops:today", args=[coop.slug]),
        }
        subject = " ".join(render_to_string("fulfilment/email/daily_summary_subject.txt", context).split())
        body = render_to_string("fulfilment/email/daily_summary_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    return True

"""E-mails about orders: to the customer at each step (in their language), to the co-ops when paid.

These functions run after the transaction that made the change has committed; they read the
order afresh by its id.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from orders.links import order_token

from .models import FulfilmentGroup, StatusChange
from .selectors import customer_language, order_tracking

Order = get_model("order", "Order")
Line = get_model("order", "Line")


def tracking_url(order) -> str:
    """The absolute signed address of the order's tracking page, in the active language."""
    return settings.SITE_URL.rstrip("/") + reverse("fulfilment:track", args=[order_token(order)])


def _send(*, template: str, context: dict, to: list[str]) -> None:
    subject = " ".join(render_to_string(f"fulfilment/email/{template}_subject.txt", context).split())
    body = render_to_string(f"fulfilment/email/{template}_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


def _email_customer(order, template: str, context: dict) -> None:
    address = order.email
    if not address:
        return
    with translation.override(customer_language(order=order)):
        context = {
            **context,
            "order": order,
            "tracking": order_tracking(order=order),
            "tracking_url": tracking_url(order),
            "shop_name": settings.OSCAR_SHOP_NAME,
        }
        _send(template=template, context=context, to=[address])


def email_customer_status(order_pk: int, change_pk: int) -> None:
    """Tell the customer their order moved to a new status."""
    order = Order.objects.select_related("user").get(pk=order_pk)
    change = StatusChange.objects.get(pk=change_pk)
    _email_customer(order, "status_changed", {"change": change})


def email_customer_parcel_shipped(order_pk: int, group_pk: int) -> None:
    """Tell the customer one parcel of their order is on its way (the others follow)."""
    order = Order.objects.select_related("user").get(pk=order_pk)
    parcel = FulfilmentGroup.objects.select_related("producer").get(pk=group_pk)
    _email_customer(order, "parcel_shipped", {"parcel": parcel})


def coop_recipients(coop) -> list[str]:
    addresses = [user.email for user in coop.users.all() if user.email and user.is_active]
    if coop.email:
        addresses.append(coop.email)
    return sorted(set(addresses))


def email_coops_order_paid(order_pk: int) -> None:
    """Tell each co-op with products in the order which of its members' lines to prepare."""
    from coops.models import Coop

    order = Order.objects.select_related("shipping_address").get(pk=order_pk)
    coops = Coop.objects.filter(members__order_lines__order=order).distinct().prefetch_related("users")
    for coop in coops:
        recipients = coop_recipients(coop)
        if not recipients:
            continue
        lines = list(Line.objects.filter(order=order, partner__coop=coop).select_related("partner"))
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "coop": coop,
                "order": order,
                "lines": lines,
                "order_url": settings.SITE_URL.rstrip("/")
                + reverse("coops:order-detail", args=[coop.slug, order.number]),
            }
            _send(template="coop_order_paid", context=context, to=recipients)

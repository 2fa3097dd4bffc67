"""Order messages on Zalo: the ZNS channel beside e-mail in the order's one message path.

``orders.notifications.deliver`` asks ``deliver_on_zalo`` first for every logged message. When
the shop has a Zalo OA, a ZNS template is set for that kind of message and the buyer has a
Vietnamese mobile number and chose Zalo (at checkout or on the order page;
without that choice it is e-mail), the message goes to Zalo and is logged as a
``ZnsMessage`` on the order. Zalo refusing (any error code, a token that cannot be refreshed,
no answer) marks that message failed with Zalo's code and the e-mail is sent instead; nothing
here ever raises into the order's path.

A co-op's "new paid order" goes to the co-op's Zalo phone once per order, in addition to the
e-mails to its staff (several people read those; the phone is the co-op's own).
"""

import logging

from django.db import IntegrityError
from django.utils import timezone, translation
from django.utils.formats import date_format
from oscar.core.loading import get_model

from orders.statuses import OrderStatus, status_label

from . import tokens, zns
from .models import ZaloChoice, ZnsMessage, ZnsTemplate

Coop = get_model("coops", "Coop")
logger = logging.getLogger(__name__)
E = ZnsTemplate.Event

#: What a template parameter can be filled with (names staff use in ``ZnsTemplate.parameters``).
MESSAGE_FIELDS = (
    "customer_name", "order_number", "order_date", "order_total", "status_label",
    "order_url", "tracking_url", "carrier", "tracking_number", "coop_name", "products",
)
#: Zalo limits most template parameters to 30 characters, addresses and names of goods to 200.
PARAMETER_MAX_LENGTH = 200


def zns_event_for(event) -> str | None:
    """Which ZNS message an order message is, or None when it has no Zalo form."""
    code = event.event_type.code
    if code == "ORDER_RECEIVED":
        return E.PLACED
    if code == "PARCEL_SHIPPED":
        return E.SHIPPED
    if code == "COOP_ORDER_PAID":
        return E.COOP_PAID
    if code == "ORDER_STATUS_CHANGED":
        return {OrderStatus.PAID: E.PAID, OrderStatus.SHIPPED: E.SHIPPED, OrderStatus.DELIVERED: E.DELIVERED}.get(
            event.context.get("status")
        )
    return None


def buyer_phone(order) -> str:
    address = order.shipping_address
    return zns.international_phone(str(getattr(address, "phone_number", "") or "")) if address else ""


def coop_phone(coop) -> str:
    return zns.international_phone(coop.zalo_phone or coop.phone)


def message_fields(event) -> dict[str, str]:
    """Every value a template parameter can take, in the order's language."""
    from orders.notifications import message_context

    context = message_context(event)
    order = context["order"]
    address = order.shipping_address
    shipped = order.fulfilment_groups.exclude(tracking_number="").order_by("-shipped_at", "-pk").first()
    carrier = context.get("carrier") or (str(shipped.carrier_label) if shipped else "")
    tracking_number = context.get("tracking_number") or (shipped.tracking_number if shipped else "")
    titles = [line.title for line in context["lines"]]
    return {
        "customer_name": (address.name if address else "") or order.email,
        "order_number": order.number,
        "order_date": date_format(timezone.localtime(order.date_placed), "d/m/Y"),
        "order_total": f"{int(order.total_incl_tax):,}".replace(",", "."),
        "status_label": str(status_label(context.get("status") or order.status)),
        "order_url": context["order_url"],
        "tracking_url": context["tracking_url"],
        "carrier": carrier,
        "tracking_number": tracking_number,
        "coop_name": context.get("coop", ""),
        "products": ", ".join(titles),
    }


def template_data(template: ZnsTemplate, fields: dict[str, str]) -> dict[str, str]:
    return {
        parameter: str(fields.get(source, ""))[:PARAMETER_MAX_LENGTH]
        for parameter, source in (template.parameters or {}).items()
    }


def deliver_on_zalo(event) -> bool:
    """Send ``event`` (a logged order message) on Zalo; True when Zalo took it instead of e-mail.

    False means "send the e-mail": Zalo is not set up, the message has no Zalo form, the buyer
    did not choose Zalo or has no mobile number, or Zalo refused (logged on the order with its code).
    Never raises.
    """
    try:
        return _deliver(event)
    except Exception:  # the e-mail must still go, whatever went wrong on the Zalo side
        logger.exception("ZNS for message %s of order %s failed unexpectedly", event.pk, event.order.number)
        ZnsMessage.objects.filter(communication_event=event, status=ZnsMessage.Status.QUEUED).update(
            status=ZnsMessage.Status.FAILED, error_message="unexpected error"
        )
        return False


def _deliver(event) -> bool:
    kind = zns_event_for(event)
    if kind is None or not tokens.is_configured():
        return False
    template = ZnsTemplate.objects.filter(event=kind, active=True).first()
    if template is None:
        return False
    order = event.order
    if kind == E.COOP_PAID:
        coop = Coop.objects.filter(slug=event.context.get("coop_slug", "")).first()
        phone = coop_phone(coop) if coop else ""
        tracking_id = f"{order.number}-c{coop.pk}" if coop else ""
        replaces_email = False
    else:
        phone = buyer_phone(order) if ZaloChoice.wants_zalo(order) else ""
        tracking_id = f"{order.number}-m{event.pk}"
        replaces_email = True
    if not phone:
        return False
    try:
        message, created = ZnsMessage.objects.get_or_create(
            tracking_id=tracking_id,
            defaults={"order": order, "communication_event": event, "event": kind, "phone": phone,
                      "template_id": template.template_id},
        )
    except IntegrityError:  # another worker wrote it at the same moment
        message, created = ZnsMessage.objects.get(tracking_id=tracking_id), False
    if not created:
        already = message.status in (ZnsMessage.Status.SENT, ZnsMessage.Status.DELIVERED)
        return replaces_email and already
    with translation.override(event.context.get("language") or order.language):
        data = template_data(template, message_fields(event))
    try:
        sent = zns.send_template(
            phone=phone, template_id=template.template_id, template_data=data, tracking_id=tracking_id
        )
    except tokens.ZaloUnavailable as error:
        ZnsMessage.objects.filter(pk=message.pk).update(
            status=ZnsMessage.Status.FAILED, error_code=error.code, error_message=str(error)[:255]
        )
        logger.warning("ZNS %s for order %s refused (error %s); e-mail instead", kind, order.number, error.code)
        return False
    ZnsMessage.objects.filter(pk=message.pk).update(
        status=ZnsMessage.Status.SENT, msg_id=sent.msg_id[:64], sent_at=timezone.now()
    )
    return replaces_email

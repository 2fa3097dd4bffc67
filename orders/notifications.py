"""Messages about an order, written with Oscar's communication event types and sent by a task.

Each message is an entry in the order's communication log (``CommunicationEvent``), written in
the same transaction as the change it tells of; once that commits, a background task renders it
with Oscar's ``Dispatcher`` (the texts are the event types staff edit in the dashboard, or the
file templates ``oscar/communication/emails/commtype_<code>_*.txt``) in the order's language and
sends it — on Zalo (a ZNS template message, see ``zalo.channel``) when the shop and the buyer
use it, otherwise, or when Zalo refuses, by e-mail. A mail server that refuses leaves the entry
unsent, with the error: the change it tells of stands, and ``resend_unsent_messages``
(``manage.py send_order_messages``) retries it. Messages about no single order (a co-op's
morning summary, a producer's invitation) go through the same event types and ``Dispatcher``
with ``send_direct_message`` and Oscar's e-mail log.
"""

import logging
import smtplib
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task
from oscar.core.loading import get_class, get_model

from zalo.channel import deliver_on_zalo

from .links import order_token
from .statuses import status_label

CommunicationEvent = get_model("order", "CommunicationEvent")
CommunicationEventType = get_model("communication", "CommunicationEventType")
Email = get_model("communication", "Email")
Dispatcher = get_class("communication.utils", "Dispatcher")

logger = logging.getLogger(__name__)

#: The order's messages (their event types are created by a migration and editable in the dashboard).
ORDER_RECEIVED = "ORDER_RECEIVED"
ORDER_STATUS_CHANGED = "ORDER_STATUS_CHANGED"
PARCEL_SHIPPED = "PARCEL_SHIPPED"
COOP_ORDER_PAID = "COOP_ORDER_PAID"
REFUND_DUE = "REFUND_DUE"
REFUND_SENT = "REFUND_SENT"
PAYMENT_LINK = "PAYMENT_LINK"

#: Names staff see in the dashboard (a migration creates the types; they are made again if missing).
NAMES = {
    ORDER_RECEIVED: "Order received, awaiting payment",
    ORDER_STATUS_CHANGED: "Order status changed",
    PARCEL_SHIPPED: "A parcel of the order shipped",
    COOP_ORDER_PAID: "Paid order for a co-op to prepare",
    REFUND_DUE: "Money to be returned to the buyer",
    REFUND_SENT: "Money sent back to the buyer",
    PAYMENT_LINK: "Payment link sent by staff for a phone order",
}

#: A message is given up after this many refusals (it stays in the log, unsent, for staff).
MAX_ATTEMPTS = 10
#: Wait before the next attempt, when the task backend can run tasks later.
RETRY_AFTER = timedelta(minutes=5)


def queue_order_message(*, order, code: str, recipient: str = "", context: dict | None = None):
    """Log a message about ``order`` and send it once the current transaction commits.

    ``recipient`` defaults to the order's e-mail; ``context`` (plain JSON) is added to what the
    templates see (its ``language``, if any, replaces the order's). Returns the log entry, or
    None when there is nobody to write to.
    """
    recipient = recipient or order.email
    if not recipient:
        return None
    event = CommunicationEvent.objects.create(
        order=order,
        event_type=CommunicationEventType.objects.get_or_create(
            code=code, defaults={"name": NAMES.get(code, code), "category": CommunicationEventType.ORDER_RELATED}
        )[0],
        recipient=recipient,
        context=context or {},
    )
    transaction.on_commit(partial(send_order_message.enqueue, event_id=event.pk), robust=True)
    return event


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def message_context(event) -> dict:
    """What a message's templates see: the order, its links, its history and the event's details."""
    order = event.order
    token = order_token(order)
    context = {
        "order": order,
        "lines": list(order.lines.select_related("partner").order_by("pk")),
        "history": list(order.status_changes.order_by("date_created", "pk")),
        "shipping_events": list(order.shipping_events.order_by("date_created", "pk")),
        "order_url": site_url(reverse("payments:order", kwargs={"token": token})),
        "tracking_url": site_url(reverse("fulfilment:track", args=[token])),
        "shop_name": settings.OSCAR_SHOP_NAME,
        **event.context,
    }
    if "status" in event.context:
        context["status_label"] = status_label(event.context["status"])
    if "line_ids" in event.context:
        context["lines"] = [line for line in context["lines"] if line.pk in set(event.context["line_ids"])]
    return context


def deliver(*, event_id: int) -> bool:
    """Render and send one logged message; True once it is sent (now or before).

    Zalo is tried first (``zalo.channel.deliver_on_zalo``: once per message, never raising);
    when it does not take the message, the e-mail is sent.

    A refusal by the mail server (SMTPException, a connection error) is logged on the entry and
    answered with False, never raised.
    """
    event = CommunicationEvent.objects.select_related("order", "event_type").get(pk=event_id)
    if event.is_sent:
        return True
    if deliver_on_zalo(event):
        CommunicationEvent.objects.filter(pk=event.pk).update(
            sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
        )
        return True
    dispatcher = Dispatcher(logger=logger)
    try:
        with translation.override(event.context.get("language") or event.order.language):
            messages = dispatcher.get_messages(event.event_type.code, message_context(event))
            dispatcher.send_email_messages(event.recipient, messages)
    except (smtplib.SMTPException, OSError) as error:
        CommunicationEvent.objects.filter(pk=event.pk).update(
            attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:255]
        )
        logger.warning(
            "message %s (%s) about order %s not sent, will retry: %s",
            event.pk, event.event_type.code, event.order.number, error,
        )
        return False
    CommunicationEvent.objects.filter(pk=event.pk).update(
        sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
    )
    return True


@task()
def send_order_message(*, event_id: int) -> bool:
    """Background task: send one logged message; a refusal is retried later when the backend can."""
    sent = deliver(event_id=event_id)
    backend = send_order_message.get_backend()
    if not sent and backend.supports_defer:
        attempts = CommunicationEvent.objects.filter(pk=event_id).values_list("attempts", flat=True).first()
        if attempts is not None and attempts < MAX_ATTEMPTS:
            send_order_message.using(run_after=timezone.now() + RETRY_AFTER * attempts).enqueue(
                event_id=event_id
            )
    return sent


def resend_unsent_messages(*, older_than: timedelta = timedelta(minutes=1)) -> tuple[int, int]:
    """Try again every logged message still unsent after ``older_than``; returns (sent, still unsent)."""
    due = CommunicationEvent.objects.filter(
        sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS, date_created__lt=timezone.now() - older_than
    ).values_list("pk", flat=True)
    results = [deliver(event_id=pk) for pk in list(due)]
    return results.count(True), results.count(False)


def send_direct_message(
    *, code: str, name: str, context: dict, recipients: list[str], users: dict | None = None,
    language: str = settings.LANGUAGE_CODE,
) -> int:
    """Send a message about no single order (a co-op's morning summary, a producer's invitation).

    Its text is the communication event type ``code`` (``name`` is what staff see in the
    dashboard, where they edit it; until then the file templates are used), rendered by Oscar's
    ``Dispatcher`` in ``language`` (the site's by default); each mail sent is kept in Oscar's e-mail log, with the
    user of that address from ``users`` if any. A refusing mail server is logged for that address,
    never raised; returns how many were sent.
    """
    event_type = CommunicationEventType.objects.get_or_create(
        code=code, defaults={"name": name, "category": CommunicationEventType.USER_RELATED}
    )[0]
    dispatcher = Dispatcher(logger=logger)
    with translation.override(language):
        messages = dispatcher.get_messages(event_type.code, context)
    messages["subject"] = " ".join(messages["subject"].split())
    sent = 0
    for address in recipients:
        try:
            dispatcher.send_email_messages(address, messages)
        except (smtplib.SMTPException, OSError) as error:
            logger.warning("message %s to one address not sent: %s", code, error)
            continue
        Email.objects.create(
            user=(users or {}).get(address), email=address, subject=messages["subject"], body_text=messages["body"],
            body_html=messages.get("html") or "",
        )
        sent += 1
    return sent

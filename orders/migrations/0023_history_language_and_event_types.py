"""Move the fulfilment app's status history and order languages into Oscar's tables, and create
the payment, shipping and communication event types the order's state machine uses."""

from django.db import migrations

PAYMENT_EVENT_TYPES = [("paid", "Paid"), ("refunded", "Refunded")]
SHIPPING_EVENT_TYPES = [("packed", "Packed"), ("shipped", "Shipped")]
COMMUNICATION_EVENT_TYPES = [
    ("ORDER_RECEIVED", "Order received, awaiting payment"),
    ("ORDER_STATUS_CHANGED", "Order status changed"),
    ("PARCEL_SHIPPED", "A parcel of the order shipped"),
    ("COOP_ORDER_PAID", "Paid order for a co-op to prepare"),
]


def forwards(apps, schema_editor):
    Order = apps.get_model("order", "Order")
    OrderStatusChange = apps.get_model("order", "OrderStatusChange")
    StatusChange = apps.get_model("fulfilment", "StatusChange")
    OrderLanguage = apps.get_model("fulfilment", "OrderLanguage")
    Payment = apps.get_model("payments", "Payment")
    for change in StatusChange.objects.order_by("pk").iterator():
        oscar = (
            OrderStatusChange.objects.filter(
                order_id=change.order_id, old_status=change.from_status, new_status=change.to_status,
                changed_by__isnull=True, note="",
            )
            .order_by("pk")
            .first()
        )
        if oscar is None:
            oscar = OrderStatusChange.objects.create(
                order_id=change.order_id, old_status=change.from_status, new_status=change.to_status
            )
        OrderStatusChange.objects.filter(pk=oscar.pk).update(
            changed_by_id=change.changed_by_id, note=change.note, date_created=change.changed_at
        )
    for payment in Payment.objects.exclude(language="vi").iterator():
        Order.objects.filter(pk=payment.order_id).update(language=payment.language)
    for record in OrderLanguage.objects.iterator():
        Order.objects.filter(pk=record.order_id).update(language=record.language)
    PaymentEventType = apps.get_model("order", "PaymentEventType")
    ShippingEventType = apps.get_model("order", "ShippingEventType")
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    for code, name in PAYMENT_EVENT_TYPES:
        PaymentEventType.objects.get_or_create(code=code, defaults={"name": name})
    for code, name in SHIPPING_EVENT_TYPES:
        ShippingEventType.objects.get_or_create(code=code, defaults={"name": name})
    for code, name in COMMUNICATION_EVENT_TYPES:
        CommunicationEventType.objects.get_or_create(
            code=code, defaults={"name": name, "category": "Order related"}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("order", "0022_order_language_status_author_message_log"),
        ("fulfilment", "0001_initial"),
        ("payments", "0001_initial"),
        ("communication", "0004_auto_20200801_0817"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

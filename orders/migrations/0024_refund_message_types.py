"""Create the buyer's refund messages' event types, so staff can edit their texts before the first is sent."""

from django.db import migrations

COMMUNICATION_EVENT_TYPES = [
    ("REFUND_DUE", "Money to be returned to the buyer"),
    ("REFUND_SENT", "Money sent back to the buyer"),
]


def forwards(apps, schema_editor):
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    for code, name in COMMUNICATION_EVENT_TYPES:
        CommunicationEventType.objects.get_or_create(code=code, defaults={"name": name, "category": "Order related"})


class Migration(migrations.Migration):
    dependencies = [("order", "0023_history_language_and_event_types")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

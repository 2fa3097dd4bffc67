"""Create the producer's invitation as a communication event type, so staff can edit its text
before the first producer is invited."""

from django.db import migrations


def forwards(apps, schema_editor):
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    CommunicationEventType.objects.get_or_create(
        code="PRODUCER_INVITE", defaults={"name": "Invitation to a producer's user", "category": "User related"}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_photo_upload_processed_by_worker"),
        ("communication", "0004_auto_20200801_0817"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

"""Create the co-op's morning summary as a communication event type, so staff can edit its text."""

from django.db import migrations


def forwards(apps, schema_editor):
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    CommunicationEventType.objects.get_or_create(
        code="COOP_DAILY_SUMMARY", defaults={"name": "Co-op's morning summary", "category": "User related"}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("coops", "0002_coop_registration_and_address"),
        ("communication", "0004_auto_20200801_0817"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

"""Orders name the staff member who placed them for a buyer; the payment-link message staff send."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def payment_link_message(apps, schema_editor):
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    CommunicationEventType.objects.get_or_create(
        code="PAYMENT_LINK",
        defaults={"name": "Payment link sent by staff for a phone order", "category": "Order related"},
    )


class Migration(migrations.Migration):

    dependencies = [
        ('order', '0023_history_language_and_event_types'),
        ('communication', '0004_auto_20200801_0817'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='order',
            name='placed_by',
            field=models.ForeignKey(blank=True, help_text='The staff member who placed the order for a buyer who called or wrote; empty when the buyer did.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='placed by staff'),
        ),
        migrations.RunPython(payment_link_message, migrations.RunPython.noop),
    ]

"""The buyer's opt-out becomes a choice either way: Zalo only when the buyer said yes.

Every existing row was an opt-out, so it is kept with ``on_zalo`` false."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("order", "0023_history_language_and_event_types"),
        ("zalo", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel(old_name="ZaloOptOut", new_name="ZaloChoice"),
        migrations.AlterModelOptions(name="zalochoice", options={"verbose_name": "Zalo choice"}),
        migrations.AlterField(
            model_name="zalochoice",
            name="order",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE, related_name="zalo_choice", to="order.order"
            ),
        ),
        migrations.AddField(
            model_name="zalochoice",
            name="on_zalo",
            field=models.BooleanField(default=False, verbose_name="order messages on Zalo"),
        ),
        migrations.AddField(
            model_name="zalochoice",
            name="updated_at",
            field=models.DateTimeField(auto_now=True),
        ),
    ]

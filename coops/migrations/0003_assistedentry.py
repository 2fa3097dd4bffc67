"""What a co-op enters for a member producer (assisted entry), with who entered it and for whom."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0035_attribute_names_in_vietnamese_and_english'),
        ('coops', '0002_coop_registration_and_address'),
        ('partner', '0009_producer_tagline_in_vietnamese_and_english'),
        ('portal', '0002_photo_upload_processed_by_worker'),
        ('traceability', '0005_merge_signed_seal_and_record_items'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AssistedEntry',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('product_listed', 'Product listed'), ('product_changed', 'Product changed'), ('product_published', 'Product published or hidden'), ('products_imported', 'Products imported'), ('stock_changed', 'Stock changed'), ('photo_added', 'Photo added'), ('photo_removed', 'Photo removed'), ('diary_event', 'Diary entry')], max_length=24, verbose_name='what')),
                ('summary', models.CharField(blank=True, max_length=240, verbose_name='summary')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='entered at')),
                ('objected_at', models.DateTimeField(blank=True, null=True, verbose_name='objected at')),
                ('objection', models.TextField(blank=True, verbose_name="the producer's objection")),
                ('coop', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assisted_entries', to='coops.coop', verbose_name='co-operative')),
                ('correction', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='traceability.diaryevent', verbose_name='correction')),
                ('diary_event', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='assisted_entry', to='traceability.diaryevent', verbose_name='diary entry')),
                ('entered_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='entered by')),
                ('photo_upload', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='assisted_entry', to='portal.photoupload', verbose_name='photo')),
                ('producer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assisted_entries', to='partner.partner', verbose_name='entered for')),
                ('product', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='assisted_entries', to='catalogue.product', verbose_name='product')),
            ],
            options={
                'verbose_name': 'entry by the co-op',
                'verbose_name_plural': 'entries by the co-op',
                'ordering': ['-created_at', '-id'],
            },
        ),
    ]

"""Diary attachments and certificate documents move to the private storage (served through views)."""

import shop.private_files
import shop.uploads
import traceability.models
from django.db import migrations, models


def move_to_private_storage(apps, schema_editor):
    """Copy files already stored in public media to the private storage, then remove the public copy."""
    from django.core.files.storage import default_storage

    private = shop.private_files.private_storage()
    for model, field in (("EventFile", "file"), ("Certificate", "document")):
        for row in apps.get_model("traceability", model).objects.exclude(**{field: ""}):
            name = getattr(row, field).name
            if private.exists(name) or not default_storage.exists(name):
                continue
            with default_storage.open(name, "rb") as source:
                private.save(name, source)
            default_storage.delete(name)


class Migration(migrations.Migration):

    dependencies = [
        ('traceability', '0002_certificate_diaryevent_eventfile_lot_linelot_and_more'),
    ]

    operations = [
        migrations.AlterField(
            model_name='certificate',
            name='document',
            field=models.FileField(blank=True, help_text='A PDF of at most 10 MB.', storage=shop.private_files.private_storage, upload_to=traceability.models.certificate_document_name, validators=[shop.uploads.validate_pdf_document], verbose_name='document'),
        ),
        migrations.AlterField(
            model_name='eventfile',
            name='file',
            field=models.FileField(storage=shop.private_files.private_storage, upload_to='traceability/diary/', verbose_name='file'),
        ),
        migrations.RunPython(move_to_private_storage, migrations.RunPython.noop),
    ]

"""PostgreSQL extensions for accent-insensitive and fuzzy search; nothing to do on SQLite."""

from django.db import migrations


def create_extensions(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies: list = []

    operations = [migrations.RunPython(create_extensions, migrations.RunPython.noop)]

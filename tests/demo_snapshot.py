"""The seeded demo world kept beside it in the test database, to put back after a flush.

Tests that commit for real (live server, browser, concurrency) end with a flush of every table.
Seeding the demo again costs about a minute; copying its rows back from a snapshot taken once,
inside the database, costs well under a second. The snapshot holds every table of the project's
models: on PostgreSQL in a schema of its own, on SQLite as tables with a prefix.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.core.management.color import no_style
from django.db import connection, transaction

SCHEMA = "demo_snapshot"
#: Each copied table's columns, as they were when the snapshot was taken.
_columns: dict[str, str] = {}


def _copy_of(table: str) -> str:
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        return f"{SCHEMA}.{quote(table)}"
    return quote(f"{SCHEMA}__{table}")


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def take() -> None:
    """Copy every table as it is now (call it right after seeding)."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
            cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        for table in _tables():
            description = connection.introspection.get_table_description(cursor, table)
            _columns[table] = ", ".join(quote(column.name) for column in description)
            cursor.execute(f"DROP TABLE IF EXISTS {_copy_of(table)}")
            cursor.execute(f"CREATE TABLE {_copy_of(table)} AS SELECT * FROM {quote(table)}")


def restore() -> None:
    """Empty every table and copy the snapshot back, in one transaction.

    Foreign keys are checked at commit (Django creates them deferrable), so the order does not
    matter. DELETE, not TRUNCATE: on PostgreSQL truncating some 250 small tables (and committing
    that) took seconds, deleting their rows a tenth of a second. Sequences are moved past the
    restored ids; the in-process caches of content types and the Django site are dropped, as a
    test may have added rows to them.
    """
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table in _columns:
            cursor.execute(f"DELETE FROM {quote(table)}")
        for table, columns in _columns.items():
            cursor.execute(f"INSERT INTO {quote(table)} ({columns}) SELECT {columns} FROM {_copy_of(table)}")
        models = [model for model in apps.get_models(include_auto_created=True) if model._meta.db_table in _columns]
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    ContentType.objects.clear_cache()
    Site.objects.clear_cache()

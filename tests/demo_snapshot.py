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
            cursor.execute(f"DROP TABLE IF EXISTS {_copy_of(table)}")
            cursor.execute(f"CREATE TABLE {_copy_of(table)} AS SELECT * FROM {quote(table)}")


def restore() -> None:
    """Empty every table and copy the snapshot back, in one transaction.

    Foreign keys are checked at commit (Django creates them deferrable), so the order of the
    copies does not matter. Sequences are moved past the restored ids, and the in-process caches
    of rows that a flush re-created with other ids (content types, the Django site) are dropped.
    """
    quote = connection.ops.quote_name
    tables = _tables()
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in connection.ops.sql_flush(no_style(), tables, allow_cascade=True):
            cursor.execute(statement)
        for table in tables:
            description = connection.introspection.get_table_description(cursor, table)
            columns = ", ".join(quote(column.name) for column in description)
            cursor.execute(f"INSERT INTO {quote(table)} ({columns}) SELECT {columns} FROM {_copy_of(table)}")
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
            cursor.execute(statement)
    ContentType.objects.clear_cache()
    Site.objects.clear_cache()

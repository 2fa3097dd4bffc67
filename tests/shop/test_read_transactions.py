"""Reads run outside any transaction (never queueing behind a writer); writing requests run in one."""

import time
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db(transaction=True)

CHE_TOM_UPC = "8930000000019"


def _read_paths() -> list[str]:
    product = Product.objects.get(upc=CHE_TOM_UPC)
    return [
        "/",
        "/en/",
        "/shop/catalogue/",
        product.get_absolute_url(),
        product.categories.first().get_absolute_url(),
        "/search/?q=che+tom",
        "/nha-san-xuat/co-so-che-dong-tam/",
    ]


@contextmanager
def queries_with_transaction_state():
    """Record, for every statement sent, whether it ran inside a transaction."""
    seen: list[tuple[str, bool]] = []

    def record(execute, sql, params, many, context):
        seen.append((sql, connection.in_atomic_block))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield seen


def test_get_requests_run_outside_any_transaction(client, demo_world):
    """Once a page's renditions exist (their first making writes, in its own transaction)."""
    for path in _read_paths():
        client.get(path)
        with queries_with_transaction_state() as seen, CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200, path
        assert seen, path
        assert not any(in_transaction for _, in_transaction in seen), path
        statements = [q["sql"].upper() for q in captured]
        assert not [s for s in statements if s.startswith(("BEGIN", "SAVEPOINT"))], path


def test_a_writing_request_runs_in_one_transaction(client, demo_world):
    product = Product.objects.get(upc=CHE_TOM_UPC)
    client.get(product.get_absolute_url())
    with queries_with_transaction_state() as seen:
        response = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1})
    assert response.status_code == 302
    writes = [sql for sql, _ in seen if sql.lstrip().upper().startswith(("INSERT", "UPDATE"))]
    assert writes
    assert all(in_transaction for sql, in_transaction in seen if sql in writes)


def test_reads_answer_while_another_connection_holds_the_write_lock(client, demo_world):
    """SQLite: another process's ``BEGIN IMMEDIATE``; PostgreSQL: a table locked against writes."""
    paths = _read_paths()
    for path in paths:  # warm: renditions, site root paths
        client.get(path)
    writer = connections.create_connection("default")
    try:
        with writer.cursor() as cursor:
            if writer.vendor == "sqlite":
                cursor.execute("BEGIN IMMEDIATE")
            else:
                cursor.execute("BEGIN")
                cursor.execute("LOCK TABLE catalogue_product IN EXCLUSIVE MODE")
            started = time.monotonic()
            for path in paths:
                assert client.get(path).status_code == 200, path
            elapsed = time.monotonic() - started
            cursor.execute("ROLLBACK")
    finally:
        writer.close()
    assert elapsed < 5, f"reads waited {elapsed:.1f} s for the writer"


def test_the_transaction_middleware_comes_last():
    """It calls writing views itself: a ``process_view`` after it would be skipped."""
    assert settings.MIDDLEWARE[-1] == "shop.transactions.WriteRequestsAtomicMiddleware"
    assert not settings.DATABASES["default"]["ATOMIC_REQUESTS"]

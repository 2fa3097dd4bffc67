"""Benchmark: response time of the co-op order list at 10 and at 2,000 orders (and a search).

Runs in-process with Django's test client against the test database (SQLite file by default,
PostgreSQL when DATABASE_URL is set); every row it writes is rolled back at the end.

    python bench/coop_orders.py                # 10 and 2,000 orders, 30 requests each
    python bench/coop_orders.py --orders 5000 --requests 50
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402


def measure(client: Client, url: str, requests: int) -> dict:
    client.get(url)  # warm caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    queries = len(captured.captured_queries)
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "queries": queries,
        "median_ms": statistics.median(timings),
        "p95_ms": timings[max(0, int(len(timings) * 0.95) - 1)],
    }


def run(orders: int, requests: int) -> list[tuple[str, int, dict]]:
    from django.contrib.auth import get_user_model

    from tests.factories import CoopFactory, ProducerFactory
    from tests.fulfilment_orders import bulk_paid_orders, product

    coop = CoopFactory(name="HTX Đo tốc độ", slug="htx-do-toc-do")
    user = get_user_model().objects.create_user(username="bench@ocop.localhost", email="bench@ocop.localhost")
    coop.users.add(user)
    item = product(producer=ProducerFactory(coop=coop), title="Chè đo tốc độ")
    client = Client()
    client.force_login(user)
    listing = reverse("coops:order-list", args=[coop.slug])
    search = listing + "?q=t%E1%BB%91c+%C4%91%E1%BB%99&status=paid"  # "tốc độ", in the product title
    results = []
    bulk_paid_orders(10, product=item, prefix="BA")
    results.append(("list", 10, measure(client, listing, requests)))
    results.append(("search", 10, measure(client, search, requests)))
    bulk_paid_orders(orders - 10, product=item, prefix="BB")
    results.append(("list", orders, measure(client, listing, requests)))
    results.append(("search", orders, measure(client, search, requests)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    setup_test_environment()
    setup_databases(verbosity=0, interactive=False, keepdb=True)
    with transaction.atomic():
        results = run(args.orders, args.requests)
        transaction.set_rollback(True)
    print(f"database: {connection.vendor}; {args.requests} sequential requests per row")
    print("| page | orders | queries | median ms | p95 ms |")
    print("|---|---:|---:|---:|---:|")
    for page, count, result in results:
        median, p95 = result["median_ms"], result["p95_ms"]
        print(f"| {page} | {count:,} | {result['queries']} | {median:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()

"""Search and category pages as the catalogue grows: 10, 1,000 and 10,000 products, SQLite and PostgreSQL.

Every request renders (no page cache, no search-result cache), on gunicorn with 2 workers, loaded
by wrk at 8 connections. The catalogue grows in place (the tea category), so the three sizes are
measured on one database each. Prints a table (req/s, p50, p99) and writes bench/out/search-growth.json.

Usage: .venv/bin/python bench/search_growth.py [--seconds 8] [--postgres postgres://…/ocop_bench]
(the PostgreSQL database is dropped and created again; leave --postgres out to measure SQLite only).
"""

import argparse
import json
import sys
from pathlib import Path
from subprocess import check_output

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.serve import ROOT, demo_shop, gunicorn, manage, warm, wrk  # noqa: E402

SIZES = (10, 1_000, 10_000)
SEARCH = "/search/?q=che+tom"
TEN_PUBLIC = """
from oscar.core.loading import get_model
P = get_model("catalogue", "Product")
P.objects.filter(upc__in=["8930000000118", "8930000000125"]).update(is_public=False)
print(P.objects.browsable().count())
"""
# Each step adds a producer of the demo's first co-op (a new co-op per step would repeat the
# factory's co-op names, as each step runs in a new process). On PostgreSQL the step ends with
# VACUUM ANALYZE: a shop's PostgreSQL runs autovacuum, which would do so within a minute of
# 10,000 new rows; without it the planner plans with no statistics at all (the CI server this
# runs on has autovacuum off) and the figures measure its guesses rather than the shop.
GROW = """
from tests.factories import ProducerFactory, add_products
from coops.models import Coop
from oscar.core.loading import get_model
C = get_model("catalogue", "Category")
producer = ProducerFactory(coop=Coop.objects.order_by("pk").first())
add_products({count}, producer=producer, category=C.objects.get(name="Chè Thái Nguyên"))
from django.db import connection
if connection.vendor == "postgresql":  # what autovacuum does after such a load (CI's PostgreSQL runs without it)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
"""
CATEGORY_PATH = (
    "from oscar.core.loading import get_model;"
    "print(get_model('catalogue','Category').objects.get(name='Chè Thái Nguyên').get_absolute_url())"
)


def recreate_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


def measure(database: str, database_url: str, seconds: int) -> list[dict]:
    rows = []
    with demo_shop(extra_setup=TEN_PUBLIC, database_url=database_url) as env:
        category = check_output(
            [sys.executable, "manage.py", "shell", "-c", CATEGORY_PATH], cwd=ROOT, env=env, text=True
        ).split()[-1]
        size = 10
        for target in SIZES:
            if target > size:
                manage(env, "shell", "-c", GROW.format(count=target - size))
                size = target
            server_env = dict(env, PAGE_CACHE_SECONDS="0", SEARCH_CACHE_SECONDS="0")
            with gunicorn(server_env) as base:
                for name, path in (("search", SEARCH), ("category", category)):
                    warm(base, path)
                    result = wrk(base, name, path, seconds)
                    rows.append(
                        {"database": database, "products": target, "page": name, "rps": result.requests_per_second,
                         "p50_ms": result.p50_ms, "p99_ms": result.p99_ms, "errors": result.errors}
                    )
                    print(f"{database:<10} {target:>7,} {name:<9} {result.requests_per_second:>8.1f} "
                          f"{result.p50_ms:>8.1f} {result.p99_ms:>8.1f} {result.errors:>6}", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--postgres", default="")
    args = parser.parse_args()
    print(f"{'database':<10} {'products':>7} {'page':<9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}")
    rows = measure("sqlite", "", args.seconds)
    if args.postgres:
        recreate_database(args.postgres)
        rows += measure("postgresql", args.postgres, args.seconds)
    out = Path(__file__).parent / "out" / "search-growth.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()

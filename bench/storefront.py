"""Home, category and product pages at 1,000 products, against /healthz in the same run.

Two server runs on the same data: with the anonymous page cache (the default) and without it
(PAGE_CACHE_SECONDS=0: every request renders from the database).

Usage: .venv/bin/python bench/storefront.py [seconds-per-url]
"""

import sys
from pathlib import Path
from subprocess import check_output

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.serve import ROOT, demo_shop, gunicorn, report, warm, wrk  # noqa: E402

GROW = """
from tests.factories import add_products
from oscar.core.loading import get_model
Category = get_model("catalogue", "Category")
add_products(988, category=Category.objects.get(name="Chè Thái Nguyên"))
"""
PATHS = (
    "from oscar.core.loading import get_model;"
    "P=get_model('catalogue','Product');C=get_model('catalogue','Category');"
    "print(C.objects.get(name='Chè Thái Nguyên').get_absolute_url());"
    "print(P.objects.get(upc='8930000000019').get_absolute_url());"
    "print(P.objects.browsable().count())"
)


def main(seconds: int = 10) -> None:
    out = Path(__file__).parent / "out"
    with demo_shop(extra_setup=GROW) as env:
        category, product, count = check_output(
            [sys.executable, "manage.py", "shell", "-c", PATHS], cwd=ROOT, env=env, text=True
        ).split()[-3:]
        print(f"products in catalogue: {count}")
        pages = [("healthz", "/healthz"), ("home", "/"), ("category", category), ("product", product)]
        for label, server_env, out_file in [
            ("with the anonymous page cache", env, out / "storefront-cached.json"),
            ("without it (every request renders)", dict(env, PAGE_CACHE_SECONDS="0"), out / "storefront-uncached.json"),
        ]:
            with gunicorn(server_env) as base:
                sizes = {path: warm(base, path) for _, path in pages}
                print(f"\n{label}; first-load HTML bytes: {sizes}")
                results = [wrk(base, name, path, seconds) for name, path in pages]
                report(results, results[0], out_file)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)

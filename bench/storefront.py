"""Home, category and product pages at 1,000 products, against /healthz in the same run.

Usage: .venv/bin/python bench/storefront.py [seconds-per-url]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.serve import demo_shop, gunicorn, report, warm, wrk  # noqa: E402

GROW = """
from tests.factories import add_products
from oscar.core.loading import get_model
Category = get_model("catalogue", "Category")
add_products(988, category=Category.objects.get(name="Chè Thái Nguyên"))
"""


def main(seconds: int = 10) -> None:
    with demo_shop(extra_setup=GROW) as env, gunicorn(env) as base:
        from subprocess import check_output

        paths = check_output(
            [sys.executable, "manage.py", "shell", "-c",
             "from oscar.core.loading import get_model;"
             "P=get_model('catalogue','Product');C=get_model('catalogue','Category');"
             "print(C.objects.get(name='Chè Thái Nguyên').get_absolute_url());"
             "print(P.objects.get(upc='8930000000019').get_absolute_url());"
             "print(P.objects.browsable().count())"],
            cwd=Path(__file__).resolve().parent.parent, env=env, text=True,
        ).split()[-3:]
        category, product, count = paths
        print(f"products in catalogue: {count}")
        pages = [("healthz", "/healthz"), ("home", "/"), ("category", category), ("product", product)]
        for _, path in pages:
            warm(base, path)
        results = [wrk(base, name, path, seconds) for name, path in pages]
        report(results, results[0], Path(__file__).parent / "out" / "storefront.json")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)

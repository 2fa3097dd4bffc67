"""In-process render time of the storefront pages, uncached, at 10 and 1,000 products (SQLite).

Each page is requested through Django's test client in one process, with the page cache and the
search-result cache off. The figure is CPU time per request (``time.process_time``): unlike
wall-clock time it does not grow when other work shares the machine. Two columns: a page seen
before (the pieces kept under the content and product versions — cards, listings, the product
page's fragments, routes, menu — are in the cache, as for a visitor with a basket on a page
others have seen), and after a change (the site's and the listings' versions moved on before
each request, so that every such piece is built again). ``--profile PAGE`` prints
the functions a profile of that page spends most time in (the method behind the figures in
bench/README.md).

Usage: .venv/bin/python bench/render_time.py [--requests 50] [--profile category]
"""

import argparse
import sys
from pathlib import Path
from subprocess import check_output

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.serve import ROOT, demo_shop, manage  # noqa: E402

MEASURE = r"""
import cProfile, io, pstats, statistics, time
from django.test import Client
from oscar.core.loading import get_model
P = get_model("catalogue", "Product"); C = get_model("catalogue", "Category")
pages = {
    "home": "/",
    "category": C.objects.get(name="Chè Thái Nguyên").get_absolute_url(),
    "product": P.objects.get(upc="8930000000019").get_absolute_url(),
    "producer": "/nha-san-xuat/co-so-che-dong-tam/",
    "search": "/search/?q=che+tom",
}
from shop.page_cache import LISTINGS, SITE, bump_tags
client = Client()


def timed(path, *, cold):
    times = []
    for _ in range(REQUESTS):
        if cold:  # as after a change to the site: every version-keyed piece is stale
            bump_tags([SITE, LISTINGS])
        started = time.process_time()
        client.get(path)
        times.append((time.process_time() - started) * 1000)
    times.sort()
    return f"{statistics.median(times):>7.1f} {times[int(len(times) * 0.9)]:>7.1f}"


for name, path in pages.items():
    for _ in range(3):
        assert client.get(path).status_code == 200, path
    warm = timed(path, cold=False)
    print(f"{PRODUCTS:>6,} {name:<9} {warm}   {timed(path, cold=True)}")
if PROFILE:
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(20):
        client.get(pages[PROFILE])
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(35)
    print(out.getvalue())
"""
TEN_PUBLIC = """
from oscar.core.loading import get_model
get_model("catalogue", "Product").objects.filter(upc__in=["8930000000118", "8930000000125"]).update(is_public=False)
"""
GROW = """
from tests.factories import add_products
from oscar.core.loading import get_model
add_products(990, category=get_model("catalogue", "Category").objects.get(name="Chè Thái Nguyên"))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--profile", default="")
    args = parser.parse_args()
    with demo_shop(extra_setup=TEN_PUBLIC) as env:
        env = dict(env, PAGE_CACHE_SECONDS="0", SEARCH_CACHE_SECONDS="0", ALLOWED_HOSTS="testserver")
        print(f"{'':>6} {'':<9} {'seen before':>15}   {'after a change':>15}   (CPU ms per request)")
        print(f"{'products':>6} {'page':<9} {'p50':>7} {'p90':>7}   {'p50':>7} {'p90':>7}")
        for products in (10, 1000):
            if products == 1000:
                manage(env, "shell", "-c", GROW)
            script = (
                f"REQUESTS = {args.requests}\nPRODUCTS = {products}\n"
                f"PROFILE = {args.profile!r} if {products} == 1000 else ''\n" + MEASURE
            )
            print(check_output([sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=env,
                               text=True).rstrip())


if __name__ == "__main__":
    main()

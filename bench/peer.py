"""Our shop against a vanilla Oscar 4.2.1 + Wagtail 8.0.1 shop: uncached req/s per page, ours ÷ peer.

The peer is generated at run time in a temporary folder outside the repository: a minimal Django
project set up as Oscar's "Building your own shop" and Wagtail's "Integrating Wagtail into a Django
project" describe (SQLite, DEBUG off, Oscar at /shop/, a Wagtail home page at /). It searches with
Whoosh, as Oscar's sandbox does: Haystack's simple backend, the guide's "basic search", lists no
product on Oscar 4.2's catalogue and category pages (it matches only the last word of the query
built from their filters). It holds 1,000 public products with a price, stock and one shared
photo, all in one category; as many of them are titled "Chè Tôm …" as our search finds for
"che tom", and their descriptions carry the unaccented words (Whoosh does not fold accents).
Our shop is the demo grown to 1,000 products (as in bench/storefront.py), page and search caches off.

Both servers run at once (gunicorn, 2 workers each, on two free ports); wrk (1 thread, 8 connections)
loads one of them at a time: for each round, page by page, ours then the peer's. Prints the median
req/s, p50 and p99 over the rounds per page for both shops, the ratio ours ÷ peer and the non-2xx
answers, and writes bench/out/peer.json. Needs Whoosh (requirements.txt).

Usage: .venv/bin/python bench/peer.py [--rounds 5] [--seconds 8]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.serve import PYTHON, ROOT, Result, demo_shop, free_port, gunicorn, warm, wrk  # noqa: E402
from bench.storefront import GROW, PATHS  # noqa: E402

PAGES = ("home", "product", "search", "catalogue", "category")
OUR_SEARCH_HITS = (
    "from discovery.selectors import SearchFilters, search_storefront;"
    "print(search_storefront(query='che tom', language_code='vi', filters=SearchFilters()).count)"
)

PEER_SETTINGS = '''"""A vanilla Oscar shop with Wagtail, configured as both installation guides describe."""

from pathlib import Path

from oscar.defaults import *  # noqa: F403

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "peer-benchmark-only-" + "x" * 40
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "peer_shop.urls"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "oscar.apps.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "oscar.apps.shipping.apps.ShippingConfig",
    "oscar.apps.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "oscar.apps.partner.apps.PartnerConfig",
    "oscar.apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "oscar.apps.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "home",
]
SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
            ],
        },
    },
]

DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "peer.sqlite3", "ATOMIC_REQUESTS": True}
}
AUTHENTICATION_BACKENDS = [
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "haystack.backends.whoosh_backend.WhooshEngine", "PATH": BASE_DIR / "whoosh_index"}
}

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

WAGTAIL_SITE_NAME = "Peer shop"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"

# Like ours: Wagtail's home at /, prices in dong, 24 products a page.
OSCAR_HOMEPAGE = "/"
OSCAR_DEFAULT_CURRENCY = "VND"
OSCAR_PRODUCTS_PER_PAGE = 24
'''

PEER_URLS = '''from django.apps import apps
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("", include(wagtail_urls)),
]
'''

PEER_FILES = {
    "peer_shop/__init__.py": "",
    "peer_shop/settings.py": PEER_SETTINGS,
    "peer_shop/urls.py": PEER_URLS,
    "peer_shop/wsgi.py": "from django.core.wsgi import get_wsgi_application\n\napplication = get_wsgi_application()\n",
    "home/__init__.py": "",
    "home/migrations/__init__.py": "",
    "home/models.py": "from wagtail.models import Page\n\n\nclass HomePage(Page):\n    pass\n",
    "home/templates/home/home_page.html": (
        '{% extends "oscar/layout.html" %}\n'
        "{% block title %}{{ page.title }} | {{ block.super }}{% endblock %}\n"
        "{% block content %}<h1>{{ page.title }}</h1>{% endblock %}\n"
    ),
}

# Prints the product, search, catalogue and category paths, one a line; SEARCH_HITS is set before it.
PEER_SEED = """
from decimal import Decimal
from io import BytesIO

from django.core.files.base import ContentFile
from oscar.core.loading import get_model
from PIL import Image
from wagtail.models import Page, Site

from home.models import HomePage

Category, Product, ProductCategory, ProductClass, ProductImage = (
    get_model("catalogue", name)
    for name in ("Category", "Product", "ProductCategory", "ProductClass", "ProductImage")
)
Partner, StockRecord = get_model("partner", "Partner"), get_model("partner", "StockRecord")

tea = Category.add_root(name="Chè")
kind = ProductClass.objects.create(name="Chè", requires_shipping=True, track_stock=True)
partner = Partner.objects.create(name="Hợp tác xã chè")
found = set(range(0, 1000, 1000 // SEARCH_HITS)[:SEARCH_HITS]) if SEARCH_HITS else set()
titles = [("Chè Tôm búp", "che-tom-bup") if i in found else ("Chè búp", "che-bup") for i in range(1000)]
products = Product.objects.bulk_create(
    Product(title=f"{title} {i:04d}", slug=f"{slug}-{i:04d}", upc=f"PEER{i:04d}", product_class=kind,
            description=f"<p>{title} ({slug.replace('-', ' ')}) từ Thái Nguyên.</p>",
            structure=Product.STANDALONE, is_public=True)
    for i, (title, slug) in enumerate(titles)
)
ProductCategory.objects.bulk_create(ProductCategory(product=p, category=tea) for p in products)
StockRecord.objects.bulk_create(
    StockRecord(product=p, partner=partner, partner_sku=p.upc, price=Decimal("199000"), price_currency="VND",
                num_in_stock=10)
    for p in products
)
jpeg = BytesIO()
Image.new("RGB", (300, 300), (90, 140, 60)).save(jpeg, "JPEG")
photo = ProductImage(product=products[0], display_order=0)
photo.original.save("peer.jpg", ContentFile(jpeg.getvalue()))
ProductImage.objects.bulk_create(
    ProductImage(product=p, original=photo.original.name, display_order=0) for p in products[1:]
)

Page.objects.filter(depth=2).delete()
home = Page.get_first_root_node().add_child(instance=HomePage(title="Chợ OCOP", slug="home"))
Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)

print(products[0].get_absolute_url())
print("/shop/search/?q=che+tom")
print("/shop/catalogue/")
print(tea.get_absolute_url())
"""


def build_peer(folder: Path, search_hits: int) -> tuple[dict, dict]:
    """Generate, migrate and seed the peer shop in ``folder``; returns its environment and page paths.

    ``search_hits`` of its products answer the search "che tom".
    """
    for name, text in PEER_FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    # Oscar's listings ask for facets Whoosh cannot count; it says so once per process.
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="peer_shop.settings",
               PYTHONWARNINGS="ignore:Whoosh does not handle query faceting")

    def django(*args: str) -> str:
        done = subprocess.run([PYTHON, "-m", "django", *args], cwd=folder, env=env, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"peer: django {args[0]} failed:\n{done.stderr}")
        return done.stdout

    django("makemigrations", "home", "-v0")
    django("migrate", "--no-input", "-v0")
    paths = django("shell", "-c", f"SEARCH_HITS = {search_hits}\n{PEER_SEED}").split()[-4:]
    django("rebuild_index", "--noinput", "-v0")
    return env, dict(zip(PAGES, ["/", *paths], strict=True))


def our_pages(env: dict) -> tuple[dict, int]:
    """Our page paths and how many products our search finds for "che tom"."""
    category, product, count, hits = subprocess.check_output(
        [PYTHON, "manage.py", "shell", "-c", PATHS + ";" + OUR_SEARCH_HITS], cwd=ROOT, env=env, text=True
    ).split()[-4:]
    print(f"products in our catalogue: {count}; products found for 'che tom': {hits}")
    paths = ["/", product, "/search/?q=che+tom", "/shop/catalogue/", category]
    return dict(zip(PAGES, paths, strict=True)), int(hits)


def median_of(results: list[Result]) -> dict:
    return {
        "path": results[0].path,
        "rps": statistics.median(r.requests_per_second for r in results),
        "p50_ms": statistics.median(r.p50_ms for r in results),
        "p99_ms": statistics.median(r.p99_ms for r in results),
        "errors": sum(r.errors for r in results),
        "rounds_rps": [r.requests_per_second for r in results],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=8)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="oscar-peer-") as peer_tmp, demo_shop(extra_setup=GROW) as env:
        ours_env = dict(env, PAGE_CACHE_SECONDS="0", SEARCH_CACHE_SECONDS="0")
        our_paths, search_hits = our_pages(env)
        peer_folder = Path(peer_tmp)
        peer_env, peer_paths = build_peer(peer_folder, search_hits)
        paths = {"ours": our_paths, "peer": peer_paths}
        with (
            gunicorn(ours_env, port=free_port()) as ours_base,
            gunicorn(peer_env, port=free_port(), app="peer_shop.wsgi", cwd=peer_folder, ready_path="/") as peer_base,
        ):
            bases = {"ours": ours_base, "peer": peer_base}
            for shop, base in bases.items():
                sizes = {page: warm(base, path) for page, path in paths[shop].items()}
                print(f"{shop} first-load HTML bytes: {sizes}")
            samples = {(shop, page): [] for shop in bases for page in PAGES}
            for _ in range(args.rounds):
                for page in PAGES:
                    for shop, base in bases.items():
                        samples[shop, page].append(wrk(base, page, paths[shop][page], args.seconds))

    rows = []
    print(f"\n{'page':<10} {'ours req/s':>10} {'p50':>6} {'p99':>6} {'peer req/s':>10} {'p50':>6} {'p99':>6} "
          f"{'ours÷peer':>9} {'non-2xx ours/peer':>17}")
    for page in PAGES:
        ours, peer = median_of(samples["ours", page]), median_of(samples["peer", page])
        ratio = ours["rps"] / peer["rps"]
        rows.append({"page": page, "ours": ours, "peer": peer, "ratio": ratio})
        print(f"{page:<10} {ours['rps']:>10.1f} {ours['p50_ms']:>6.1f} {ours['p99_ms']:>6.1f} {peer['rps']:>10.1f} "
              f"{peer['p50_ms']:>6.1f} {peer['p99_ms']:>6.1f} {ratio:>9.2f} {ours['errors']:>11}/{peer['errors']}")
    out = Path(__file__).parent / "out" / "peer.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(
        {"rounds": args.rounds, "seconds": args.seconds, "search_hits": search_hits, "pages": rows}, indent=2
    ))


if __name__ == "__main__":
    main()

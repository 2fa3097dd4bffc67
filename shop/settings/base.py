"""Settings shared by every environment; each value that differs comes from the environment."""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's documented way to load its defaults)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Behind a reverse proxy: the header it writes the client's address into (e.g. X-Forwarded-For)
# and how many proxies of ours add to it; empty = use the connection's address (shop/proxy.py).
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", default="")
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)

# --- Applications -----------------------------------------------------------

DJANGO_APPS = [
    "modeltranslation",  # before the admin, so translated fields show there
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

OSCAR_APPS = [
    "shop.apps.StorefrontConfig",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "checkout.apps.CheckoutConfig",
    "addresses.apps.AddressConfig",
    "shipping.apps.ShippingConfig",
    "catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "producers.apps.PartnerConfig",
    "oscar.apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "orders.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "dashboard.apps.DashboardConfig",
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
    "shipping.dashboard_apps.ShippingDashboardConfig",
]

WAGTAIL_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
]

THIRD_PARTY_APPS = [
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

LOCAL_APPS = [
    "coops",
    "traceability",
    "cms",
    "discovery",
    "demo",
    "fulfilment",
    "portal",
    "payments",
    "jobs",
    "zalo",
    # Installable portal and requests accepted exactly once (offline/).
    "offline",
]

INSTALLED_APPS = DJANGO_APPS + OSCAR_APPS + WAGTAIL_APPS + THIRD_PARTY_APPS + LOCAL_APPS

SITE_ID = 1

MIDDLEWARE = [
    "shop.health.HealthzMiddleware",
    "shop.proxy.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "shop.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses on the way out, after every middleware below has written the body (the page
    # cache puts each visitor's CSRF token in); static files never reach it (WhiteNoise above).
    "shop.compression.TextGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "shop.page_cache.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "shop" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
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

# --- Data stores ------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so concurrent
    # checkouts wait for each other instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# Keep connections between requests: opening one (and, on SQLite, running the pragmas above)
# costs more than a small page's queries.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Requests that may write run in one transaction, reads in none (shop/transactions.py).
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ocop",
            # A slow or missing Redis costs a request at most these fractions of a second.
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    # Sessions are written to the database and read through the cache: a Redis restart or an
    # eviction logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Fail open: with Redis unreachable every cache read misses and every write is dropped, so pages
# render from the database (slower) instead of failing; /readyz reports the cache as down.
DJANGO_REDIS_IGNORE_EXCEPTIONS = True
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "shop.cache"

#: Anonymous visitors' showcase and catalogue pages are cached whole (shop/page_cache.py); 0 = off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
#: Larger pages are rendered every time rather than stored (bounds the memory of each entry).
PAGE_CACHE_MAX_BYTES = env.int("PAGE_CACHE_MAX_BYTES", default=512 * 1024)
# A CDN in front of the shop: Wagtail's frontend cache app purges changed pages from it.
# FRONTEND_CACHE_URL (an HTTP PURGE endpoint such as Varnish or nginx) or the Cloudflare pair.
FRONTEND_CACHE_URL = env("FRONTEND_CACHE_URL", default="")
FRONTEND_CACHE_CLOUDFLARE_ZONE = env("FRONTEND_CACHE_CLOUDFLARE_ZONE", default="")
FRONTEND_CACHE_CLOUDFLARE_TOKEN = env("FRONTEND_CACHE_CLOUDFLARE_TOKEN", default="")
WAGTAILFRONTENDCACHE = {}
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE["purge"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": FRONTEND_CACHE_URL,
    }
if FRONTEND_CACHE_CLOUDFLARE_ZONE:
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": FRONTEND_CACHE_CLOUDFLARE_TOKEN,
        "ZONEID": FRONTEND_CACHE_CLOUDFLARE_ZONE,
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS += ["wagtail.contrib.frontend_cache"]

# --- Background work (jobs/) -------------------------------------------------
# django-tasks with its database backend: tasks are rows in the shop's database, run by
# `manage.py db_worker` (`make run` starts one beside the web server when REDIS_URL is set).
# The periodic jobs (jobs/schedule.py) are queued by `manage.py schedule_jobs` and keep
# themselves going. The immediate backend runs every task inside the request instead (no
# worker, no schedule: run the periodic commands from cron).

# The worker shares the cache's state with the web processes (page-cache versions, scan
# counters), so without REDIS_URL (an in-process cache, one process) tasks run in the request.
DATABASE_TASK_BACKEND = "django_tasks_db.DatabaseBackend"
IMMEDIATE_TASK_BACKEND = "django_tasks.backends.immediate.ImmediateBackend"
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default=DATABASE_TASK_BACKEND if REDIS_URL else IMMEDIATE_TASK_BACKEND)
    }
}

# --- Search (Oscar's storefront search keeps Haystack; browsing does not use it) ---

#: Results of one normalised storefront search are kept this long (discovery/selectors.py); 0 = off.
SEARCH_CACHE_SECONDS = env.int("SEARCH_CACHE_SECONDS", default=60)

HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}

# --- Internationalisation ---------------------------------------------------

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Catalogue data (product, category, attribute option, producer text) in both languages:
# an empty English text reads as the Vietnamese one.
MODELTRANSLATION_DEFAULT_LANGUAGE = "vi"
MODELTRANSLATION_LANGUAGES = ("vi", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("vi",)
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and media files -------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "shop" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
#: Diary attachments and certificate documents: outside MEDIA_ROOT, served only through views.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "shop.private_files.PrivateFileStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# S3-compatible object storage for uploads (AWS S3, MinIO, Cloudflare R2, DigitalOcean Spaces…)
# when a bucket is named; credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
# Without it, uploads stay in MEDIA_ROOT and every web process serves them (shop/media.py).
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
MEDIA_ON_OBJECT_STORAGE = bool(AWS_STORAGE_BUCKET_NAME)
if MEDIA_ON_OBJECT_STORAGE:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default=None),
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
# Diary drafts and certificate documents: a second, private bucket (never public-read, no public
# URL; traceability.file_views streams them after the permission check), so that every web
# machine finds them. Without it they stay in PRIVATE_MEDIA_ROOT on this machine's disk.
AWS_PRIVATE_BUCKET_NAME = env("AWS_PRIVATE_BUCKET_NAME", default="")
if AWS_PRIVATE_BUCKET_NAME:
    STORAGES["private"] = {
        "BACKEND": "shop.private_files.PrivateObjectStorage",
        "OPTIONS": {
            "bucket_name": AWS_PRIVATE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
        },
    }
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Accounts ---------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    # First, so that every authenticate() call is checked against the login limit.
    "shop.login_limits.LoginLimitBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_REDIRECT_URL = "/shop/"
LOGIN_URL = "customer:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "shop.login_limits.EndLockoutOnNewPassword"},
]

# Every message is queued for the task worker (jobs/mail.py), which hands it to EMAIL_DELIVERY_BACKEND.
EMAIL_BACKEND = "jobs.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="OCOP Market <shop@ocop.localhost>")

# --- Oscar ------------------------------------------------------------------

OSCAR_SHOP_NAME = env("SHOP_NAME", default="OCOP Market")
OSCAR_SHOP_TAGLINE = _("Tea and honey from the farms of An Khánh")
OSCAR_HOMEPAGE = "/"
OSCAR_DEFAULT_CURRENCY = "VND"
OSCAR_CURRENCY_FORMAT = {"VND": {"currency_digits": True, "format_type": "standard"}}
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_SLUG_FUNCTION = "shop.slugs.vietnamese_slugify"
OSCAR_THUMBNAILER = "catalogue.thumbnails.RenditionThumbnailer"
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
OSCAR_PRODUCTS_PER_PAGE = 24
# Reviews wait for staff before they are shown (anonymous ones included).
OSCAR_MODERATE_REVIEWS = True
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "last_name", "line1", "line4", "country")

# --- Wagtail ----------------------------------------------------------------

WAGTAIL_SITE_NAME = OSCAR_SHOP_NAME
WAGTAILADMIN_BASE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"heic": "jpeg", "avif": "webp"}
WAGTAILDOCS_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "webp"]
# Editors' images and documents pass the shop's one upload policy (cms/upload_forms.py).
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "heic"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.upload_forms.PolicyImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.upload_forms.PolicyDocumentForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False

SITE_URL = WAGTAILADMIN_BASE_URL
# Oscar's e-mail links: the scheme of SITE_URL, the host of Django's Site (set from SITE_URL
# after every migrate, shop/sites.py).
OSCAR_URL_SCHEMA = SITE_URL.split("://", 1)[0]
# Password resets (shop/password_reset.py): requests per e-mail address and per client address
# in each window, counted in the shared cache. Editors reset theirs at the shop's reset page.
PASSWORD_RESET_PER_ADDRESS = env.int("PASSWORD_RESET_PER_ADDRESS", default=3)
PASSWORD_RESET_PER_CLIENT = env.int("PASSWORD_RESET_PER_CLIENT", default=10)
PASSWORD_RESET_WINDOW_SECONDS = env.int("PASSWORD_RESET_WINDOW_SECONDS", default=3600)
WAGTAIL_PASSWORD_RESET_ENABLED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# --- Orders -----------------------------------------------------------------
# The one status pipeline of an order (orders/statuses.py names and labels the codes;
# orders/processing.py is the only code that moves an order along it). A line's status
# follows its order's (the cascade), except "packing", which each producer's parcel sets.

OSCAR_INITIAL_ORDER_STATUS = "pending-payment"
OSCAR_INITIAL_LINE_STATUS = "pending-payment"
OSCAR_ORDER_STATUS_PIPELINE = {
    "pending-payment": ("paid", "cancelled", "expired"),
    "paid": ("packing", "shipped", "refund-pending", "refunded"),
    "packing": ("shipped", "refund-pending", "refunded"),
    "shipped": ("delivered", "returned"),
    "delivered": ("returned", "refunded"),
    "returned": ("refunded",),
    "refund-pending": ("refunded",),
    "cancelled": ("paid",),
    "expired": ("paid",),
    "refunded": (),
}
OSCAR_LINE_STATUS_PIPELINE = OSCAR_ORDER_STATUS_PIPELINE
OSCAR_ORDER_STATUS_CASCADE = {status: status for status in OSCAR_ORDER_STATUS_PIPELINE if status != "packing"}

# --- Co-op fulfilment (fulfilment/, coops/) ---------------------------------
# Orders become "late" on the co-op's today screen this many days after payment.
COOP_LATE_AFTER_DAYS = env.int("COOP_LATE_AFTER_DAYS", default=2)

# --- Login limits (shop/login_limits.py, django-axes) -------------------------
# Failures are counted in the database per account name and client address together; after
# AXES_FAILURE_LIMIT of them that pair waits AXES_COOLOFF_TIME, or resets the password.

MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "shop.login_limits.login_username"
AXES_CLIENT_IP_CALLABLE = "shop.login_limits.client_address"
AXES_LOCKOUT_CALLABLE = "shop.login_limits.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["password", "login-password"]
AXES_ENABLE_ADMIN = False
#: The header the trusted proxy in front of the shop sets to the client's address (empty: none).
CLIENT_ADDRESS_HEADER = env("CLIENT_ADDRESS_HEADER", default="")

# --- Traceability -----------------------------------------------------------
# The domain printed in QR codes (Digital Links); answered by this shop at /01/{gtin}/10/{lot}.
TRACE_BASE_URL = env("TRACE_BASE_URL", default=SITE_URL)
# The namespace of the shop's EPCIS vocabulary (answered at /voc/): set it once and keep it when
# the shop or its QR domain moves, because published EPCIS documents name their terms by it.
TRACE_VOCABULARY_URL = env("TRACE_VOCABULARY_URL", default=f"{SITE_URL.rstrip('/')}/voc/")
# Anonymous trace pages are served from the cache; 0 turns the cache off (used by the benchmark).
TRACE_PAGE_CACHE_SECONDS = env.int("TRACE_PAGE_CACHE_SECONDS", default=3600)
# Ed25519 key signing each published lot's seal (traceability/signing.py), base64 of 32 bytes.
# Empty outside production: a key derived from SECRET_KEY is used; production requires it.
TRACE_SIGNING_KEY = env("TRACE_SIGNING_KEY", default="")
# Cached scan counters are written to the database every this many scans of a lot.
TRACE_SCAN_FLUSH_EVERY = env.int("TRACE_SCAN_FLUSH_EVERY", default=50)

# --- Payments (VietQR bank transfer, Stripe card) -----------------------------
# payments/registry.py lists the methods; the order waits in "pending-payment" until a
# verified notification (bank webhook or Stripe webhook) says the money arrived.

PAYMENT_METHODS = env.list("PAYMENT_METHODS", default=["vietqr", "stripe"])
PAYMENT_EXPIRY_MINUTES = env.int("PAYMENT_EXPIRY_MINUTES", default=24 * 60)
VIETQR_BANK_BIN = env("VIETQR_BANK_BIN", default="970436")
VIETQR_BANK_NAME = env("VIETQR_BANK_NAME", default="Vietcombank")
VIETQR_ACCOUNT_NUMBER = env("VIETQR_ACCOUNT_NUMBER", default="1023456789")
VIETQR_ACCOUNT_NAME = env("VIETQR_ACCOUNT_NAME", default="HTX CHE AN KHANH")
BANK_WEBHOOK_KEY = env("BANK_WEBHOOK_KEY", default="")
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="sk_test_unset")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="pk_test_unset")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="https://api.stripe.com")
STRIPE_JS_URL = env("STRIPE_JS_URL", default="https://js.stripe.com/v3/")

# --- Wallets (MoMo, ZaloPay): payments/momo.py, payments/zalopay.py ----------------------
# A wallet is offered only when it is listed in PAYMENT_METHODS *and* its keys are set here.
# The buyer is sent to the wallet's own page (a link, or a QR drawn by the shop: no script or
# image from the wallet's hosts is loaded by our pages, so the CSP needs no extra host).
MOMO_PARTNER_CODE = env("MOMO_PARTNER_CODE", default="")
MOMO_ACCESS_KEY = env("MOMO_ACCESS_KEY", default="")
MOMO_SECRET_KEY = env("MOMO_SECRET_KEY", default="")
MOMO_ENDPOINT = env("MOMO_ENDPOINT", default="https://test-payment.momo.vn")
ZALOPAY_APP_ID = env("ZALOPAY_APP_ID", default="")
ZALOPAY_KEY1 = env("ZALOPAY_KEY1", default="")
ZALOPAY_KEY2 = env("ZALOPAY_KEY2", default="")
ZALOPAY_ENDPOINT = env("ZALOPAY_ENDPOINT", default="https://sb-openapi.zalopay.vn")
#: Wallet payments still pending are asked about (status query) after this many seconds without news.
WALLET_QUERY_AFTER_SECONDS = env.int("WALLET_QUERY_AFTER_SECONDS", default=120)

# --- Zalo: share plugin, OA chat links, ZNS order messages (zalo/) ---------------
# With ZALO_APP_ID, ZALO_APP_SECRET and ZALO_OA_REFRESH_TOKEN set (and a ZNS template chosen in the
# dashboard for a message), order messages go to the buyer's phone on Zalo, e-mail when Zalo refuses.
ZALO_APP_ID = env("ZALO_APP_ID", default="")
ZALO_APP_SECRET = env("ZALO_APP_SECRET", default="")
#: Only the first one: Zalo returns a new refresh token on every refresh, kept in the database.
ZALO_OA_REFRESH_TOKEN = env("ZALO_OA_REFRESH_TOKEN", default="")
#: The OA secret key Zalo signs its webhook events with (X-ZEvent-Signature).
ZALO_OA_SECRET_KEY = env("ZALO_OA_SECRET_KEY", default="")
ZALO_OAUTH_URL = env("ZALO_OAUTH_URL", default="https://oauth.zaloapp.com/v4/oa/access_token")
ZALO_ZNS_URL = env("ZALO_ZNS_URL", default="https://business.openapi.zalo.me/message/template")
#: Zalo's share plugin, loaded only when a visitor presses "Share on Zalo".
ZALO_SHARE_SCRIPT = env("ZALO_SHARE_SCRIPT", default="https://sp.zalo.me/plugins/sdk.js")
#: Hosts the share plugin loads from and frames (for the Content-Security-Policy: script-src, frame-src).
ZALO_SHARE_HOSTS = ["https://sp.zalo.me", "https://zalo.me", "https://stc-sp.zdn.vn"]

OSCAR_DASHBOARD_NAVIGATION = [
    *OSCAR_DASHBOARD_NAVIGATION,  # noqa: F405
    {
        "label": _("Payments"),
        "icon": "fas fa-money-bill",
        "children": [
            {
                "label": _("Transfers to match / to refund"),
                "url_name": "payments_dashboard:transfers",
                "access_fn": lambda user, *args, **kwargs: user.is_staff,
            }
        ],
    },
    {
        "label": _("Zalo messages"),
        "icon": "fas fa-comment",
        "url_name": "zalo_dashboard:templates",
        "access_fn": lambda user, *args, **kwargs: user.is_staff,
    },
    {
        "label": _("Background jobs"),
        "icon": "fas fa-tasks",
        "url_name": "jobs_dashboard:list",
        "access_fn": lambda user, *args, **kwargs: user.is_staff,
    },
]

# --- Content-Security-Policy (django-csp; shop/content_security.py) -----------
# The one place a page's outside sources are allowed. Scripts run only from the shop itself or
# with the request's nonce (`<script nonce="{{ request.csp_nonce }}">`); a provider that must be
# reached adds its origin to CSP_ALLOWANCES below, under the directive it needs. An origin that
# comes from another setting (a provider's base URL, changed by tests and sandboxes) is named
# in CSP_ORIGINS_FROM_SETTINGS instead and read at each request.
from base64 import b64encode  # noqa: E402
from hashlib import sha256  # noqa: E402

from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES, UNSAFE_INLINE  # noqa: E402

CSP_ALLOWANCES = {
    # Stripe's card form (payments/): its script, its frames (3-D Secure), its API.
    # Zalo's share plugin (loaded on a click), its assets and the share dialog it frames.
    "script-src": ["https://js.stripe.com", *ZALO_SHARE_HOSTS],
    "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com", *ZALO_SHARE_HOSTS],
    "connect-src": ["https://api.stripe.com"],
    # Wallets (MoMo, ZaloPay) receive the buyer by a form post or a redirect after one.
    "form-action": [
        "https://payment.momo.vn",
        "https://test-payment.momo.vn",
        "https://gateway.zalopay.vn",
        "https://qcgateway.zalopay.vn",
        "https://sb-openapi.zalopay.vn",
        "https://openapi.zalopay.vn",
    ],
    "img-src": [],
}
#: directive -> names of settings holding a URL whose origin that directive allows.
CSP_ORIGINS_FROM_SETTINGS = {
    "script-src": ["STRIPE_JS_URL", "ZALO_SHARE_SCRIPT"],
    "frame-src": ["STRIPE_JS_URL", "ZALO_SHARE_SCRIPT"],
    "connect-src": ["STRIPE_API_BASE"],
    "img-src": ["AWS_S3_PUBLIC_URL"],
    "form-action": ["MOMO_ENDPOINT", "ZALOPAY_ENDPOINT"],
}
#: Oscar's templates keep a few fixed inline handlers ("cancel" links, "print this page"):
#: allowed by their hashes, so no other inline handler runs.
CSP_INLINE_HANDLERS = [
    "window.print()",
    "history.go(-1);return false",
    "window.history.go(-1);return false",
    "window.close();return false;",
    "javascript:history.go(-1);",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "script-src-attr": [
            UNSAFE_HASHES,
            *(f"'sha256-{b64encode(sha256(code.encode()).digest()).decode()}'" for code in CSP_INLINE_HANDLERS),
        ],
        # Oscar's and our templates carry style attributes; styles cannot run code.
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        # The producer portal's service worker and web-app manifest.
        "worker-src": [SELF],
        "manifest-src": [SELF],
    },
}
#: The page editor (Wagtail's admin) ships inline scripts without nonces (panels, date widgets,
#: chooser modals): its pages get these directives instead, and may frame the shop's own pages
#: (the live preview). Only editors reach them, after logging in.
CSP_PAGE_EDITOR_PREFIX = "/cms-admin/"
CSP_PAGE_EDITOR_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}
MIDDLEWARE.insert(
    MIDDLEWARE.index("shop.security_headers.SecurityHeadersMiddleware") + 1,
    "shop.content_security.ContentSecurityPolicyMiddleware",
)
INSTALLED_APPS += ["csp", "django.forms"]
# Form widgets render through the project's templates, so shop/templates can replace a widget
# of Oscar's that carries inline handlers (oscar/forms/widgets/image_input_widget.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
# --- end of Content-Security-Policy

# Last, always: it runs the view of a writing request inside its transaction (shop/transactions.py).
MIDDLEWARE += ["shop.transactions.WriteRequestsAtomicMiddleware"]

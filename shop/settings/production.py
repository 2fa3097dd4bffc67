"""Production: every secret comes from the environment; the process refuses to start without it."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment to run in production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS in the environment to run in production.")
TRACE_SIGNING_KEY = env("TRACE_SIGNING_KEY", default="")
if not TRACE_SIGNING_KEY:
    raise ImproperlyConfigured(
        "Set TRACE_SIGNING_KEY in the environment to run in production "
        "(manage.py trace_signing_key prints a new one)."
    )

# Each web process and the worker must see one cache (page-cache versions, scan counters, login
# limits). An in-process cache is only right for a shop run as one process, said explicitly.
SINGLE_PROCESS = env.bool("SINGLE_PROCESS", default=False)
if not REDIS_URL and not SINGLE_PROCESS:  # noqa: F405
    raise ImproperlyConfigured(
        "Set REDIS_URL so that every web process and the task worker share one cache, or set "
        "SINGLE_PROCESS=true to run a single process (gunicorn --workers 1) with an in-process cache."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
OSCAR_BASKET_COOKIE_SECURE = True
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_DELIVERY_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
if EMAIL_DELIVERY_BACKEND.endswith("smtp.EmailBackend"):
    EMAIL_CONFIG = env.email_url("EMAIL_URL", default="smtp://localhost:25")
    EMAIL_CONFIG.pop("EMAIL_BACKEND", None)  # the worker delivers; requests only queue (jobs/mail.py)
    vars().update(EMAIL_CONFIG)

LOGGING["root"]["level"] = env("LOG_LEVEL", default="INFO")  # noqa: F405

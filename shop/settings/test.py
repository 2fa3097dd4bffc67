"""Test runs: fast hashing, mail kept in memory, media in a temporary folder (set by tests)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="test-only-key")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run inside the request here; tests of the worker switch to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "shop.private_files.PrivateFileStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ON_OBJECT_STORAGE = False
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file (not memory) so that `pytest --reuse-db` can skip the migrations between runs.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": env("TEST_DB_FILE", default=str(BASE_DIR / ".pytest-db.sqlite3"))  # noqa: F405
    }

# Query budgets measure real rendering; tests of the page cache turn it on themselves.
PAGE_CACHE_SECONDS = 0
SEARCH_CACHE_SECONDS = 0

"""Fixtures every part of the suite shares: media in a temporary folder, the demo world, query budgets.

The demo world is seeded once per test session (with its photos in a session media folder);
each test gets a copy of that folder as its own MEDIA_ROOT and runs inside a transaction.
Tests that commit for real (browser, concurrency) run last, and each of them ends by putting
the database back as the seeding left it, from a snapshot taken right after the seeding
(tests/demo_snapshot.py), in place of Django's flush.
"""

import atexit
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.dispatch import receiver
from django.test.signals import setting_changed

from tests import demo_snapshot
from tests.querycount import QueryBudget

IN_CI = os.environ.get("CI") == "true"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
COMMITTING_FIXTURES = {"transactional_db", "live_server", "django_db_serialized_rollback"}


def _seed() -> None:
    """The demo world, seeded quietly."""
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", verbosity=0, stdout=quiet)


@receiver(setting_changed)
def _new_task_backends(*, setting, **_kwargs):
    """django-tasks (unlike Django 6's tasks) keeps its backends when a test changes TASKS."""
    if setting == "TASKS":
        from asgiref.local import Local
        from django_tasks import task_backends

        task_backends.__dict__.pop("settings", None)
        task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture
def database_tasks(settings):
    """Tasks queued as rows for a worker process, as in production, instead of run at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(scope="session", autouse=True)
def no_scan_flush_at_exit():
    """When the test run ends its databases are gone: scans counted in tests are not written anywhere."""
    from traceability import caching

    atexit.unregister(caching.flush_counted_here)


@pytest.fixture(scope="session")
def s3_url():
    """An S3 API on localhost: moto's server mode. `.ci/run` starts one and names it in MOTO_S3_URL;
    without it the first test that asks starts its own."""
    if url := os.environ.get("MOTO_S3_URL"):
        yield url
        return
    from tests.processes import free_port, start_moto_server

    port = free_port()
    process = start_moto_server(port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def new_bucket(monkeypatch, s3_url):
    """Makes an empty bucket on the S3 stand-in (test credentials) and returns its client and name."""
    import uuid

    import boto3

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")

    def make(prefix: str):
        name = f"{prefix}-{uuid.uuid4().hex[:8]}"
        s3 = boto3.client("s3", endpoint_url=s3_url, region_name="us-east-1")
        s3.create_bucket(Bucket=name)
        return s3, name

    return make


@pytest.fixture(scope="session")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, demo_media):
    from django.conf import settings

    settings.MEDIA_ROOT = demo_media
    settings.PRIVATE_MEDIA_ROOT = demo_media / "private"
    with django_db_blocker.unblock():
        _seed()
        demo_snapshot.take()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path, demo_media):
    """Uploads of every test go to a folder of its own, which starts with the demo's photos."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    shutil.copytree(demo_media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Vietnamese: a request under /en/ leaves English active in the thread,
    and translated catalogue fields read and query in the active language."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def committing_tests_end_on_the_demo():
    """A test that commits leaves the database as the session's seeding left it.

    Django's flush after such a test emptied every table and ran every app's post-migrate work
    again, and the next test then had to seed the demo again (a minute each); copying the
    snapshot back takes a second or two.
    """
    from django.test import TransactionTestCase

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", lambda test_case: demo_snapshot.restore())
        yield


@pytest.fixture
def demo_world(db, media_root):
    """The whole demo: co-ops, producers, products, pages in both languages (seeded once per
    session and there in every test: committing tests end by putting it back)."""


@pytest.fixture
def query_budget():
    return QueryBudget


def _commits(item) -> bool:
    """Does this test commit for real (and so flush the database when it ends)?"""
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool(COMMITTING_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    """Committing tests go last; PostgreSQL-only tests skip on SQLite locally, never in CI."""
    items.sort(key=_commits)
    if connection.vendor == "postgresql":
        return
    if IN_CI:
        pytest.exit("CI runs the suite on PostgreSQL: set DATABASE_URL", returncode=3)
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)"))


# Playwright's sync API runs an event loop in the test thread; the ORM calls the test itself
# makes (fixtures, assertions) are still plain synchronous code. Session-scoped fixtures start
# that loop before any function-scoped fixture could set this, so it is set at import.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium through Playwright, one for the whole run (a second sync Playwright cannot start)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: apt-get install chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()

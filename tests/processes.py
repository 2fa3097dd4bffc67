"""Real processes beside the test run: the task worker and web servers on production settings.

They reach the test database (the one pytest created) and a Redis database of their own,
so what they do is seen by the test exactly as one web process sees another's work.
"""

import base64
import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection

from traceability import signing

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE_TASK_BACKEND = "django_tasks_db.DatabaseBackend"
#: Redis for the processes' shared cache (a database number of its own, flushed by the tests;
#: one per pytest-xdist worker: gw0 uses 12, gw1 13, …).
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", f"redis://127.0.0.1:6379/{12 + _WORKER}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url_for_another_process() -> str:
    """The address of the database pytest created, for another process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = quote(db["USER"] or "")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _signing_key_of_this_run() -> str:
    raw = signing.private_key().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return base64.b64encode(raw).decode()


def production_env(**overrides: str) -> dict[str, str]:
    """Environment of a process on the production settings, sharing this test's database and media."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "shop.settings.production",
        "SECRET_KEY": "multi-process-test-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "False",
        "DATABASE_URL": database_url_for_another_process(),
        "CONN_MAX_AGE": "0",
        "REDIS_URL": REDIS_TEST_URL,
        "TASKS_BACKEND": DATABASE_TASK_BACKEND,
        "MEDIA_ROOT": str(getattr(default_storage, "location", "") or settings.MEDIA_ROOT),
        "LOG_LEVEL": "WARNING",
        # The test run's own seal key, so that seals made by either side verify on the other.
        "TRACE_SIGNING_KEY": _signing_key_of_this_run(),
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    env.update(overrides)
    return env


def run_worker_batch(env: dict[str, str], *, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``manage.py db_worker --batch``: every task ready now, then exit."""
    return subprocess.run(
        [PYTHON, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--interval", "0", "-v", "2"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )


class OwnRedis:
    """A redis-server this test run started on a free port, so a test may stop and start it."""

    def __init__(self, tmp_path: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.dir = tmp_path
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


def wait_for_port(port: int, *, timeout: float = 30) -> None:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port}")


def start_moto_server(port: int) -> subprocess.Popen:
    """moto's S3 API (server mode) on localhost: a real S3 protocol endpoint for the storage tests."""
    process = subprocess.Popen(
        [str(Path(PYTHON).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_port(port)
    return process

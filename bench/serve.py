"""Shared benchmark plumbing: a throwaway demo shop served by gunicorn, loaded by wrk.

Each benchmark builds its own data in a temporary folder (SQLite + media), starts gunicorn with
2 workers and production settings, and measures URLs with wrk from a second process.
"""

import base64
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass
class Result:
    name: str
    path: str
    requests_per_second: float
    p99_ms: float
    errors: int
    p50_ms: float = 0.0

    def ratio_to(self, reference: "Result") -> float:
        return self.requests_per_second / reference.requests_per_second


def bench_environment(workdir: Path, database_url: str = "") -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="shop.settings.production",
        DATABASE_URL=database_url or f"sqlite:///{workdir / 'bench.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        SECRET_KEY="bench-only-secret-key-" + "x" * 40,
        TRACE_SIGNING_KEY=base64.b64encode(secrets.token_bytes(32)).decode(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="False",
        SECURE_HSTS_SECONDS="0",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="ERROR",
    )
    # BENCH_REDIS_URL: the shared cache of a scaled-out shop; without it, the in-process cache
    # of the embedded shape (one cache per gunicorn worker, as measured before Redis).
    if redis_url := os.environ.get("BENCH_REDIS_URL"):
        env.update(REDIS_URL=redis_url, TASKS_BACKEND="django_tasks_db.DatabaseBackend")
    else:
        env.update(SINGLE_PROCESS="true")
    return env


def manage(env: dict, *args: str) -> str:
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"manage.py {args[0]} failed:\n{done.stderr}")
    return done.stdout


@contextmanager
def demo_shop(extra_setup: str = "", database_url: str = ""):
    """Migrate and seed a fresh demo in a temporary folder; run ``extra_setup`` (Python) in the shell.

    ``database_url`` names an empty database to use instead of a temporary SQLite file.
    """
    workdir = Path(tempfile.mkdtemp(prefix="ocop-bench-"))
    env = bench_environment(workdir, database_url)
    try:
        if "REDIS_URL" in env:
            # A fresh shop starts with an empty cache: renditions and pages cached by an earlier
            # run name files of that run's media folder.
            manage(env, "shell", "-c", "from django.core.cache import caches; [c.clear() for c in caches.all()]")
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "seed_demo")
        manage(env, "collectstatic", "--no-input", "-v0")
        if extra_setup:
            manage(env, "shell", "-c", extra_setup)
        yield env
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def gunicorn(env: dict, port: int = 8765, workers: int = 2, *, app: str = "shop.wsgi", cwd: Path = ROOT,
             ready_path: str = "/healthz"):
    """Serve ``app`` from ``cwd`` until the block ends; waits until ``ready_path`` answers.

    Exits if another server listens on ``port`` or gunicorn stops first, so that a benchmark never
    measures a server it did not start.
    """
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            sys.exit(f"port {port} is taken by another server")
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", app, f"--workers={workers}", f"--bind=127.0.0.1:{port}",
         "--log-level=warning"],
        cwd=cwd, env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            if process.poll() is not None:
                sys.exit(f"gunicorn {app} on port {port} stopped (exit code {process.returncode})")
            try:
                urllib.request.urlopen(base + ready_path, timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def free_port() -> int:
    """A TCP port no server listens on now, for a benchmark's gunicorn."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def warm(base: str, path: str, times: int = 5) -> int:
    """Request a page a few times (fills caches, creates renditions); returns its size in bytes."""
    size = 0
    for _ in range(times):
        with urllib.request.urlopen(base + path, timeout=30) as response:
            assert response.status == 200, (path, response.status)
            size = len(response.read())
    return size


def wrk(base: str, name: str, path: str, seconds: int = 10, connections: int = 8) -> Result:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", base + path],
        check=True, capture_output=True, text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def percentile(label: str) -> float:
        found = re.search(label + r"%\s+([\d.]+)(us|ms|s)", out)
        return float(found.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[found.group(2)]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return Result(name, path, rps, percentile("99"), int(errors.group(1)) if errors else 0, percentile("50"))


def report(results: list[Result], reference: Result, out_file: Path) -> None:
    print(f"{'page':<22} {'req/s':>9} {'p99 ms':>8} {'of /healthz':>12} {'errors':>7}")
    for r in results:
        ratio = r.ratio_to(reference)
        print(f"{r.name:<22} {r.requests_per_second:>9.1f} {r.p99_ms:>8.1f} {ratio:>11.1%} {r.errors:>7}")
    out_file.parent.mkdir(exist_ok=True)
    rows = [r.__dict__ | {"ratio": r.ratio_to(reference)} for r in results]
    out_file.write_text(json.dumps(rows, indent=2))
